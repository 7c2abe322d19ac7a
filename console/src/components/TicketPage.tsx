import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type Api,
  ApiError,
  type AuditEntry,
  CATEGORIES,
  type Category,
  LOCALES,
  type Locale,
  ok,
  TEMPLATES,
  type TemplateName,
  type ThreadMessage,
  type Ticket,
  type TicketView,
} from '../api/client.ts';
import type { Session } from '../auth.ts';
import { highlight, splitQuoted } from '../highlight.ts';
import { auditAction, type Translate } from '../i18n.ts';
import { useNow } from '../time.ts';
import { CategoryBadge, Countdown, CustomerFlags, Notice, StatusBadge } from './ui.tsx';

interface TicketPageProps {
  api: Api;
  session: Session;
  t: Translate;
  locale: string;
  ticketId: string;
  /** Set by the keyboard shortcuts: the page focuses the reply box or resolves. */
  command?: { name: 'reply' | 'resolve'; seq: number } | undefined;
}

type Outcome = { kind: 'info' | 'error'; text: string };

/** How often an open ticket looks for colleagues' changes. */
const TICKET_POLL_MS = 10_000;

/** The template an agent most likely wants first for this queue. */
function suggestedTemplate(category: Category): TemplateName {
  return category === 'complaint' ? 'apology' : category === 'rude' ? 'boundary' : 'acknowledgement';
}

/** What others did to the ticket after the version the agent saw. */
function changesSince(audit: readonly AuditEntry[], seenAt: string, me: string): AuditEntry[] {
  return audit.filter((a) => a.at > seenAt && a.actor !== me);
}

/** One audit entry in words: who did what, from which value to which, and why. */
function AuditLine({ entry: a, t, strong = false }: { entry: AuditEntry; t: Translate; strong?: boolean }) {
  const what = t('auditLine', { actor: a.actor, action: auditAction(t, a.action) });
  return (
    <>
      {strong ? <strong>{what}</strong> : what}
      {a.from || a.to ? ` (${a.from ?? ''} → ${a.to ?? ''})` : ''}
      {a.detail ? `: ${a.detail}` : ''}
    </>
  );
}

/** A ticket that can be resolved: the Resolve button and the `e` shortcut alike. */
function resolvable(status: string): boolean {
  return status === 'open' || status === 'pending';
}

export function TicketPage({ api, session, t, locale, ticketId, command }: TicketPageProps) {
  const now = useNow();
  const [view, setView] = useState<TicketView>();
  const [loadError, setLoadError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [conflict, setConflict] = useState<AuditEntry[]>();
  /** A newer version a colleague made while this page was open, not yet shown (the agent loads it when ready). */
  const [newer, setNewer] = useState<{ view: TicketView; changes: AuditEntry[] }>();
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState('');
  const [template, setTemplate] = useState<TemplateName>('apology');
  const [draftLocale, setDraftLocale] = useState<Locale>('en');
  const [waitForCustomer, setWaitForCustomer] = useState(false);
  const [note, setNote] = useState('');
  const [summary, setSummary] = useState('');
  const [newCategory, setNewCategory] = useState<Category>('routine');
  const [reason, setReason] = useState('');
  const [escalation, setEscalation] = useState('');
  const [flags, setFlags] = useState({ rude: false, threat: false, vip: false });
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const fetchView = useCallback(() => ok(api.GET('/tickets/{id}', { params: { path: { id: ticketId } } })), [api, ticketId]);

  const adopt = useCallback((next: TicketView, first: boolean) => {
    setView(next);
    setNewer(undefined);
    if (first) {
      setTemplate(suggestedTemplate(next.ticket.category));
      setDraftLocale(next.ticket.locale);
      setNewCategory(CATEGORIES.find((c) => c !== next.ticket.category) ?? 'routine');
      setFlags({ rude: Boolean(next.customer.flags.rude), threat: Boolean(next.customer.flags.threat), vip: Boolean(next.customer.flags.vip) });
    }
  }, []);

  useEffect(() => {
    fetchView()
      .then((v) => {
        adopt(v, true);
        heading.current?.focus();
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [fetchView, adopt]);

  // Every so often, look for colleagues' changes and offer them; the page never swaps the ticket under the agent's hands.
  useEffect(() => {
    if (!view) return;
    const id = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      fetchView()
        .then((fresh) => {
          if (fresh.ticket.version === view.ticket.version) return;
          const changes = changesSince(fresh.audit, view.ticket.updatedAt, session.username);
          if (changes.length > 0) setNewer({ view: fresh, changes });
        })
        .catch(() => undefined);
    }, TICKET_POLL_MS);
    return () => clearInterval(id);
  }, [view, fetchView, session.username]);

  /**
   * Runs one action against the version the agent saw. A 409 for a stale
   * version reloads the ticket and shows what colleagues did since; the
   * agent's typed text stays where it was.
   */
  const act = async (run: (ticket: Ticket) => Promise<unknown>, done: string, after?: () => void) => {
    if (!view || busy) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      await run(view.ticket);
      after?.();
      adopt(await fetchView(), false);
      setConflict(undefined);
      setOutcome({ kind: 'info', text: done });
    } catch (e) {
      try {
        if (e instanceof ApiError && e.status === 409 && e.code === 'stale-version') {
          const fresh = await fetchView();
          setConflict(changesSince(fresh.audit, view.ticket.updatedAt, session.username));
          adopt(fresh, false);
        } else if (e instanceof ApiError && e.status === 409) {
          setOutcome({ kind: 'error', text: t('conflictOther', { message: e.message }) });
          adopt(await fetchView(), false);
        } else {
          setOutcome({ kind: 'error', text: t('error', { message: (e as Error).message }) });
        }
      } catch (reload) {
        setOutcome({ kind: 'error', text: t('error', { message: (reload as Error).message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const id = { params: { path: { id: ticketId } } };
  const sendReply = () =>
    act(
      (tk) => ok(api.POST('/tickets/{id}/replies', { ...id, body: { text: reply, expectedVersion: tk.version, waitForCustomer } })),
      t('replySent'),
      () => setReply(''),
    );
  const resolve = () =>
    act(
      (tk) => ok(api.POST('/tickets/{id}/status', { ...id, body: { status: 'resolved', expectedVersion: tk.version, ...(summary.trim() ? { summary: summary.trim() } : {}) } })),
      t('statusSaved', { status: t('st_resolved') }),
      () => setSummary(''),
    );
  const setStatus = (status: 'pending' | 'open' | 'closed') =>
    act((tk) => ok(api.POST('/tickets/{id}/status', { ...id, body: { status, expectedVersion: tk.version } })), t('statusSaved', { status: t(`st_${status}`) }));

  // Keyboard shortcuts from the app: r focuses the reply, e resolves. A key pressed before this page opened is not for it.
  const lastCommand = useRef(command?.seq ?? 0);
  useEffect(() => {
    if (!command || command.seq === lastCommand.current || !view) return;
    lastCommand.current = command.seq;
    if (command.name === 'reply') replyBox.current?.focus();
    else if (resolvable(view.ticket.status)) void resolve();
  });

  const insertTemplate = async () => {
    try {
      const draft = await ok(api.GET('/tickets/{id}/drafts/{template}', { params: { path: { id: ticketId, template }, query: { locale: draftLocale } } }));
      setReply(draft.text);
      replyBox.current?.focus();
    } catch (e) {
      setOutcome({ kind: 'error', text: t('error', { message: (e as Error).message }) });
    }
  };

  if (loadError) return <Notice kind="error">{t('error', { message: loadError })}</Notice>;
  if (!view) return <p>{t('loading')}</p>;
  const { ticket, thread, audit, customer } = view;
  const mine = ticket.assignee === session.username;
  const sla = ticket.sla;
  const signals = ticket.classification.signals;
  const past = customer.tickets.filter((x) => x.ticketId !== ticket.ticketId);

  return (
    <article class="ticket" aria-labelledby="ticket-heading">
      <p>
        <a href="#/">← {t('backToBoard')}</a>
      </p>
      <header class="ticket-header">
        <h1 id="ticket-heading" tabIndex={-1} ref={heading}>
          {t('ticketTitle', { id: ticket.ticketId, subject: ticket.subject })}
        </h1>
        <p class="ticket-meta">
          <StatusBadge status={ticket.status} t={t} /> <CategoryBadge category={ticket.category} t={t} />{' '}
          <span data-holder={ticket.assignee ?? ''}>{mine ? t('heldByYou') : ticket.assignee ? t('heldBy', { name: ticket.assignee }) : t('notHeld')}</span>{' '}
          {!ticket.assignee && (
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => act((tk) => ok(api.POST('/tickets/{id}/assignee', { ...id, body: { assignee: session.username, expectedVersion: tk.version } })), t('taken'))}
            >
              {t('take')}
            </button>
          )}
          {mine && (
            <button
              type="button"
              class="button secondary"
              disabled={busy}
              onClick={() => act((tk) => ok(api.POST('/tickets/{id}/assignee', { ...id, body: { assignee: null, expectedVersion: tk.version } })), t('released'))}
            >
              {t('release')}
            </button>
          )}
        </p>
        <p>
          {t('from')}: {ticket.customer.name ? `${ticket.customer.name} <${ticket.customer.address}>` : ticket.customer.address} <CustomerFlags flags={customer.flags} t={t} />
        </p>
        {ticket.unverified && <Notice kind="warning">{t('unverified')}</Notice>}
        {ticket.escalation && <Notice kind="warning">{t('escalatedBy', { name: ticket.escalation.by, reason: ticket.escalation.reason })}</Notice>}
      </header>

      {conflict && (
        <div class="notice notice-warning conflict" role="alert">
          <h2>{t('conflictTitle')}</h2>
          <p>{t('conflictBody')}</p>
          {conflict.length > 0 && (
            <ul>
              {conflict.map((a) => (
                <li key={`${a.at}${a.action}`}>
                  <AuditLine entry={a} t={t} strong />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {newer && !conflict && (
        <div class="notice notice-warning changed" role="status">
          <p>
            <strong>{t('changedTitle')}</strong> {newer.changes.map((a) => t('auditLine', { actor: a.actor, action: auditAction(t, a.action) })).join('; ')}
          </p>
          <button type="button" class="button secondary" onClick={() => adopt(newer.view, false)}>
            {t('loadChanges')}
          </button>
        </div>
      )}
      {outcome && <Notice kind={outcome.kind}>{outcome.text}</Notice>}

      <div class="ticket-layout">
        <div class="ticket-main">
          <section aria-labelledby="thread-heading">
            <h2 id="thread-heading">{t('threadTitle')}</h2>
            <ol class="thread">
              {thread.map((m) => (
                <ThreadItem key={m.messageKey} message={m} signals={signals} t={t} locale={locale} />
              ))}
            </ol>
          </section>

          <section aria-labelledby="reply-heading" class="panel">
            <h2 id="reply-heading">{t('replyTitle')}</h2>
            <div class="row">
              <div class="field">
                <label for="template">{t('template')}</label>
                <select id="template" value={template} onChange={(e) => setTemplate(e.currentTarget.value as TemplateName)}>
                  {TEMPLATES.map((name) => (
                    <option key={name} value={name}>
                      {t(`templates_${name}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="template-locale">{t('templateLanguage')}</label>
                <select id="template-locale" value={draftLocale} onChange={(e) => setDraftLocale(e.currentTarget.value as Locale)}>
                  {LOCALES.map((l) => (
                    <option key={l} value={l}>
                      {t(`loc_${l}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" class="button secondary" onClick={insertTemplate}>
                {t('insertTemplate')}
              </button>
            </div>
            <div class="block">
              <label for="reply">{t('replyText')}</label>
              <textarea id="reply" ref={replyBox} rows={10} value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
            </div>
            <label class="check">
              <input type="checkbox" checked={waitForCustomer} onChange={(e) => setWaitForCustomer(e.currentTarget.checked)} />
              {t('waitForCustomer')}
            </label>
            <button type="button" class="button" disabled={busy || reply.trim() === ''} onClick={sendReply}>
              {t('sendReply')}
            </button>
          </section>

          <section aria-labelledby="note-heading" class="panel">
            <h2 id="note-heading">{t('noteTitle')}</h2>
            <div class="block">
              <label for="note">{t('noteText')}</label>
              <textarea id="note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </div>
            <button
              type="button"
              class="button secondary"
              disabled={busy || note.trim() === ''}
              onClick={() =>
                act(
                  (tk) => ok(api.POST('/tickets/{id}/notes', { ...id, body: { text: note, expectedVersion: tk.version } })),
                  t('noteSaved'),
                  () => setNote(''),
                )
              }
            >
              {t('addNote')}
            </button>
          </section>
        </div>

        <aside class="ticket-side">
          <section aria-labelledby="status-heading" class="panel">
            <h2 id="status-heading">{t('statusTitle')}</h2>
            <div class="block">
              <label for="summary">{t('summary')}</label>
              <textarea id="summary" rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
            </div>
            <div class="row">
              {resolvable(ticket.status) && (
                <button type="button" class="button" disabled={busy} onClick={resolve}>
                  {t('resolve')}
                </button>
              )}
              {ticket.status === 'open' && (
                <button type="button" class="button secondary" disabled={busy} onClick={() => setStatus('pending')}>
                  {t('setPending')}
                </button>
              )}
              {ticket.status !== 'open' && (
                <button type="button" class="button secondary" disabled={busy} onClick={() => setStatus('open')}>
                  {t('reopen')}
                </button>
              )}
              {ticket.status !== 'closed' && (
                <button type="button" class="button secondary" disabled={busy} onClick={() => setStatus('closed')}>
                  {t('closeTicket')}
                </button>
              )}
            </div>
          </section>

          <section aria-labelledby="sla-heading" class="panel">
            <h2 id="sla-heading">{t('slaTitle')}</h2>
            <dl class="facts">
              <dt>{t('responseDue')}</dt>
              <dd>{sla?.response ? <Countdown dueAt={sla.response.dueAt} now={now} t={t} locale={locale} /> : t('noAnswerOwed')}</dd>
              <dt>{t('resolutionDue')}</dt>
              <dd>
                {sla?.resolution.state === 'running' ? (
                  <Countdown dueAt={sla.resolution.dueAt} now={now} t={t} locale={locale} />
                ) : sla?.resolution.state === 'paused' ? (
                  t('clockPaused')
                ) : (
                  t('clockStopped')
                )}
              </dd>
              <dt>{t('priority')}</dt>
              <dd>{sla?.priority ?? 0}</dd>
            </dl>
          </section>

          <section aria-labelledby="why-heading" class="panel">
            <h2 id="why-heading">{t('classificationTitle')}</h2>
            <p>
              <CategoryBadge category={ticket.classification.category} t={t} /> {t('confidence', { value: `${Math.round(ticket.classification.confidence * 100)} %` })} ·{' '}
              {t('languageDetected', { value: t(`loc_${ticket.classification.language}`) })}
            </p>
            {ticket.classification.needsReview && <p class="badge review">{t('reviewAdvised')}</p>}
            <h3>{t('signals')}</h3>
            {signals.length === 0 ? (
              <p>{t('noSignals')}</p>
            ) : (
              <ul class="signals">
                {signals.map((s) => (
                  <li key={s.rule}>
                    <code>{s.rule}</code> <span class="muted">({s.weight})</span>:{' '}
                    {s.span ? (
                      <q>
                        {s.excerpt.slice(0, s.span.start)}
                        <mark>{s.excerpt.slice(s.span.start, s.span.end)}</mark>
                        {s.excerpt.slice(s.span.end)}
                      </q>
                    ) : (
                      // Without a span the excerpt is an explanation or the model's own quoted words: not a quote of the customer.
                      <span>{s.excerpt}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="recat-heading" class="panel">
            <h2 id="recat-heading">{t('recategoriseTitle')}</h2>
            <div class="block">
              <label for="new-queue">{t('newQueue')}</label>
              <select id="new-queue" value={newCategory} onChange={(e) => setNewCategory(e.currentTarget.value as Category)}>
                {CATEGORIES.filter((c) => c !== ticket.category).map((c) => (
                  <option key={c} value={c}>
                    {t(`cat_${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="block">
              <label for="reason">{t('reason')}</label>
              <input id="reason" type="text" value={reason} minLength={3} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
            </div>
            <button
              type="button"
              class="button secondary"
              disabled={busy || reason.trim().length < 3}
              onClick={() =>
                act(
                  (tk) => ok(api.POST('/tickets/{id}/category', { ...id, body: { category: newCategory, reason: reason.trim(), expectedVersion: tk.version } })),
                  t('recategorised', { queue: t(`cat_${newCategory}`) }),
                  () => setReason(''),
                )
              }
            >
              {t('recategorise')}
            </button>
          </section>

          <section aria-labelledby="flag-heading" class="panel">
            <h2 id="flag-heading">{t('flagTitle')}</h2>
            {(['rude', 'threat', 'vip'] as const).map((f) => (
              <label key={f} class="check">
                <input type="checkbox" checked={flags[f]} onChange={(e) => setFlags({ ...flags, [f]: e.currentTarget.checked })} />
                {t(`flag_${f}`)}
              </label>
            ))}
            <button
              type="button"
              class="button secondary"
              disabled={busy}
              onClick={() => act((tk) => ok(api.POST('/tickets/{id}/customer-flags', { ...id, body: { flags, expectedVersion: tk.version } })), t('flagsSaved'))}
            >
              {t('saveFlags')}
            </button>
          </section>

          <section aria-labelledby="escalate-heading" class="panel">
            <h2 id="escalate-heading">{t('escalateTitle')}</h2>
            <div class="block">
              <label for="escalation-reason">{t('reason')}</label>
              <input id="escalation-reason" type="text" value={escalation} minLength={3} maxLength={500} onInput={(e) => setEscalation(e.currentTarget.value)} />
            </div>
            <button
              type="button"
              class="button secondary"
              disabled={busy || escalation.trim().length < 3}
              onClick={() =>
                act(
                  (tk) => ok(api.POST('/tickets/{id}/escalation', { ...id, body: { reason: escalation.trim(), expectedVersion: tk.version } })),
                  t('escalated'),
                  () => setEscalation(''),
                )
              }
            >
              {t('escalate')}
            </button>
          </section>

          {past.length > 0 && (
            <section aria-labelledby="past-heading" class="panel">
              <h2 id="past-heading">{t('pastTickets')}</h2>
              <ul class="plain">
                {past.map((p) => (
                  <li key={p.ticketId}>
                    <a href={`#/tickets/${p.ticketId}`}>{p.ticketId}</a> {p.subject} <StatusBadge status={p.status} t={t} />
                  </li>
                ))}
              </ul>
            </section>
          )}

          <details class="panel">
            <summary>{t('auditTitle')}</summary>
            <ol class="audit">
              {audit.map((a) => (
                <li key={`${a.at}${a.action}${a.actor}`}>
                  <time dateTime={a.at}>{new Date(a.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })}</time> <AuditLine entry={a} t={t} />
                </li>
              ))}
            </ol>
          </details>
        </aside>
      </div>
    </article>
  );
}

function ThreadItem({ message, signals, t, locale }: { message: ThreadMessage; signals: Ticket['classification']['signals']; t: Translate; locale: string }) {
  // The page re-renders every second (its countdowns) and on every keystroke: split and highlight once per message.
  const { history, segments } = useMemo(() => {
    if (message.direction !== 'inbound') return { history: undefined, segments: [{ text: message.text, signal: undefined }] };
    const split = splitQuoted(message.text, message.quoted);
    return { history: split.history, segments: highlight(split.fresh, signals) };
  }, [message, signals]);
  const who = message.direction === 'inbound' ? t('inbound') : message.direction === 'outbound' ? t('outbound') : t('note');
  return (
    <li class={`message message-${message.direction}`} data-direction={message.direction}>
      <p class="message-head">
        <strong>{who}</strong> · {message.from.name ?? message.from.address} ·{' '}
        <time dateTime={message.at}>{new Date(message.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</time>
      </p>
      <div class="message-text">
        {segments.map((s, i) =>
          s.signal ? (
            <mark key={i} title={s.signal}>
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </div>
      {history && (
        <details class="quoted">
          <summary>{t('quotedHistory')}</summary>
          <div class="message-text">{history}</div>
        </details>
      )}
      {message.attachments && message.attachments.length > 0 && (
        <p>
          {t('attachments')}:{' '}
          {message.attachments.map((a) =>
            a.url && /^https?:\/\//.test(a.url) ? (
              <a key={a.key} href={a.url} rel="noreferrer noopener">
                {a.filename}
              </a>
            ) : (
              <span key={a.key}>{a.filename}</span>
            ),
          )}
        </p>
      )}
    </li>
  );
}
