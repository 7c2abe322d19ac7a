import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import type { SesReceivedNotification } from '../../lib/adapters/aws/ses-notification.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';
import { receivedNotification } from '../helpers/ses.ts';

/** An SNS envelope around an SES Received notification, as SQS holds it with raw delivery off. */
function snsWrapped(notification: SesReceivedNotification): string {
  return JSON.stringify({ Type: 'Notification', MessageId: 'test', TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: JSON.stringify(notification) });
}

const notificationFor = (bucket: string, key: string, sesMessageId: string) => receivedNotification({ bucket, key, sesMessageId });

function record(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:inbound',
    awsRegion: 'us-east-1',
  };
}

describe('poison records', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack('poison', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports only the bad records of a batch as failures', async () => {
    // Prepare: one good message, one whose S3 object is gone, one that is not JSON
    const { bucket } = stack.resources;
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbound/good-1', Body: rawMail({ messageId: '<good-1@x>' }) }));
    const event: SQSEvent = {
      Records: [
        record('r-good', snsWrapped(notificationFor(bucket, 'inbound/good-1', 'ses-good-1'))),
        record('r-missing', snsWrapped(notificationFor(bucket, 'inbound/does-not-exist', 'ses-missing-1'))),
        record('r-garbage', '{not json'),
      ],
    };

    // Act
    const response = await stack.handlers.ingest(event, {} as never);

    // Assess
    const failed = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier).sort();
    expect(failed).toEqual(['r-garbage', 'r-missing']);
    const store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    expect(await store.deliveries.find('ses-good-1')).toMatchObject({ outcome: 'ticket-created' });
    expect(await store.deliveries.find('ses-missing-1')).toBeUndefined();
  });

  it('sends a poison message to the DLQ after its retries while the rest of its batch succeeds', async () => {
    // Prepare
    const { bucket, queues } = stack.resources;
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbound/good-2', Body: rawMail({ messageId: '<good-2@x>' }) }));
    // The poison: a notification whose raw mail is gone (an empty message is recorded and alerted instead: unreadable-mail.test.ts)
    for (const body of [snsWrapped(notificationFor(bucket, 'inbound/good-2', 'ses-good-2')), snsWrapped(notificationFor(bucket, 'inbound/gone-2', 'ses-gone-2'))]) {
      await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: queues.inbound.url, MessageBody: body }));
    }

    // Act
    await stack.drain();

    // Assess
    const store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    expect(await store.deliveries.find('ses-good-2')).toMatchObject({ outcome: 'ticket-created' });
    expect(await store.deliveries.find('ses-gone-2')).toBeUndefined();
    const dead = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.inbound.dlqUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    expect(dead.Messages).toHaveLength(1);
    expect(dead.Messages![0]!.Body).toContain('ses-gone-2');
    expect(Number(dead.Messages![0]!.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(3);
  });
});
