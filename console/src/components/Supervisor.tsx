import { useCallback, useState } from 'preact/hooks';
import { type Api, ok, type SlaReport, type Ticket } from '../api/client.ts';
import type { Translate } from '../i18n.ts';
import { useNow, usePolling } from '../time.ts';
import { CategoryBadge, Notice, StatusBadge, TicketDue } from './ui.tsx';

/** How often the supervisor view refreshes (its figures read whole queues, so less often than the board). */
const SUPERVISOR_POLL_MS = 15_000;

interface SupervisorProps {
  api: Api;
  t: Translate;
  locale: string;
}

/** Threats and escalations first, then SLA attainment per queue, then who holds what. */
export function Supervisor({ api, t, locale }: SupervisorProps) {
  const now = useNow();
  const [report, setReport] = useState<SlaReport>();
  const [working, setWorking] = useState<Ticket[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (current: () => boolean) => {
      try {
        const [r, open, pending] = await Promise.all([
          ok(api.GET('/reports/sla')),
          ok(api.GET('/tickets', { params: { query: { status: 'open', limit: 200 } } })),
          ok(api.GET('/tickets', { params: { query: { status: 'pending', limit: 200 } } })),
        ]);
        if (!current()) return;
        setReport(r);
        setWorking([...open.tickets, ...pending.tickets]);
        setError(undefined);
      } catch (e) {
        if (current()) setError((e as Error).message);
      }
    },
    [api],
  );
  usePolling(load, SUPERVISOR_POLL_MS, [load]);

  const urgent = (working ?? []).filter((x) => x.category === 'threat' || x.escalation);
  const holders = new Map<string, Ticket[]>();
  for (const x of working ?? []) if (x.assignee) holders.set(x.assignee, [...(holders.get(x.assignee) ?? []), x]);
  const link = (ticketId: string) => <a href={`#/tickets/${ticketId}`}>{ticketId}</a>;

  return (
    <>
      <h1>{t('supervisorTitle')}</h1>
      {error && <Notice kind="error">{t('error', { message: error })}</Notice>}
      <section aria-labelledby="urgent-heading">
        <h2 id="urgent-heading">{t('urgentTitle')}</h2>
        {working === undefined ? (
          <p>{t('loading')}</p>
        ) : urgent.length === 0 ? (
          <p>{t('noUrgent')}</p>
        ) : (
          <ul class="urgent">
            {urgent.map((x) => (
              <li key={x.ticketId} class="urgent-item">
                {link(x.ticketId)} <CategoryBadge category={x.category} t={t} /> <StatusBadge status={x.status} t={t} /> {x.subject} ·{' '}
                <TicketDue ticket={x} now={now} t={t} locale={locale} />
                {x.escalation && <p class="small">{t('escalatedBy', { name: x.escalation.by, reason: x.escalation.reason })}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="attainment-heading">
        <h2 id="attainment-heading">{t('attainmentTitle')}</h2>
        {report && (
          <table class="report">
            <thead>
              <tr>
                <th scope="col">{t('colQueue')}</th>
                <th scope="col">{t('colTickets')}</th>
                <th scope="col">{t('colMet')}</th>
                <th scope="col">{t('colBreached')}</th>
                <th scope="col" title={t('colAtRiskHint')}>
                  {t('colAtRisk')}
                </th>
                <th scope="col">{t('colOverdue')}</th>
                <th scope="col">{t('colAttainment')}</th>
              </tr>
            </thead>
            <tbody>
              {report.queues.map((q) => (
                <tr key={q.category}>
                  <th scope="row">
                    <CategoryBadge category={q.category} t={t} />
                  </th>
                  <td>{q.tickets}</td>
                  <td>{q.met}</td>
                  <td>{q.breached}</td>
                  <td>{q.atRisk}</td>
                  <td>{q.overdue}</td>
                  <td>{q.attainment === null ? '—' : `${(q.attainment * 100).toFixed(1)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="holders-heading">
        <h2 id="holders-heading">{t('holdersTitle')}</h2>
        {holders.size === 0 ? (
          <p>{t('noHolders')}</p>
        ) : (
          <table class="report">
            <thead>
              <tr>
                <th scope="col">{t('colAssignee')}</th>
                <th scope="col">{t('colHeld')}</th>
              </tr>
            </thead>
            <tbody>
              {[...holders.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([agent, held]) => (
                  <tr key={agent}>
                    <th scope="row">{agent}</th>
                    <td>
                      <ul class="plain inline">
                        {held.map((x) => (
                          <li key={x.ticketId}>
                            {link(x.ticketId)} <CategoryBadge category={x.category} t={t} />
                          </li>
                        ))}
                      </ul>
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
