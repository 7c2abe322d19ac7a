import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../../domain/ports.ts';

/** Alerts go to one SNS topic; supervisors, security and legal subscribe to it (email, chat, pager). */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: { subject: string; text: string; attributes: Record<string, string> }): Promise<{ messageId: string }> {
    const out = await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // SNS email subjects: one line, at most 100 characters.
        Subject: alert.subject.replace(/[\r\n]+/g, ' ').slice(0, 100),
        Message: alert.text,
        MessageAttributes: Object.fromEntries(Object.entries(alert.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
