import { z } from 'zod';
import { TimeZoneSchema } from './config-values.ts';
import { AddressSchema, CategorySchema, LocaleSchema } from './ticket.ts';

const Base = {
  schemaVersion: z.literal(1),
  /** Deterministic, so a job enqueued twice is sent once. */
  jobId: z.string().min(1),
  ticketId: z.string().regex(/^T-\d+$/),
  /** For SLA mail: the clock epoch it was made for; a ticket that moved on makes it stale. */
  slaEpoch: z.number().int().optional(),
};

const Threading = {
  inReplyTo: z.string().optional(),
  references: z.array(z.string()),
};

/** Automatic mail to the customer, rendered from a template. */
export const CustomerJobSchema = z.object({
  ...Base,
  ...Threading,
  kind: z.enum(['acknowledgement', 'apology', 'boundary', 'threat-received', 'still-on-it', 'pending-reminder', 'follow-up', 'resolution-summary']),
  to: AddressSchema,
  /** The support address the customer wrote to; replies come from it. */
  from: z.string().min(3),
  locale: LocaleSchema,
  category: CategorySchema,
  customerSubject: z.string(),
  /** A short excerpt of what the customer wrote, restated in the first reply. */
  excerpt: z.string().max(300).default(''),
  firstResponseDueAt: z.iso.datetime(),
  /** The customer's zone for deadlines; the team's when unknown. */
  customerTimeZone: TimeZoneSchema.optional(),
  /** For the resolution summary: what the agent did, in their words. */
  summary: z.string().min(1).max(5000).optional(),
  /** For first replies: when the customer's mail arrived, to measure time to acknowledgement. */
  receivedAt: z.iso.datetime().optional(),
});

/** Mail a person wrote: sent as written, not marked automatic, and it counts as a response. */
export const AgentReplyJobSchema = z.object({
  ...Base,
  ...Threading,
  kind: z.literal('agent-reply'),
  to: AddressSchema,
  from: z.string().min(3),
  subject: z.string(),
  text: z.string().min(1),
  agentName: z.string().min(1),
});

/** What an internal notice says; the mailer renders it from a template in the supervisors' language. */
export const NoticeSchema = z.object({
  category: CategorySchema,
  subtype: z.string().optional(),
  priority: z.number().int(),
  customer: AddressSchema,
  customerSubject: z.string(),
  unverified: z.boolean(),
  clock: z.enum(['first-response', 'next-response', 'resolution']).optional(),
  dueAt: z.iso.datetime().optional(),
  signals: z.array(z.object({ rule: z.string(), excerpt: z.string() })).max(20),
  customerUpdated: z.boolean().default(false),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** An internal notice to supervisors, security or legal, published to the alerts topic. */
export const AlertJobSchema = z.object({
  ...Base,
  kind: z.literal('alert'),
  alert: z.enum(['threat', 'sla-warning', 'sla-breach']),
  notice: NoticeSchema,
});

export const OutboundJobSchema = z.discriminatedUnion('kind', [CustomerJobSchema, AgentReplyJobSchema, AlertJobSchema]);
export type OutboundJob = z.infer<typeof OutboundJobSchema>;
export type CustomerJob = z.infer<typeof CustomerJobSchema>;
export type AgentReplyJob = z.infer<typeof AgentReplyJobSchema>;
export type AlertJob = z.infer<typeof AlertJobSchema>;
