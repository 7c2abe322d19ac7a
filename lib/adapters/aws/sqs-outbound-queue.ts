import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OutboundJob } from '../../domain/outbound-job.ts';
import type { OutboundQueue } from '../../domain/ports.ts';

export class SqsOutboundQueue implements OutboundQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: OutboundJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }));
  }
}
