import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Clock } from '../../lib/domain/ports.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly functionName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly batchSize: number;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly handler: SqsHandler;
  /** The queue's visibility timeout (topology): how long a failed record stays hidden before it is offered again, as in AWS. */
  readonly visibilityTimeoutSeconds: number;
  /** Time as the stack sees it: a test clock that jumps makes the visibility timeout pass without waiting. */
  readonly clock: Clock;
  /** Offer failed records again after this many seconds instead of the visibility timeout (a demo that should not wait minutes). */
  readonly retryDelaySeconds?: number;
}

// Failed records stay hidden in the emulator this long (the SQS maximum) while the poller holds them on the stack's clock.
const PARKED_SECONDS = 43_200;

/**
 * What Lambda's SQS event source mapping does: receive a batch, invoke the
 * handler with the real event shape, delete what succeeded, and leave failed
 * records (batchItemFailures) to come back — and, after maxReceiveCount, to
 * go to the dead-letter queue.
 */
export class SqsPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  /** Failed records waiting out their visibility timeout on the stack's clock: receipt handle → when they are offered again. */
  private readonly parked = new Map<string, number>();

  constructor(private readonly options: PollerOptions) {}

  /** When the earliest failed record becomes visible again (epoch ms on the stack's clock), if any waits. */
  nextRetryAt(): number | undefined {
    return this.parked.size > 0 ? Math.min(...this.parked.values()) : undefined;
  }

  /** Makes failed records whose visibility timeout has passed on the stack's clock visible again. */
  private async releaseDue(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const due = [...this.parked].filter(([, at]) => at <= now).map(([handle]) => handle);
    for (let i = 0; i < due.length; i += 10) {
      const batch = due.slice(i, i + 10);
      await this.options.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: batch.map((handle, j) => ({ Id: String(j), ReceiptHandle: handle, VisibilityTimeout: 0 })),
        }),
      );
      for (const handle of batch) this.parked.delete(handle);
    }
  }

  /** Receives and handles one batch; returns how many records it handled. */
  async pollOnce(waitTimeSeconds = 0): Promise<number> {
    const o = this.options;
    await this.releaseDue();
    const out = await o.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: o.queueUrl,
        MaxNumberOfMessages: o.batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) return 0;

    const records = messages.map((m) => this.toRecord(m));
    let failedIds: Set<string>;
    try {
      const response = await o.handler({ Records: records }, this.context());
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      // A handler that throws fails the whole batch, as in Lambda.
      failedIds = new Set(records.map((r) => r.messageId));
    }
    const succeeded = messages.filter((m) => !failedIds.has(m.MessageId ?? ''));
    const failed = messages.filter((m) => failedIds.has(m.MessageId ?? ''));
    if (succeeded.length > 0) {
      await o.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: o.queueUrl,
          Entries: succeeded.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    if (failed.length > 0) {
      // As Lambda does: a failed record comes back after the queue's visibility timeout, measured on the stack's clock.
      await o.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: o.queueUrl,
          Entries: failed.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: PARKED_SECONDS })),
        }),
      );
      const visibleAt = o.clock.now().getTime() + (o.retryDelaySeconds ?? o.visibilityTimeoutSeconds) * 1000;
      for (const m of failed) this.parked.set(m.ReceiptHandle ?? '', visibleAt);
    }
    return messages.length;
  }

  /** Polls continuously (long polling) until stop(). */
  start(onError: (error: unknown) => void): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.pollOnce(1);
        } catch (error) {
          if (!this.running) break;
          onError(error);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
    this.abort = new AbortController();
  }

  private toRecord(m: Message): SQSRecord {
    const o = this.options;
    const a = m.Attributes ?? {};
    return {
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
        SentTimestamp: a.SentTimestamp ?? String(Date.now()),
        SenderId: a.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
          k,
          { dataType: v.DataType ?? 'String', ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}) },
        ]),
      ),
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: o.queueArn,
      awsRegion: o.region,
    };
  }

  private context(): Context {
    const o = this.options;
    const deadline = Date.now() + o.timeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: o.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${o.region}:000000000000:function:${o.functionName}`,
      memoryLimitInMB: String(o.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${o.functionName}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}
