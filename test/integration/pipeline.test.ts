import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

async function objectBody(stack: LocalStack, key: string): Promise<Buffer> {
  const out = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.resources.bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function ticketItems(stack: LocalStack) {
  const out = await stack.clients.documents.send(
    new QueryCommand({
      TableName: stack.resources.tableName,
      IndexName: 'byQueue',
      KeyConditionExpression: 'queuePk = :q',
      ExpressionAttributeValues: { ':q': 'QUEUE#complaint#open' },
    }),
  );
  return out.Items ?? [];
}

describe('pipeline: SMTP → S3 + SNS → SQS → ingest → DynamoDB → outbound → mailer → SES', () => {
  let stack: LocalStack;
  const customer = 'nora.pipeline@example.net';
  const customerMessageId = '<pipeline-1@mail.example.net>';

  beforeAll(async () => {
    stack = await startTestStack('pipeline');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores the raw mail, opens one classified ticket and sends one threaded acknowledgement', async () => {
    // Prepare
    const raw = rawMail({
      from: `Nora Quinn <${customer}>`,
      subject: 'Blender arrived broken',
      messageId: customerMessageId,
      body: 'Hello,\n\nThe blender I received is damaged and the lid is missing. I would like a replacement or a refund.\n\nNora',
    });

    // Act
    await stack.deliver(raw);
    await stack.drain();

    // Assess: raw MIME kept under inbound/ as it arrived (SMTP ends the data with a line break)
    const [notification] = stack.smtp.published;
    expect(notification?.receipt.action.objectKey).toMatch(/^inbound\//);
    const stored = await objectBody(stack, notification!.receipt.action.objectKey);
    expect(stored.toString('utf8').trimEnd()).toBe(raw.toString('utf8').trimEnd());

    // one ticket, in the complaint queue
    const items = await ticketItems(stack);
    expect(items).toHaveLength(1);
    // The queue index holds keys only: the ticket's id is in its key.
    const ticketId = String(items[0]!.pk).replace(/^TICKET#/, '');
    expect(ticketId).toMatch(/^T-\d+$/);
    const store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    const ticket = await store.tickets.getTicket(ticketId);
    expect(ticket?.category).toBe('complaint');
    expect(ticket?.customer).toEqual({ address: customer, name: 'Nora Quinn' });
    expect(ticket?.classification.signals.length).toBeGreaterThan(0);
    expect(ticket?.classification.scores.complaint).toBeGreaterThanOrEqual(0.7);
    expect(ticket?.classification).toMatchObject({ language: 'en', needsReview: false });

    // one acknowledgement in the SES store, with the ticket number in its subject
    const sent = await sentTo(stack, customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain(`[${ticketId}]`);

    // the exact raw copy carries the threading and automation headers
    const copy = await simpleParser(await objectBody(stack, `sent/${sent[0]!.messageId}.eml`));
    expect(copy.inReplyTo).toBe(customerMessageId);
    expect(copy.references).toBe(customerMessageId);
    expect(copy.headers.get('auto-submitted')).toBe('auto-replied');
    expect(copy.replyTo?.text).toBe(`support+${ticketId.toLowerCase()}@example.com`);
    expect(copy.text).toContain('Nora Quinn');

    // thread: the customer's message and our reply, with the id SES assigned
    const thread = await store.tickets.getThread(ticketId);
    expect(thread.map((m) => m.direction).sort()).toEqual(['inbound', 'outbound']);
    expect(thread.find((m) => m.direction === 'outbound')?.messageId).toBe(sent[0]!.messageId);
  });

  it('changes nothing when SES delivers the same notification again', async () => {
    // Prepare
    const [notification] = stack.smtp.published;
    const before = await ticketItems(stack);

    // Act: SES → SNS redelivery of the very same notification, twice
    for (let i = 0; i < 2; i += 1) {
      await stack.clients.sns.send(new PublishCommand({ TopicArn: stack.resources.topics.inboundMail, Message: JSON.stringify(notification) }));
    }
    await stack.drain();

    // Assess
    expect(await ticketItems(stack)).toEqual(before);
    expect(await sentTo(stack, customer)).toHaveLength(1);
    const listed = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.resources.bucket, Prefix: 'sent/' }));
    expect(listed.Contents ?? []).toHaveLength(1);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('answers each category with its own first reply, in the language of the customer', async () => {
    const cases = [
      { from: 'kim.complaint@example.net', subject: 'Damaged sofa', body: 'The sofa arrived torn and I want a replacement.', expect: 'I am sorry that things went wrong' },
      { from: 'lee.rude@example.net', subject: '你们客服', body: '你们这些废物，赶紧给我处理！', expect: '不要使用辱骂' },
      {
        from: 'pat.threat@example.net',
        subject: 'Final warning',
        body: 'If this is not fixed I will take legal action against you.',
        expect: 'passed to a senior member of our team',
      },
      { from: 'lin.routine@example.net', subject: '發票', body: '請問我的發票可以寄到公司嗎？謝謝您們的幫忙。', expect: '感謝您就' },
    ];
    for (const [i, c] of cases.entries()) {
      await stack.deliver(rawMail({ from: c.from, subject: c.subject, body: c.body, messageId: `<category-${i}@example.net>` }));
    }
    await stack.drain();
    for (const c of cases) {
      const [sent] = await sentTo(stack, c.from);
      const copy = await simpleParser(await objectBody(stack, `sent/${sent!.messageId}.eml`));
      expect(copy.text).toContain(c.expect);
    }
  });
});
