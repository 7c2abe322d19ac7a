import type { AlertJob, CustomerJob } from '../domain/outbound-job.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { TimerKind } from './sla-clock.ts';

/** An alert about one ticket; the id makes it one alert per ticket, kind and clock epoch. */
export function alertJob(ticket: Ticket, alert: AlertJob['alert'], detail: string, epoch: number | undefined, kind: string): AlertJob {
  const label = alert === 'threat' ? 'Threat received' : alert === 'sla-warning' ? 'SLA at risk' : 'SLA breached';
  const customer = ticket.customer.name ? `${ticket.customer.name} <${ticket.customer.address}>` : ticket.customer.address;
  const signals = ticket.classification.signals.map((s) => `  - ${s.rule}: "${s.excerpt}"`).join('\n') || '  (none)';
  return {
    schemaVersion: 1,
    jobId: `alert:${alert}:${kind}:${ticket.ticketId}:${epoch ?? 0}`,
    ticketId: ticket.ticketId,
    ...(epoch !== undefined && alert !== 'threat' ? { slaEpoch: epoch } : {}),
    kind: 'alert',
    alert,
    subject: `[${label}] ${ticket.ticketId} ${ticket.category}${ticket.classification.subtype ? `/${ticket.classification.subtype}` : ''}: ${ticket.subject}`.slice(0, 100),
    text: [
      `${label}: ticket ${ticket.ticketId} (${ticket.category}${ticket.classification.subtype ? `, ${ticket.classification.subtype}` : ''}, priority ${ticket.sla?.priority ?? 0}).`,
      detail,
      `Customer: ${customer}${ticket.unverified ? ' (sender not verified: DMARC failed)' : ''}`,
      `Subject: ${ticket.subject}`,
      `Why it was classified so:\n${signals}`,
    ].join('\n'),
  };
}

/** Automatic mail to the customer about their ticket, valid only while the clock epoch holds. */
export function customerJob(
  ticket: Ticket,
  kind: CustomerJob['kind'],
  epoch: number | undefined,
  jobKind: TimerKind | 'ack',
  extra: { inReplyTo?: string; references: readonly string[]; excerpt?: string } = { references: [] },
): CustomerJob {
  return {
    schemaVersion: 1,
    jobId: `mail:${kind}:${jobKind}:${ticket.ticketId}:${epoch ?? 0}`,
    ticketId: ticket.ticketId,
    ...(epoch !== undefined ? { slaEpoch: epoch } : {}),
    kind,
    to: ticket.customer,
    from: ticket.supportAddress,
    locale: ticket.locale,
    category: ticket.category,
    customerSubject: ticket.subject,
    firstResponseDueAt: ticket.firstResponseDueAt,
    excerpt: extra.excerpt ?? '',
    ...(extra.inReplyTo ? { inReplyTo: extra.inReplyTo } : {}),
    references: [...extra.references],
  };
}
