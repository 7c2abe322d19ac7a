import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One message in a dead-letter queue, as it died. */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** Deliveries it had before it was moved here (its source queue's maxReceiveCount or more). */
  readonly receiveCount: number;
  /** When it was first sent to its source queue. */
  readonly sentAt?: string;
}

/** Reads and replays a dead-letter queue with plain SQS calls, the same against AWS and the local emulator. */
export class DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    readonly url: string,
  ) {}

  async depth(): Promise<number> {
    const { Attributes: a = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
  }

  /** Up to `max` messages, left in the queue (made visible again at once). */
  async peek(max: number): Promise<DeadLetter[]> {
    const messages = await this.receive(max, 30);
    if (messages.length > 0) {
      for (let i = 0; i < messages.length; i += 10) {
        await this.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.url,
            Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })),
          }),
        );
      }
    }
    return messages.map(toDeadLetter);
  }

  /** Moves up to `max` messages back to their source queue: each is sent there before it is deleted here, so none is lost. */
  async redrive(sourceUrl: string, max: number): Promise<number> {
    let moved = 0;
    while (moved < max) {
      const batch = await this.receive(Math.min(10, max - moved), 60);
      if (batch.length === 0) break;
      for (const m of batch) {
        await this.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: m.Body ?? '' }));
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: m.ReceiptHandle }));
        moved += 1;
      }
    }
    return moved;
  }

  private async receive(max: number, visibilityTimeout: number): Promise<Message[]> {
    const out: Message[] = [];
    const seen = new Set<string>();
    while (out.length < max) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.url,
          MaxNumberOfMessages: Math.min(10, max - out.length),
          VisibilityTimeout: visibilityTimeout,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((m) => !seen.has(m.MessageId ?? ''));
      if (fresh.length === 0) break;
      for (const m of fresh) seen.add(m.MessageId ?? '');
      out.push(...fresh);
    }
    return out;
  }
}

function toDeadLetter(m: Message): DeadLetter {
  const sent = Number(m.Attributes?.SentTimestamp);
  return {
    messageId: m.MessageId ?? '',
    body: m.Body ?? '',
    receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
  };
}
