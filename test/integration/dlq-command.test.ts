import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { triage } from '../helpers/cli.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';
import { receivedNotification } from '../helpers/ses.ts';

describe('triage dlq list | show | redrive on the local stack', () => {
  let stack: LocalStack;
  let connect: string[];

  beforeAll(async () => {
    stack = await startTestStack('dlq', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
    const prefix = stack.resources.tableName.replace(/-Tickets$/, '');
    connect = ['--prefix', prefix, '--endpoint', stack.endpoints.sqs, '--dynamodb-endpoint', stack.endpoints.dynamodb];
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('says why a notification died (its raw mail was missing) and replays it once the mail is back', async () => {
    // Prepare: SES's notification arrives before the raw mail can be read; it dies after three attempts
    const { bucket, queues } = stack.resources;
    const notification = receivedNotification({ bucket, key: 'inbound/late-1', sesMessageId: 'ses-late-1' });
    const body = JSON.stringify({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: JSON.stringify(notification) });
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: queues.inbound.url, MessageBody: body }));
    await stack.drain();

    // Act + Assess: list and show
    const list = await triage(['dlq', 'list', ...connect, '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      { queue: 'inbound', deadLetters: 1 },
      { queue: 'outbound', deadLetters: 0 },
      { queue: 'feedback', deadLetters: 0 },
    ]);
    const show = await triage(['dlq', 'show', 'inbound', ...connect]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`SES message ses-late-1: the raw mail is missing at s3://${bucket}/inbound/late-1`);
    expect(show.stdout).toMatch(/received [3-9]×/);

    // Act: the mail turns up; replay
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbound/late-1', Body: rawMail({ messageId: '<late-1@example.net>' }) }));
    const redrive = await triage(['dlq', 'redrive', 'inbound', ...connect]);
    await stack.drain();

    // Assess
    expect(redrive.stdout.trim()).toBe('Sent 1 message back to the inbound queue.');
    const delivery = await dynamoStores(stack.clients.documents, stack.resources.tableName).deliveries.find('ses-late-1');
    expect(delivery?.outcome).toBe('ticket-created');
    expect(await stack.queueDepth(queues.inbound.dlqUrl)).toBe(0);
  });

  it('refuses a bad command line with one line and exit code 2', async () => {
    const bad = await triage(['dlq', 'show', 'nowhere', ...connect]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("triage dlq: unknown queue 'nowhere': one of inbound, outbound, feedback");
  });
});
