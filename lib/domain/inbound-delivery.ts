import type { RawMailRef } from './ticket.ts';

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/**
 * One message the mail service accepted for us, as the pipeline needs it:
 * where the raw mail is, who it was for, and what the receiving checks
 * said. The handler builds it from the provider's event (SES in AWS).
 */
export interface InboundDelivery {
  /** Unique per receipt (the SES message id): the key that makes redeliveries idempotent. */
  readonly deliveryKey: string;
  readonly receivedAt: string;
  readonly raw: RawMailRef;
  /** Our addresses the message was delivered to (the envelope recipients). */
  readonly recipients: readonly string[];
  /** The envelope sender (MAIL FROM); the fallback when the message has no usable From. */
  readonly envelopeSender: string;
  readonly verdicts: { readonly spam?: Verdict; readonly virus?: Verdict; readonly spf?: Verdict; readonly dkim?: Verdict; readonly dmarc?: Verdict };
}

/** What the mail service reports about mail we sent. */
export type SendingFeedback =
  | { readonly kind: 'bounce'; readonly permanent: boolean; readonly subtype: string; readonly addresses: readonly string[]; readonly sentMessageId: string }
  | { readonly kind: 'complaint'; readonly feedbackType: string; readonly addresses: readonly string[]; readonly sentMessageId: string }
  | { readonly kind: 'delivery'; readonly sentMessageId: string };
