import type { Ticket } from './ticket.ts';

/**
 * When a person must act on the ticket next, from its live SLA clocks: the
 * answer owed, else the resolution deadline; a ticket with no running clock
 * has no deadline (undefined).
 */
export function nextDeadline(ticket: Pick<Ticket, 'sla'>): string | undefined {
  const { sla } = ticket;
  if (!sla) return undefined;
  if (sla.response) return sla.response.dueAt;
  return sla.resolution.state === 'running' ? sla.resolution.dueAt : undefined;
}

/** The time we promised the customer a person would answer by (first replies state it). */
export function promisedAnswerBy(ticket: Pick<Ticket, 'sla' | 'createdAt'>): string {
  return ticket.sla?.response?.dueAt ?? ticket.sla?.firstResponseAt ?? ticket.createdAt;
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/**
 * The queue order, derived from the ticket alone: the earliest deadline
 * first, then the higher priority; tickets without a running clock last, in
 * order of arrival.
 */
export function urgencyKey(ticket: Pick<Ticket, 'sla' | 'createdAt'>): string {
  const deadline = nextDeadline(ticket);
  const priority = 9 - (ticket.sla?.priority ?? 0);
  return deadline ? `${deadline}#${priority}` : `${FAR_FUTURE}#${ticket.createdAt}`;
}
