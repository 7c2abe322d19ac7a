import { useCallback, useState } from 'preact/hooks';
import { type Api, CATEGORIES, type Category, ok, type QueueSummary, STATUSES, type Ticket, type TicketQuery, type TicketStatus } from '../api/client.ts';
import type { Session } from '../auth.ts';
import type { Translate } from '../i18n.ts';
import { nextDeadline, urgencyOf, useNow, usePolling } from '../time.ts';
import { CategoryBadge, CustomerFlags, Notice, TicketDue } from './ui.tsx';

export interface Filters {
  category: Category | '';
  status: TicketStatus;
  mine: boolean;
  unassigned: boolean;
  flagged: boolean;
  needsReview: boolean;
}

export const DEFAULT_FILTERS: Filters = { category: '', status: 'open', mine: false, unassigned: false, flagged: false, needsReview: false };

/** How often the board asks for changes: new tickets and colleagues' claims appear without a reload. */
export const BOARD_POLL_MS = 5000;

interface BoardProps {
  api: Api;
  session: Session;
  t: Translate;
  locale: string;
  filters: Filters;
  onFilters: (f: Filters) => void;
  onTakeNext: (category?: Category) => Promise<void>;
  notice?: string | undefined;
}

export function Board({ api, session, t, locale, filters, onFilters, onTakeNext, notice }: BoardProps) {
  const now = useNow();
  const [queues, setQueues] = useState<QueueSummary[]>();
  const [tickets, setTickets] = useState<Ticket[]>();
  const [updated, setUpdated] = useState<number>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (current: () => boolean) => {
      const query: TicketQuery = {
        status: filters.status,
        limit: 100,
        ...(filters.category ? { category: filters.category } : {}),
        ...(filters.mine ? { assignee: session.username } : {}),
        ...(filters.unassigned ? { unassigned: 'true' } : {}),
        ...(filters.flagged ? { flagged: 'true' } : {}),
        ...(filters.needsReview ? { needsReview: 'true' } : {}),
      };
      try {
        const [q, list] = await Promise.all([ok(api.GET('/queues')), ok(api.GET('/tickets', { params: { query } }))]);
        if (!current()) return;
        setQueues(q.queues);
        setTickets(list.tickets);
        setUpdated(Date.now());
        setError(undefined);
      } catch (e) {
        if (current()) setError((e as Error).message);
      }
    },
    [api, filters, session.username],
  );
  usePolling(load, BOARD_POLL_MS, [load]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onFilters({ ...filters, [key]: value });
  const openQueues = (queues ?? []).filter((q) => q.status === 'open');

  return (
    <>
      <h1>{t('boardTitle')}</h1>
      {notice && <Notice kind="info">{notice}</Notice>}
      {error && <Notice kind="error">{t('error', { message: error })}</Notice>}
      <section aria-labelledby="queues-heading">
        <h2 id="queues-heading" class="visually-hidden">
          {t('queuesSummary')}
        </h2>
        <ul class="queue-cards">
          {CATEGORIES.map((category) => {
            const q = openQueues.find((x) => x.category === category);
            return (
              <li key={category} class={`queue-card cat-edge-${category}`} data-queue={category}>
                <h3>
                  <CategoryBadge category={category} t={t} />
                </h3>
                <p class="queue-count">
                  <span class="count" data-count={category}>
                    {q?.count ?? 0}
                  </span>{' '}
                  {t('open')}
                </p>
                <dl class="queue-stats">
                  <div>
                    <dt>{t('unassigned')}</dt>
                    <dd>{q?.unassigned ?? 0}</dd>
                  </div>
                  <div class={q && q.atRisk > 0 ? 'stat-at-risk' : ''}>
                    <dt>{t('atRisk')}</dt>
                    <dd>{q?.atRisk ?? 0}</dd>
                  </div>
                  <div class={q && q.breached > 0 ? 'stat-breached' : ''}>
                    <dt>{t('breached')}</dt>
                    <dd>{q?.breached ?? 0}</dd>
                  </div>
                </dl>
                <button type="button" class="button" onClick={() => onTakeNext(category)}>
                  {t('takeNext')}
                  <span class="visually-hidden"> ({t(`cat_${category}`)})</span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="tickets-heading">
        <h2 id="tickets-heading">{t('ticketsTitle')}</h2>
        <fieldset class="filters">
          <legend>{t('filters')}</legend>
          <div class="field">
            <label for="f-filterCategory">{t('filterCategory')}</label>
            <select id="f-filterCategory" value={filters.category} onChange={(e) => set('category', e.currentTarget.value as Category | '')}>
              <option value="">{t('allQueues')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`cat_${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-filterStatus">{t('filterStatus')}</label>
            <select id="f-filterStatus" value={filters.status} onChange={(e) => set('status', e.currentTarget.value as TicketStatus)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`st_${s}`)}
                </option>
              ))}
            </select>
          </div>
          {(['mine', 'unassigned', 'flagged', 'needsReview'] as const).map((key) => (
            <label key={key} class="check">
              <input type="checkbox" checked={filters[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
              {t(key === 'unassigned' ? 'onlyUnassigned' : key)}
            </label>
          ))}
        </fieldset>
        {updated && <p class="muted small">{t('updatedAt', { time: new Date(updated).toLocaleTimeString(locale) })}</p>}
        {tickets === undefined ? (
          <p>{t('loading')}</p>
        ) : tickets.length === 0 ? (
          <p>{t('noTickets')}</p>
        ) : (
          <table class="tickets">
            <thead>
              <tr>
                <th scope="col">{t('colTicket')}</th>
                <th scope="col">{t('colSubject')}</th>
                <th scope="col">{t('colCustomer')}</th>
                <th scope="col">{t('colQueue')}</th>
                <th scope="col">{t('colAssignee')}</th>
                <th scope="col">{t('colDue')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.ticketId} class={`row-${urgencyOf(nextDeadline(ticket), now)}`} data-ticket={ticket.ticketId}>
                  <td>
                    <a href={`#/tickets/${ticket.ticketId}`}>{ticket.ticketId}</a>
                  </td>
                  <td class="subject">
                    {ticket.subject}
                    {ticket.classification.needsReview && <span class="badge review">{t('needsReview')}</span>}
                  </td>
                  <td>
                    {ticket.customer.name ?? ticket.customer.address} <CustomerFlags flags={ticket.customerFlags} t={t} />
                  </td>
                  <td>
                    <CategoryBadge category={ticket.category} t={t} />
                  </td>
                  <td data-assignee={ticket.assignee ?? ''}>{ticket.assignee ?? t('nobody')}</td>
                  <td>
                    <TicketDue ticket={ticket} now={now} t={t} locale={locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
