import { ThreadMessageKindSchema } from './outbound-job.ts';
import { SlaStateSchema } from './sla-state.ts';
import { TICKET_ID } from './ticket-token.ts';
import * as z from './zod.ts';

export const CATEGORIES = ['threat', 'rude', 'complaint', 'routine'] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

/**
 * `spam` and `quarantined` are queues of their own: SES judged the mail spam, or it carried a virus.
 * `closed` is final for the team (no follow-up); a customer who writes again still reopens it.
 */
export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed', 'spam', 'quarantined'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const LOCALES = ['en', 'zh-Hans', 'zh-Hant'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const AddressSchema = z.object({
  address: z.string().check(z.minLength(3)),
  name: z.optional(z.string()),
});
export type Address = z.infer<typeof AddressSchema>;

export const SignalSchema = z.object({
  category: CategorySchema,
  rule: z.string(),
  /** In the customer's own characters, around what matched. */
  excerpt: z.string(),
  /** Where the matched words are in `excerpt`: [start, end) in UTF-16 units. */
  span: z.optional(z.object({ start: z.int().check(z.nonnegative()), end: z.int().check(z.nonnegative()) })),
  weight: z.number(),
});
export type Signal = z.infer<typeof SignalSchema>;

export const ClassificationSchema = z.object({
  category: CategorySchema,
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
  language: z.enum(['en', 'zh-Hans', 'zh-Hant', 'other']),
  needsReview: z.boolean(),
  scores: z.record(CategorySchema, z.number()),
  signals: z.array(SignalSchema),
  subtype: z.optional(z.string()),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** What agents should know about a customer before they answer: set by agents, shown on every ticket of theirs. */
export const CustomerFlagsSchema = z.object({
  rude: z.optional(z.boolean()),
  threat: z.optional(z.boolean()),
  vip: z.optional(z.boolean()),
});
export type CustomerFlags = z.infer<typeof CustomerFlagsSchema>;

export const CustomerProfileSchema = z.object({
  address: z.string().check(z.minLength(3)),
  flags: CustomerFlagsSchema,
  updatedAt: z.isoDateTime(),
  updatedBy: z.string(),
});
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

export const TicketSchema = z.object({
  schemaVersion: z.literal(1),
  ticketId: z.string().check(z.regex(TICKET_ID)),
  status: TicketStatusSchema,
  category: CategorySchema,
  classification: ClassificationSchema,
  customer: AddressSchema,
  /** The customer's zone as their mail client's Date header gave it; deadlines to them are shown in it. */
  customerTimeZone: z.optional(z.string()),
  supportAddress: z.string(),
  subject: z.string(),
  locale: LocaleSchema,
  createdAt: z.isoDateTime(),
  updatedAt: z.isoDateTime(),
  slaReasons: z.array(z.string()),
  /** Why no automatic reply went out, when none did (e.g. `autoreply-suppressed:auto-submitted`). */
  autoReplySuppressed: z.optional(z.string()),
  /** Addresses that may thread onto this ticket: the customer and everyone on its inbound mail (at most MAX_PARTICIPANTS). */
  participants: z._default(z.array(z.string()), []),
  /** A ticket opened by someone who quoted another ticket's token without being on it. */
  relatedTicketId: z.optional(z.string()),
  /** SES reported a DMARC failure: the sender may be forged. */
  unverified: z.optional(z.boolean()),
  reopenedCount: z._default(z.int().check(z.nonnegative()), 0),
  /** The customer's flags when the ticket was opened or last flagged (the profile has the current ones). */
  customerFlags: z.optional(CustomerFlagsSchema),
  /** When a supervisor was asked to take over, and why. */
  escalation: z.optional(z.object({ at: z.isoDateTime(), by: z.string(), reason: z.string() })),
  /** The agent working the ticket, if anyone has taken it. */
  assignee: z.optional(z.string()),
  /** What the agent who resolved the ticket told the customer they did, in their words. */
  resolutionSummary: z.optional(z.string().check(z.maxLength(5000))),
  /** SLA clocks, priority and timers' epoch (see lib/sla/sla-clock.ts). */
  sla: z.optional(SlaStateSchema),
  version: z.int().check(z.positive()),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const RawMailRefSchema = z.object({ bucket: z.string(), key: z.string() });
export type RawMailRef = z.infer<typeof RawMailRefSchema>;

/** RFC 5322 lets a reply shorten References; the first and the most recent ids are the ones clients thread by. */
export const MAX_REFERENCES = 20;

/**
 * A ticket keeps at most this many participants, the first ones kept: each reply from a verified sender may name
 * up to two hundred more on To and Cc, and the list lives on the ticket item, which DynamoDB caps at 400 KB. Anyone
 * beyond it who writes opens a linked ticket instead of threading onto this one.
 */
export const MAX_PARTICIPANTS = 50;

/** The participants of `existing` and then `added`, each once, at most MAX_PARTICIPANTS. */
export function joinParticipants(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])].slice(0, MAX_PARTICIPANTS);
}

/**
 * Message-IDs are short in practice (a header line of 998 characters is the hard limit). They become item keys
 * (a sort key holds 1,024 bytes), so a longer one is dropped rather than cut into an id no mail has.
 */
export const MAX_MESSAGE_ID_CHARS = 250;

export const ThreadMessageSchema = z.object({
  schemaVersion: z.literal(1),
  ticketId: z.string(),
  /** A note is internal: agents write it for each other; it is never sent. */
  direction: z.enum(['inbound', 'outbound', 'note']),
  /** Stable key of this message: the SES receipt id inbound, the outbound job id outbound. */
  messageKey: z.string(),
  /** The RFC 5322 Message-ID as other mail will reference it (for outbound: the one SES assigned). */
  messageId: z.optional(z.string()),
  at: z.isoDateTime(),
  from: AddressSchema,
  to: z.array(AddressSchema),
  subject: z.string(),
  text: z.string(),
  raw: z.optional(RawMailRefSchema),
  kind: z.optional(ThreadMessageKindSchema),
  /** Our own Message-ID header on outbound mail (SES assigns another; both thread). */
  headerMessageId: z.optional(z.string()),
  /** Machine-written mail on a ticket (an out-of-office reply): recorded, never changes the ticket. */
  automation: z.optional(z.string()),
  quoted: z.optional(z.string()),
  /** Inbound: the first sentence or so of the new text, restated in an apology. */
  excerpt: z.optional(z.string().check(z.maxLength(300))),
  /** Inbound: the message's own References (bounded), so a reply to it threads in the customer's mail client. */
  references: z.optional(z.array(z.string()).check(z.maxLength(MAX_REFERENCES))),
  /** Why what is shown differs from what was sent (characters replaced, text cut); the raw mail has the original. */
  notes: z.optional(z.array(z.string())),
  attachments: z.optional(
    z.array(
      z.object({
        filename: z.string(),
        contentType: z.string(),
        size: z.number(),
        key: z.string(),
        inline: z.boolean(),
        /** Only in views for agents: a short-lived download link; never stored. */
        url: z.optional(z.string()),
      }),
    ),
  ),
});
export type ThreadMessage = z.infer<typeof ThreadMessageSchema>;

/** An agent moved a ticket to another category: the classifier was wrong, and this says what was right. */
export const RecategorisationSchema = z.object({
  ticketId: z.string().check(z.regex(TICKET_ID)),
  at: z.isoDateTime(),
  from: CategorySchema,
  label: CategorySchema,
  reason: z.string(),
  agent: z.string(),
});
export type Recategorisation = z.infer<typeof RecategorisationSchema>;

/** Who did what to a ticket, when, from which value to which: one entry per lifecycle transition. */
export const AuditEntrySchema = z.object({
  ticketId: z.string().check(z.regex(TICKET_ID)),
  at: z.isoDateTime(),
  /** `customer`, `system`, or the agent's name. */
  actor: z.string().check(z.minLength(1)),
  action: z.string().check(z.minLength(1)),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  detail: z.optional(z.string().check(z.maxLength(2000))),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
