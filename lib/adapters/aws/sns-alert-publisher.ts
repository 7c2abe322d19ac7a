import type { SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../../domain/ports.ts';
import { queueSafe, wellFormed } from '../../domain/safe-text.ts';

/**
 * Alerts go to one SNS topic; supervisors, security and legal subscribe to it (email, chat, pager).
 * The client may be given as a function that loads it: a function that publishes rarely (ingest, on
 * threats) then loads the SNS package at its first alert instead of at every cold start.
 */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly sns: SNSClient | (() => Promise<SNSClient>),
    private readonly topicArn: string,
  ) {}

  async publish(alert: { subject: string; text: string; attributes: Record<string, string> }): Promise<{ messageId: string }> {
    // SNS email subjects: one line of printable ASCII under 100 characters. A subject in
    // Chinese gets a plain one, and opens the message instead.
    const subject = alert.subject.replace(/[\r\n]+/g, ' ').trim();
    const ascii = /^[\x20-\x7e]+$/.test(subject);
    const [{ PublishCommand }, sns] = await Promise.all([import('@aws-sdk/client-sns'), typeof this.sns === 'function' ? this.sns() : this.sns]);
    const out = await sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: (ascii ? subject : `Inbox Triage: ${alert.attributes.alert ?? 'alert'} ${alert.attributes.ticketId ?? ''}`).slice(0, 99).trim(),
        // Subscribers include SQS queues, which refuse some characters a customer's subject may hold.
        Message: queueSafe(wellFormed(ascii ? alert.text : `${subject}\n\n${alert.text}`)),
        MessageAttributes: Object.fromEntries(Object.entries(alert.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
