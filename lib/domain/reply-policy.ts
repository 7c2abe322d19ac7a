import type { SuppressionStore } from './ports.ts';
import type { Ticket } from './ticket.ts';

/** Limits on automatic mail, configurable per deployment. */
export interface AutoReplyPolicy {
  /** At most this many automatic mails to one mailbox (all its plus-address spellings together) per window… */
  readonly maxPerRecipient: number;
  /** …this many to all the mailboxes of one domain… */
  readonly maxPerDomain: number;
  /** …and this many in all… */
  readonly maxGlobal: number;
  /** …per window of this many minutes. */
  readonly windowMinutes: number;
  /** An address that bounced gets no automatic mail for this many days. */
  readonly bounceSuppressionDays: number;
}

// Well-known helpdesks cap at about 10 automatic replies per address per 3 hours.
// We are stricter: a person rarely opens more than a few new tickets an hour, and a
// loop with another robot must die fast. Follow-ups on a ticket get no automatic reply at all.
// A domain's ceiling stops a robot farm (or a forger cycling through one domain's addresses); the global one bounds
// what a storm can make us send at all, well inside a new SES account's daily quota.
export const DEFAULT_AUTO_REPLY_POLICY: AutoReplyPolicy = { maxPerRecipient: 5, maxPerDomain: 300, maxGlobal: 3000, windowMinutes: 180, bounceSuppressionDays: 60 };

/**
 * The mailbox an address delivers to, for counting: lower case, without a
 * plus-address tag (`Robot+1@Example.NET` → `robot@example.net`).
 */
export function mailboxOf(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  if (at <= 0) return a;
  return `${a.slice(0, at).split('+')[0]}${a.slice(at)}`;
}

/**
 * Takes one automatic mail from the allowances of the mailbox, its domain and
 * the whole deployment for the window containing `at`; the reason when one of
 * them is used up (the others may have been taken: a storm uses them up faster).
 */
export async function takeAutoMailAllowance(store: SuppressionStore, address: string, at: Date, policy: AutoReplyPolicy, use?: string): Promise<string | undefined> {
  const mailbox = mailboxOf(address);
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1);
  // Only the mailbox's counter remembers its uses (a handful per window): a copy of a message it already
  // allowed costs nothing anywhere, and the domain and global counters stay small items.
  const own = await store.takeAutoReplyAllowance(mailbox, at, policy.maxPerRecipient, policy.windowMinutes, use);
  if (own === 'refused') return `rate-limit:${policy.maxPerRecipient}-per-${policy.windowMinutes}min`;
  if (own === 'repeat') return undefined;
  const ceilings: ReadonlyArray<[key: string, max: number, reason: string]> = [
    [`domain:${domain}`, policy.maxPerDomain, `rate-limit-domain:${policy.maxPerDomain}-per-${policy.windowMinutes}min`],
    ['global', policy.maxGlobal, `rate-limit-global:${policy.maxGlobal}-per-${policy.windowMinutes}min`],
  ];
  for (const [key, max, reason] of ceilings) {
    if ((await store.takeAutoReplyAllowance(key, at, max, policy.windowMinutes)) === 'refused') return reason;
  }
  return undefined;
}

/**
 * Why no automatic mail at all may go to the ticket's customer, whatever the
 * occasion (first reply, still-on-it, reminder, follow-up, summary): the
 * reason the first reply was held back when it is about who sent the mail
 * and how (a forgery, a list, a robot, our own address). Reasons that change
 * with time (the reply allowance, the suppression list) are checked again
 * when each mail is sent.
 */
export function standingAutoMailBlocker(ticket: Pick<Ticket, 'autoReplySuppressed'>): string | undefined {
  const reason = ticket.autoReplySuppressed?.replace(/^autoreply-suppressed:/, '');
  if (!reason || reason.startsWith('rate-limit:') || reason.startsWith('address-suppressed:')) return undefined;
  return reason;
}

/**
 * The address automatic mail about a message goes out from: the configured
 * support address it was written to (any plus-address spelling), otherwise
 * the first (default) support address. Never an address of ours that is not
 * a support address: mail to `ceo@` of a domain we receive for is answered
 * from the default support address.
 */
export function replyFromAddress(recipients: readonly string[], supportAddresses: readonly string[]): string {
  const configured = new Map(supportAddresses.map((a) => [mailboxOf(a), a.toLowerCase()]));
  for (const r of recipients) {
    const match = configured.get(mailboxOf(r));
    if (match) return match;
  }
  const fallback = supportAddresses[0];
  if (!fallback) throw new Error('No support address is configured');
  return fallback.toLowerCase();
}

/**
 * Whether automatic mail may repeat the customer's words (their subject, an
 * excerpt): never to rude or threatening mail, whatever its queue now, so an
 * insult or a threat is not echoed back in our name.
 */
export function mayQuoteCustomer(ticket: Pick<Ticket, 'category' | 'classification'>): boolean {
  const hostile = (c: string) => c === 'rude' || c === 'threat';
  return !hostile(ticket.category) && !hostile(ticket.classification.category) && !ticket.classification.signals.some((s) => hostile(s.category));
}

/** Whether `address` may thread onto `ticket` by token or Message-ID: only people already on it. */
export function isParticipant(ticket: Ticket, address: string): boolean {
  const a = address.toLowerCase();
  return ticket.customer.address === a || ticket.participants.includes(a);
}
