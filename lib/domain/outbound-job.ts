import { TICKET_ID } from './ticket-token.ts';
import * as z from './zod.ts';

/**
 * Jobs on the outbound queue name a ticket and what to send; they carry no
 * customer text. The mailer reads subject, names and excerpts from the
 * ticket and its messages when it renders, so queue messages stay small
 * and free of whatever characters a customer wrote.
 */
const Base = {
  schemaVersion: z.literal(2),
  /** Deterministic, so a job enqueued twice is sent once. */
  jobId: z.string().check(z.minLength(1)),
  ticketId: z.string().check(z.regex(TICKET_ID)),
  /** For SLA mail: the clock epoch it was made for; a ticket that moved on makes it stale. */
  slaEpoch: z.optional(z.int()),
};

/** How long a claimed outbound job stays claimed before another attempt may take it over. */
export const OUTBOUND_LEASE_MS = 5 * 60_000;

/**
 * Attempts at one job whose outcome may be unknown: the first, and at most one
 * more after its lease ran out. A send that SES may have accepted is never
 * repeated blindly beyond that.
 */
export const MAX_SEND_ATTEMPTS = 2;

/** Where a thread message is stored: enough to read it back with one key lookup. */
export const MessageRefSchema = z.object({ at: z.isoDateTime(), messageKey: z.string().check(z.minLength(1)) });
export type MessageRef = z.infer<typeof MessageRefSchema>;

const CUSTOMER_MAIL_KINDS = ['acknowledgement', 'apology', 'boundary', 'threat-received', 'still-on-it', 'pending-reminder', 'follow-up', 'resolution-summary'] as const;
const CustomerMailKind = z.enum(CUSTOMER_MAIL_KINDS);
const AlertKind = z.enum(['threat', 'sla-warning', 'sla-breach', 'escalation']);
const MailKind = z.enum([...CUSTOMER_MAIL_KINDS, 'agent-reply']);

/**
 * What an outbound entry on a thread is: mail that went out, or a note of mail
 * that could not (`failed:…`, `suppressed:…`) or may not have (`unknown:…`), or an alert (`alert:…`).
 */
export const ThreadMessageKindSchema = z.union([
  MailKind,
  z.templateLiteral(['failed:', MailKind]),
  z.templateLiteral(['unknown:', MailKind]),
  z.templateLiteral(['suppressed:', CustomerMailKind]),
  z.templateLiteral(['alert:', AlertKind]),
]);
export type ThreadMessageKind = z.infer<typeof ThreadMessageKindSchema>;

/** Automatic mail to the customer, rendered from a template. */
export const CustomerJobSchema = z.object({
  ...Base,
  kind: CustomerMailKind,
  /** First replies answer one inbound message: it gives the threading headers, the excerpt and the time of receipt. */
  replyTo: z.optional(MessageRefSchema),
});

/** Mail a person wrote: sent as written, not marked automatic, and it counts as a response. */
export const AgentReplyJobSchema = z.object({
  ...Base,
  kind: z.literal('agent-reply'),
  /** The customer's message the answer threads under. */
  replyTo: z.optional(MessageRefSchema),
  /** The agent's own words; bounded well below the queue's message size. */
  text: z.string().check(z.minLength(1), z.maxLength(50_000)),
  agentName: z.string().check(z.minLength(1), z.maxLength(200)),
});

/** What an internal notice adds to the ticket: the clock that is at risk or broke, as it stood when the timer fired. */
export const NoticeFactsSchema = z.object({
  priority: z.int(),
  clock: z.optional(z.enum(['first-response', 'next-response', 'resolution'])),
  dueAt: z.optional(z.isoDateTime()),
  customerUpdated: z._default(z.boolean(), false),
});
export type NoticeFacts = z.infer<typeof NoticeFactsSchema>;

/** An internal notice to supervisors, security or legal, published to the alerts topic. */
export const AlertJobSchema = z.object({
  ...Base,
  kind: z.literal('alert'),
  alert: AlertKind,
  facts: NoticeFactsSchema,
});

export const OutboundJobSchema = z.discriminatedUnion('kind', [CustomerJobSchema, AgentReplyJobSchema, AlertJobSchema]);
export type OutboundJob = z.infer<typeof OutboundJobSchema>;
export type CustomerJob = z.infer<typeof CustomerJobSchema>;
export type AgentReplyJob = z.infer<typeof AgentReplyJobSchema>;
export type AlertJob = z.infer<typeof AlertJobSchema>;
