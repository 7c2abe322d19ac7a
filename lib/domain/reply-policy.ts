import type { Ticket } from './ticket.ts';

/** Limits on automatic mail, configurable per deployment. */
export interface AutoReplyPolicy {
  /** At most this many automatic replies to one address per window… */
  readonly maxPerRecipient: number;
  /** …of this many minutes. */
  readonly windowMinutes: number;
  /** An address that bounced gets no automatic mail for this many days. */
  readonly bounceSuppressionDays: number;
}

// Well-known helpdesks cap at about 10 automatic replies per address per 3 hours.
// We are stricter: a person rarely opens more than a few new tickets an hour, and a
// loop with another robot must die fast. Follow-ups on a ticket get no automatic reply at all.
export const DEFAULT_AUTO_REPLY_POLICY: AutoReplyPolicy = { maxPerRecipient: 5, windowMinutes: 180, bounceSuppressionDays: 60 };

/** Whether `address` may thread onto `ticket` by token or Message-ID: only people already on it. */
export function isParticipant(ticket: Ticket, address: string): boolean {
  const a = address.toLowerCase();
  return ticket.customer.address === a || ticket.participants.includes(a);
}
