import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { TestClock } from '../helpers/clock.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';
import { aTicket, seedTicket } from '../helpers/tickets.ts';

/** SES bounce and complaint notifications, as SNS delivers them (shapes from the SES developer guide). */
const bounce = (address: string, bounceType: string) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [{ emailAddress: address, status: '5.1.1', action: 'failed' }],
    timestamp: '2026-11-24T10:00:00.000Z',
    feedbackId: 'fb-1',
  },
  mail: { timestamp: '2026-11-24T09:59:00.000Z', source: 'support@example.com', messageId: 'ses-out-1', destination: [address] },
});
const complaint = (address: string) => ({
  notificationType: 'Complaint',
  complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse', timestamp: '2026-11-24T10:00:00.000Z', feedbackId: 'fb-2' },
  mail: { timestamp: '2026-11-24T09:59:00.000Z', source: 'support@example.com', messageId: 'ses-out-2', destination: [address] },
});

describe('SES feedback and suppression', () => {
  let stack: LocalStack;
  let suppressions: DynamoSuppressionStore;

  beforeAll(async () => {
    stack = await startTestStack('feedback', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
    suppressions = new DynamoSuppressionStore(stack.clients.documents, stack.resources.tableName);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function feedback(notification: object) {
    await stack.clients.sns.send(new PublishCommand({ TopicArn: stack.resources.topics.sesFeedback, Message: JSON.stringify(notification) }));
    await stack.drain();
  }

  it('suppresses an address that bounced permanently or complained, not one that bounced transiently', async () => {
    await feedback(bounce('Gone@Example.net', 'Permanent'));
    await feedback(complaint('angry@example.net'));
    await feedback(bounce('full@example.net', 'Transient'));
    const now = new Date();
    expect(await suppressions.suppressedReason('gone@example.net', now)).toBe('ses-bounce:General:ses-out-1');
    expect(await suppressions.suppressedReason('angry@example.net', now)).toBe('ses-complaint:abuse:ses-out-2');
    expect(await suppressions.suppressedReason('full@example.net', now)).toBeUndefined();
    expect(await stack.queueDepth(stack.resources.queues.feedback.dlqUrl)).toBe(0);
  });

  it('sends nothing automatic to a suppressed address, and the ticket says why', async () => {
    await feedback(complaint('never.again@example.net'));
    const before = stack.smtp.published.length;
    await stack.deliver(rawMail({ from: 'never.again@example.net', subject: 'One more question', messageId: '<never-1@example.net>', body: 'Can I change my delivery date?' }));
    await stack.drain();
    expect(await sentTo(stack, 'never.again@example.net')).toHaveLength(0);
    const store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    const delivery = await store.deliveries.find(stack.smtp.published[before]!.mail.messageId);
    const ticket = await store.tickets.getTicket(delivery!.ticketId!);
    expect(ticket?.autoReplySuppressed).toMatch(/^autoreply-suppressed:address-suppressed:ses-complaint:abuse/);
  });

  it('dead-letters a notification that is not SES feedback, with the rest of the batch unaffected', async () => {
    await stack.clients.sns.send(new PublishCommand({ TopicArn: stack.resources.topics.sesFeedback, Message: '{"notificationType":"Surprise"}' }));
    await feedback(bounce('later@example.net', 'Permanent'));
    expect(await suppressions.suppressedReason('later@example.net', new Date())).toMatch(/^ses-bounce/);
    expect(await stack.queueDepth(stack.resources.queues.feedback.dlqUrl)).toBe(1);
  });

  it('drops automatic mail queued before the address was suppressed, noting it on the ticket', async () => {
    await feedback(bounce('queued@example.net', 'Permanent'));
    const store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    await seedTicket(store.tickets, aTicket({ ticketId: 'T-19999', customer: { address: 'queued@example.net' }, subject: 'Invoice' }));
    await new SqsOutboundQueue(stack.clients.sqs, stack.resources.queues.outbound.url).enqueue({
      schemaVersion: 2,
      jobId: 'mail:follow-up:test:T-19999:1',
      ticketId: 'T-19999',
      kind: 'follow-up',
    });
    await stack.drain();
    expect(await sentTo(stack, 'queued@example.net')).toHaveLength(0);
    const thread = await store.tickets.getThread('T-19999');
    expect(thread.filter((m) => m.direction === 'outbound').map((m) => m.kind)).toEqual(['suppressed:follow-up']);
    expect(thread.find((m) => m.kind === 'suppressed:follow-up')?.text).toContain('ses-bounce:General');
  });
});
