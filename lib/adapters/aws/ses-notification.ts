import { ValidationError } from '../../domain/errors.ts';
import type { InboundDelivery, SendingFeedback } from '../../domain/inbound-delivery.ts';
import { parseJsonText } from '../../domain/json-text.ts';
import * as z from '../../domain/zod.ts';
import { describeZodError } from '../../domain/zod-issues.ts';

const VerdictSchema = z.object({ status: z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']) });

/** The SNS notification an SES receipt rule's S3 action publishes (`notificationType: Received`). */
export const SesReceivedNotificationSchema = z.object({
  notificationType: z.literal('Received'),
  receipt: z.object({
    timestamp: z.isoDateTime({ offset: true }),
    recipients: z.array(z.string()).check(z.minLength(1)),
    spamVerdict: z.optional(VerdictSchema),
    virusVerdict: z.optional(VerdictSchema),
    spfVerdict: z.optional(VerdictSchema),
    dkimVerdict: z.optional(VerdictSchema),
    dmarcVerdict: z.optional(VerdictSchema),
    dmarcPolicy: z.optional(z.string()),
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().check(z.minLength(1)),
      objectKey: z.string().check(z.minLength(1)),
      topicArn: z.optional(z.string()),
    }),
  }),
  mail: z.object({
    timestamp: z.isoDateTime({ offset: true }),
    source: z.string(),
    /** Unique per receipt: the key that makes redelivered notifications idempotent. */
    messageId: z.string().check(z.minLength(1)),
    destination: z.array(z.string()),
    headersTruncated: z.optional(z.boolean()),
    headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
    commonHeaders: z.optional(z.record(z.string(), z.unknown())),
  }),
});
export type SesReceivedNotification = z.infer<typeof SesReceivedNotificationSchema>;

/** The SES notification as the pipeline's own InboundDelivery: the only place that knows SES's shape. */
export function toInboundDelivery(notification: SesReceivedNotification): InboundDelivery {
  const { receipt, mail } = notification;
  const verdicts = {
    ...(receipt.spamVerdict ? { spam: receipt.spamVerdict.status } : {}),
    ...(receipt.virusVerdict ? { virus: receipt.virusVerdict.status } : {}),
    ...(receipt.spfVerdict ? { spf: receipt.spfVerdict.status } : {}),
    ...(receipt.dkimVerdict ? { dkim: receipt.dkimVerdict.status } : {}),
    ...(receipt.dmarcVerdict ? { dmarc: receipt.dmarcVerdict.status } : {}),
  };
  return {
    deliveryKey: mail.messageId,
    receivedAt: new Date(receipt.timestamp).toISOString(),
    raw: { bucket: receipt.action.bucketName, key: receipt.action.objectKey },
    recipients: receipt.recipients,
    envelopeSender: mail.source,
    verdicts,
  };
}

const SnsEnvelopeSchema = z.object({
  Type: z.literal('Notification'),
  Message: z.string(),
});

/**
 * An SQS record body holds either an SNS envelope whose `Message` is the SES
 * notification (raw delivery off, the default) or the notification itself
 * (raw delivery on). Both are accepted.
 */
export function parseInboundRecordBody(body: string): SesReceivedNotification {
  const parsed = SesReceivedNotificationSchema.safeParse(unwrapSns(body));
  if (!parsed.success) {
    throw new ValidationError(`Not an SES Received notification with an S3 action: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** The SES notification inside an SQS body, with SNS raw delivery off (an envelope) or on. */
function unwrapSns(body: string): unknown {
  const outer = parseJsonText(body, 'SQS body');
  const envelope = SnsEnvelopeSchema.safeParse(outer);
  return envelope.success ? parseJsonText(envelope.data.Message, 'SNS Message') : outer;
}

const Recipients = z.array(z.object({ emailAddress: z.string().check(z.minLength(3)) })).check(z.minLength(1));

/** SES sending feedback: bounces and complaints about mail we sent (deliveries are ignored). */
export const SesFeedbackNotificationSchema = z.discriminatedUnion('notificationType', [
  z.object({
    notificationType: z.literal('Bounce'),
    bounce: z.object({ bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']), bounceSubType: z.optional(z.string()), bouncedRecipients: Recipients }),
    mail: z.object({ messageId: z.string() }),
  }),
  z.object({
    notificationType: z.literal('Complaint'),
    complaint: z.object({ complainedRecipients: Recipients, complaintFeedbackType: z.optional(z.string()) }),
    mail: z.object({ messageId: z.string() }),
  }),
  z.object({ notificationType: z.literal('Delivery'), mail: z.object({ messageId: z.string() }) }),
]);
export type SesFeedbackNotification = z.infer<typeof SesFeedbackNotificationSchema>;

/** An SQS record body holding SES sending feedback, as the pipeline's own SendingFeedback. */
export function parseFeedbackRecordBody(body: string): SendingFeedback {
  const n = parseSesFeedback(body);
  const sentMessageId = n.mail.messageId;
  switch (n.notificationType) {
    case 'Bounce':
      return {
        kind: 'bounce',
        permanent: n.bounce.bounceType === 'Permanent',
        subtype: n.bounce.bounceSubType ?? n.bounce.bounceType,
        addresses: n.bounce.bouncedRecipients.map((r) => r.emailAddress.toLowerCase()),
        sentMessageId,
      };
    case 'Complaint':
      return {
        kind: 'complaint',
        feedbackType: n.complaint.complaintFeedbackType ?? 'abuse',
        addresses: n.complaint.complainedRecipients.map((r) => r.emailAddress.toLowerCase()),
        sentMessageId,
      };
    case 'Delivery':
      return { kind: 'delivery', sentMessageId };
  }
}

function parseSesFeedback(body: string): SesFeedbackNotification {
  const inner = unwrapSns(body);
  // Configuration-set event destinations name the kind `eventType`; identity notifications name it `notificationType`.
  const normalised =
    inner && typeof inner === 'object' && 'eventType' in inner && !('notificationType' in inner)
      ? { ...inner, notificationType: (inner as { eventType: unknown }).eventType }
      : inner;
  const parsed = SesFeedbackNotificationSchema.safeParse(normalised);
  if (!parsed.success) throw new ValidationError(`Not an SES bounce, complaint or delivery notification: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
