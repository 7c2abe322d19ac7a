import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Category, createApi, ok } from '../api/client.ts';
import { cognitoSignOut, forgetSession, keepSession, type Session, storedSession } from '../auth.ts';
import type { ConsoleConfig } from '../config.ts';
import { localeFromBrowser, translator, UI_LOCALES, type UiLocale } from '../i18n.ts';
import { Board, DEFAULT_FILTERS, type Filters } from './Board.tsx';
import { SignIn } from './SignIn.tsx';
import { Supervisor } from './Supervisor.tsx';
import { TicketPage } from './TicketPage.tsx';

type Route = { page: 'board' } | { page: 'ticket'; ticketId: string } | { page: 'supervisor' };

function routeOf(hash: string): Route {
  const ticket = /^#\/tickets\/(T-\d+)$/.exec(hash);
  if (ticket?.[1]) return { page: 'ticket', ticketId: ticket[1] };
  if (hash === '#/supervisor') return { page: 'supervisor' };
  return { page: 'board' };
}

const LOCALE_KEY = 'inbox-triage.locale';

function initialLocale(): UiLocale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return (UI_LOCALES as readonly string[]).includes(saved ?? '') ? (saved as UiLocale) : localeFromBrowser(navigator.languages);
}

/** Typing in a field never triggers a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function App({ config, initialSession }: { config: ConsoleConfig; initialSession?: Session | undefined }) {
  const [session, setSession] = useState<Session | undefined>(initialSession ?? storedSession());
  const [locale, setLocale] = useState<UiLocale>(initialLocale);
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [notice, setNotice] = useState<string>();
  const [command, setCommand] = useState<{ name: 'reply' | 'resolve'; seq: number }>();
  const [shortcutsOn, setShortcutsOn] = useState(true);
  const help = useRef<HTMLDialogElement>(null);
  const main = useRef<HTMLElement>(null);
  const t = useMemo(() => translator(locale), [locale]);
  // UI locales are BCP 47 tags already: the page's `lang` and date formatting use them as they are.
  const tag = locale;

  useEffect(() => {
    document.documentElement.lang = tag;
    document.title = t('appName');
  }, [tag, t]);

  useEffect(() => {
    const onHash = () => {
      setNotice(undefined);
      setCommand(undefined);
      setRoute(routeOf(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  /** A refused token (expired, revoked) only forgets the session; the button also ends the hosted UI's. */
  const signOut = () => {
    forgetSession();
    setSession(undefined);
  };
  const signOutEverywhere = () => {
    signOut();
    if (config.auth.kind === 'cognito') cognitoSignOut(config.auth);
  };
  const api = useMemo(() => createApi(config.apiBase, () => session?.token, signOut), [config.apiBase, session?.token]);

  const go = (hash: string) => {
    if (location.hash !== hash) location.hash = hash;
    setRoute(routeOf(hash));
  };
  const open = (ticketId: string) => {
    setNotice(undefined);
    go(`#/tickets/${ticketId}`);
  };
  const takeNext = async (category?: Category) => {
    try {
      const { ticket } = await ok(api.POST('/claims', { body: category ? { category } : {} }));
      if (ticket) open(ticket.ticketId);
      else {
        setNotice(t('nothingWaiting'));
        go('#/');
      }
    } catch (e) {
      setNotice(t('error', { message: (e as Error).message }));
    }
  };

  useEffect(() => {
    if (!session || !shortcutsOn) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'n') void takeNext(filters.category || undefined);
      else if (e.key === 'b') go('#/');
      else if (e.key === '?') help.current?.showModal();
      else if ((e.key === 'r' || e.key === 'e') && route.page === 'ticket') setCommand({ name: e.key === 'r' ? 'reply' : 'resolve', seq: Date.now() });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const languagePicker = (
    <div class="language">
      <label for="ui-language">{t('language')}</label>
      <select
        id="ui-language"
        value={locale}
        onChange={(e) => {
          const next = e.currentTarget.value as UiLocale;
          localStorage.setItem(LOCALE_KEY, next);
          setLocale(next);
        }}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="zh-Hans" lang="zh-Hans">
          简体中文
        </option>
        <option value="zh-Hant" lang="zh-Hant">
          繁體中文
        </option>
      </select>
    </div>
  );

  return (
    <>
      {/* A button, not a link: the address's hash is the console's route. */}
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>
        {t('skipToMain')}
      </button>
      <header class="top">
        <p class="brand">{t('appName')}</p>
        {session && (
          <nav aria-label={t('appName')}>
            <ul>
              <li>
                <a href="#/" aria-current={route.page === 'board' ? 'page' : undefined}>
                  {t('navBoard')}
                </a>
              </li>
              {session.supervisor && (
                <li>
                  <a href="#/supervisor" aria-current={route.page === 'supervisor' ? 'page' : undefined}>
                    {t('navSupervisor')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div class="top-tools">
          {languagePicker}
          {session && (
            <>
              <button type="button" class="button link" onClick={() => help.current?.showModal()}>
                {t('shortcuts')}
              </button>
              <span class="who">{t('signedInAs', { name: session.username })}</span>
              <button type="button" class="button secondary" onClick={signOutEverywhere}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {!session ? (
          <SignIn
            config={config}
            t={t}
            onSignedIn={(s) => {
              keepSession(s);
              setSession(s);
            }}
          />
        ) : route.page === 'ticket' ? (
          // Keyed by ticket: another ticket is a fresh page, never the last one's unsent reply or error.
          <TicketPage key={route.ticketId} api={api} session={session} t={t} locale={tag} ticketId={route.ticketId} command={command} />
        ) : route.page === 'supervisor' && session.supervisor ? (
          <Supervisor api={api} t={t} locale={tag} />
        ) : (
          <Board api={api} session={session} t={t} locale={tag} filters={filters} onFilters={setFilters} onTakeNext={takeNext} notice={notice} />
        )}
      </main>
      {session && (
        <dialog ref={help} aria-labelledby="help-heading" class="help">
          <h2 id="help-heading">{t('shortcuts')}</h2>
          <dl class="keys">
            <dt>
              <kbd>n</kbd>
            </dt>
            <dd>{t('shortcutNext')}</dd>
            <dt>
              <kbd>r</kbd>
            </dt>
            <dd>{t('shortcutReply')}</dd>
            <dt>
              <kbd>e</kbd>
            </dt>
            <dd>{t('shortcutResolve')}</dd>
            <dt>
              <kbd>b</kbd>
            </dt>
            <dd>{t('shortcutBoard')}</dd>
            <dt>
              <kbd>?</kbd>
            </dt>
            <dd>{t('shortcutHelp')}</dd>
          </dl>
          <label class="check">
            <input type="checkbox" checked={shortcutsOn} onChange={(e) => setShortcutsOn(e.currentTarget.checked)} />
            {t('shortcutsOn')}
          </label>
          <form method="dialog">
            <button type="submit" class="button">
              {t('close')}
            </button>
          </form>
        </dialog>
      )}
    </>
  );
}
