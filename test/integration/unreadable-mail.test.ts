import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { MAX_NAME_CHARS } from '../../lib/mail/parse-mail.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';

const head = (id: string, extra: string) => `From: Odd Sender <odd.${id}@example.net>\r\nTo: support@example.com\r\nMessage-ID: <${id}@example.net>\r\n${extra}`;

/** Finding 5: legal mail no parser can read becomes a ticket or a recorded, alerted delivery, never a silent dead letter. */
describe('mail SES accepts but nobody can read', () => {
  let stack: LocalStack;
  let store: DynamoStores;
  let alerts: () => Promise<AlertMessage[]>;

  beforeAll(async () => {
    stack = await startTestStack('unreadable', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    alerts = await stack.listenToAlerts();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function deliver(raw: Buffer) {
    const before = stack.smtp.published.length;
    await stack.deliver(raw, { from: 'odd@example.net', to: ['support@example.com'] });
    await stack.drain();
    const notification = stack.smtp.published[before]!;
    const delivery = await store.deliveries.find(notification.mail.messageId);
    const ticket = delivery?.ticketId ? await store.tickets.getTicket(delivery.ticketId) : undefined;
    return { notification, delivery, ticket, thread: ticket ? await store.tickets.getThread(ticket.ticketId) : [] };
  }

  it.each([
    ['a 400 KB subject', 'subject', `Subject: ${'word '.repeat(80_000)}\r\n\r\nHello, my order is late.`],
    [
      'more than 1,000 MIME parts',
      'parts',
      `Subject: Many parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('')}--b--\r\n`,
    ],
    ['a 1 MB header block', 'headers', `Subject: Big headers\r\n${Array.from({ length: 11_000 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(90)}`).join('\r\n')}\r\n\r\nHello.`],
  ])('turns mail with %s into a ticket with bounded content, the reason, and the raw mail kept', async (_label, id, extra) => {
    // Act
    const { notification, delivery, ticket, thread } = await deliver(Buffer.from(head(id, extra)));

    // Assess
    expect(delivery?.outcome).toBe('ticket-created');
    expect(ticket?.customer.address).toBe(`odd.${id}@example.net`);
    expect(ticket!.subject.length).toBeLessThanOrEqual(1000);
    const [message] = thread.filter((m) => m.direction === 'inbound');
    expect(message?.raw?.key).toBe(notification.receipt.action.objectKey);
    expect(JSON.stringify(message).length).toBeLessThan(20_000);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('opens a ticket for mail with 990 attachments whose names are long and do not compress, listing every one', async () => {
    // Prepare: names that do not compress, as the message item is stored compressed
    const parts = Array.from({ length: 990 }, (_, i) => {
      const filename = `${Array.from({ length: 5 }, (_, j) => createHash('sha256').update(`file ${i} ${j}`).digest('base64url')).join('')}.txt`;
      return `--b\r\nContent-Type: text/plain; name="${filename}"\r\nContent-Disposition: attachment; filename="${filename}"\r\n\r\nattachment ${i}\r\n`;
    });
    const raw = Buffer.from(
      head(
        'attachments',
        `Subject: Many files\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n${parts.join('')}--b--\r\n`,
      ),
    );

    // Act
    const { delivery, thread } = await deliver(raw);

    // Assess
    expect(delivery?.outcome).toBe('ticket-created');
    const message = thread.find((m) => m.direction === 'inbound');
    expect(message?.attachments).toHaveLength(990);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('opens a ticket for mail whose sender gives a 580 KB display name, keeping the name bounded', async () => {
    // Prepare: text that does not compress, as the ticket item is stored compressed
    const name = Array.from({ length: 13_000 }, (_, i) => createHash('sha256').update(`name ${i}`).digest('base64')).join(' ');
    const raw = Buffer.from(
      `From: "${name}" <bigname@example.org>\r\nTo: support@example.com\r\nSubject: Big name\r\nMessage-ID: <bigname@example.org>\r\n\r\nHello, my order is late.`,
    );

    // Act
    const { notification, delivery, ticket, thread } = await deliver(raw);

    // Assess
    expect(delivery?.outcome).toBe('ticket-created');
    expect(ticket?.customer).toEqual({ address: 'bigname@example.org', name: `${name.slice(0, MAX_NAME_CHARS - 1)}…` });
    expect(thread.find((m) => m.direction === 'inbound')?.raw?.key).toBe(notification.receipt.action.objectKey);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('opens a ticket from the envelope sender when unreadable mail gives an address too long to be one', async () => {
    // Prepare: a header block over 1 MB, which no parser reads
    const raw = Buffer.from(`From: <${'a'.repeat(3_000)}@example.net>\r\nSubject: Parts\r\n${'X-Filler: y\r\n'.repeat(80_000)}\r\nHello.`);

    // Act
    const { delivery, ticket } = await deliver(raw);

    // Assess
    expect(delivery?.outcome).toBe('ticket-created');
    expect(ticket?.customer.address).toBe('odd@example.net');
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('records an empty message with the reason and alerts, instead of dead-lettering it', async () => {
    // Prepare
    await alerts();

    // Act
    const { delivery, notification } = await deliver(Buffer.from('\r\n'));

    // Assess
    expect(delivery).toMatchObject({ outcome: 'rejected', reason: 'unreadable:The message is empty' });
    const published = await alerts();
    expect(published.map((a) => a.Message)).toEqual([expect.stringContaining(notification.mail.messageId)]);
    expect(published[0]!.Message).toContain(notification.receipt.action.objectKey);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });
});
