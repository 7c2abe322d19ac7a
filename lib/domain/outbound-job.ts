import { z } from 'zod';
import { AddressSchema, CategorySchema, LocaleSchema } from './ticket.ts';

/** A message the mailer must send; one SQS message each. */
export const OutboundJobSchema = z.object({
  schemaVersion: z.literal(1),
  /** Deterministic, so a job enqueued twice is sent once. */
  jobId: z.string().min(1),
  kind: z.literal('acknowledgement'),
  ticketId: z.string().regex(/^T-\d+$/),
  to: AddressSchema,
  /** The support address the customer wrote to; replies come from it. */
  from: z.string().min(3),
  locale: LocaleSchema,
  category: CategorySchema,
  customerSubject: z.string(),
  firstResponseDueAt: z.iso.datetime(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()),
});
export type OutboundJob = z.infer<typeof OutboundJobSchema>;

export function acknowledgementJobId(ticketId: string, deliveryKey: string): string {
  return `ack:${ticketId}:${deliveryKey}`;
}
