import type { AlertJob, CustomerJob, Notice } from '../domain/outbound-job.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { TimerKind } from './sla-clock.ts';

/** An alert about one ticket; the id makes it one alert per ticket, kind and clock epoch. */
export function alertJob(
  ticket: Ticket,
  alert: AlertJob['alert'],
  epoch: number | undefined,
  kind: string,
  due: Pick<Notice, 'clock' | 'dueAt' | 'customerUpdated'> = { customerUpdated: false },
): AlertJob {
  return {
    schemaVersion: 1,
    jobId: `alert:${alert}:${kind}:${ticket.ticketId}:${epoch ?? 0}`,
    ticketId: ticket.ticketId,
    ...(epoch !== undefined && alert !== 'threat' ? { slaEpoch: epoch } : {}),
    kind: 'alert',
    alert,
    notice: {
      category: ticket.category,
      ...(ticket.classification.subtype ? { subtype: ticket.classification.subtype } : {}),
      priority: ticket.sla?.priority ?? 0,
      customer: ticket.customer,
      customerSubject: ticket.subject,
      unverified: ticket.unverified === true,
      ...due,
      signals: ticket.classification.signals.slice(0, 20).map((s) => ({ rule: s.rule, excerpt: s.excerpt })),
    },
  };
}

/** Automatic mail to the customer about their ticket, valid only while the clock epoch holds. */
export function customerJob(
  ticket: Ticket,
  kind: CustomerJob['kind'],
  epoch: number | undefined,
  jobKind: TimerKind | 'ack' | `resolved-${string}`,
  extra: { inReplyTo?: string; references: readonly string[]; excerpt?: string; summary?: string; receivedAt?: string } = { references: [] },
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
    ...(ticket.customerTimeZone ? { customerTimeZone: ticket.customerTimeZone } : {}),
    excerpt: extra.excerpt ?? '',
    ...(extra.summary ? { summary: extra.summary } : {}),
    ...(extra.receivedAt ? { receivedAt: extra.receivedAt } : {}),
    ...(extra.inReplyTo ? { inReplyTo: extra.inReplyTo } : {}),
    references: [...extra.references],
  };
}
