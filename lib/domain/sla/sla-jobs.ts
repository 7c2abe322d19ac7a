import type { AlertJob, CustomerJob, MessageRef, NoticeFacts } from '../outbound-job.ts';
import type { TimerKind } from '../sla-state.ts';
import type { Ticket } from '../ticket.ts';

/** An alert about one ticket; the id makes it one alert per ticket, kind and clock epoch. */
export function alertJob(
  ticket: Ticket,
  alert: AlertJob['alert'],
  epoch: number | undefined,
  kind: string,
  due: Omit<NoticeFacts, 'priority'> = { customerUpdated: false },
): AlertJob {
  return {
    schemaVersion: 2,
    jobId: `alert:${alert}:${kind}:${ticket.ticketId}:${epoch ?? 0}`,
    ticketId: ticket.ticketId,
    ...(epoch !== undefined && alert !== 'threat' ? { slaEpoch: epoch } : {}),
    kind: 'alert',
    alert,
    facts: { priority: ticket.sla?.priority ?? 0, ...due },
  };
}

/** Automatic mail to the customer about their ticket; with an epoch, valid only while that clock epoch holds. */
export function customerJob(
  ticket: Ticket,
  kind: CustomerJob['kind'],
  jobKind: TimerKind | 'ack' | `resolved-${string}`,
  options: { epoch?: number; replyTo?: MessageRef } = {},
): CustomerJob {
  return {
    schemaVersion: 2,
    jobId: `mail:${kind}:${jobKind}:${ticket.ticketId}:${options.epoch ?? 0}`,
    ticketId: ticket.ticketId,
    ...(options.epoch !== undefined ? { slaEpoch: options.epoch } : {}),
    kind,
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
  };
}
