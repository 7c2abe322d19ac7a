import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import type { ReceiptVerdicts } from '../../infra/local/smtp-receiver.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

/** The local stack played as an attacker would: forged senders, robots, forged bounces, hostile subjects. */
describe('a hostile inbox on the local stack', () => {
  const clock = new TestClock(new Date('2026-11-24T10:00:00Z'));
  let stack: LocalStack;
  let store: DynamoStores;
  // Verdicts of the receiving checks per Message-ID; the rest pass.
  const verdicts = new Map<string, ReturnType<ReceiptVerdicts>>();

  beforeAll(async () => {
    stack = await startTestStack('hostile', {
      clock,
      verdicts: ({ headers }) => verdicts.get(headers.find((h) => h.name.toLowerCase() === 'message-id')?.value ?? '') ?? {},
    });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Delivers one message, lets the pipeline settle, and says what became of it. */
  async function deliver(raw: Buffer, envelope: { from: string; to: string[] } = { from: 'mx@example.net', to: ['support@example.com'] }) {
    const before = stack.smtp.published.length;
    await stack.deliver(raw, envelope);
    await stack.drain();
    const notification = stack.smtp.published[before]!;
    const delivery = await store.deliveries.find(notification.mail.messageId);
    return { sesId: notification.mail.messageId, delivery, ticket: delivery?.ticketId ? await store.tickets.getTicket(delivery.ticketId) : undefined };
  }

  /** Mail this stack sent to addresses containing `to` (the SES emulator is shared by every test file). */
  async function sentTo(_stack: LocalStack, to: string) {
    return (await stack.sentMail()).filter((m) => m.to.includes(to));
  }

  async function openTicket(customer: string, subject: string, messageId: string) {
    const opened = await deliver(rawMail({ from: `Ann Customer <${customer}>`, subject, messageId, body: 'My parcel has not arrived yet, can you check?' }));
    const ack = (await store.tickets.getThread(opened.ticket!.ticketId)).find((m) => m.direction === 'outbound' && m.messageId);
    return { ticket: opened.ticket!, ackId: ack!.messageId! };
  }

  describe('finding 1: forged mail never joins someone else’s ticket', () => {
    it('opens a linked, flagged ticket for a DMARC-failing reply that claims to be the customer, and adds nobody from its Cc', async () => {
      // Prepare
      const customer = 'ann.forged@example.net';
      const { ticket, ackId } = await openTicket(customer, 'Parcel missing', '<ann-1@example.net>');
      verdicts.set('<forged-1@evil.example>', { dmarc: 'FAIL', spf: 'FAIL', dkim: 'FAIL' });

      // Act: the forgery quotes the token and replies to our acknowledgement, copying the attacker
      const forged = await deliver(
        rawMail({
          from: `Ann Customer <${customer}>`,
          subject: `Re: Parcel missing [${ticket.ticketId}]`,
          messageId: '<forged-1@evil.example>',
          headers: { 'In-Reply-To': `<${ackId}@email.amazonses.com>`, Cc: 'mallory@evil.example' },
          body: 'Please send the replacement to my new address: 1 Attacker Road.',
        }),
      );

      // Assess
      expect(forged.delivery?.outcome).toBe('ticket-created');
      expect(forged.ticket).toMatchObject({ relatedTicketId: ticket.ticketId, unverified: true, participants: [] });
      const original = (await store.tickets.getTicket(ticket.ticketId))!;
      expect(original.participants).not.toContain('mallory@evil.example');
      expect(original.version).toBe(ticket.version);
      const inbound = (await store.tickets.getThread(ticket.ticketId)).filter((m) => m.direction === 'inbound');
      expect(inbound.map((m) => m.messageId)).toEqual(['<ann-1@example.net>']);
      expect(await sentTo(stack, customer)).toHaveLength(1); // the forgery answered nobody
    });

    it('does not let the Cc of a forgery thread onto the ticket from their own address afterwards', async () => {
      // Prepare: the forgery copies mallory
      const customer = 'ann.cc@example.net';
      const { ticket } = await openTicket(customer, 'Refund status', '<ann-2@example.net>');
      verdicts.set('<forged-2@evil.example>', { dmarc: 'FAIL' });
      await deliver(
        rawMail({
          from: customer,
          subject: `Re: Refund status [${ticket.ticketId}]`,
          messageId: '<forged-2@evil.example>',
          headers: { Cc: 'mallory2@evil.example' },
          body: 'Add my colleague.',
        }),
      );

      // Act: mallory, with a passing DMARC of her own domain, writes with the token
      const mallory = await deliver(
        rawMail({ from: 'mallory2@evil.example', subject: `Re: Refund status [${ticket.ticketId}]`, messageId: '<mallory-2@evil.example>', body: 'Send the refund to me.' }),
      );

      // Assess
      expect(mallory.delivery?.outcome).toBe('ticket-created');
      expect(mallory.ticket?.relatedTicketId).toBe(ticket.ticketId);
      expect((await store.tickets.getTicket(ticket.ticketId))!.participants).not.toContain('mallory2@evil.example');
    });

    it('treats mail with no passing check at all (no DMARC policy, SPF and DKIM gray) as unverified too', async () => {
      // Prepare
      const customer = 'ann.gray@example.net';
      const { ticket } = await openTicket(customer, 'Wrong colour', '<ann-3@example.net>');
      verdicts.set('<gray-3@example.net>', { dmarc: 'GRAY', spf: 'GRAY', dkim: 'GRAY' });

      // Act
      const gray = await deliver(rawMail({ from: customer, subject: `Re: Wrong colour [${ticket.ticketId}]`, messageId: '<gray-3@example.net>', body: 'Any news?' }));

      // Assess
      expect(gray.ticket).toMatchObject({ relatedTicketId: ticket.ticketId, unverified: true });
    });

    it('still threads the verified customer’s own reply, with the people they copy', async () => {
      // Prepare
      const customer = 'ann.real@example.net';
      const { ticket } = await openTicket(customer, 'Lost voucher', '<ann-4@example.net>');

      // Act
      const reply = await deliver(
        rawMail({
          from: customer,
          subject: `Re: Lost voucher [${ticket.ticketId}]`,
          messageId: '<ann-5@example.net>',
          headers: { Cc: 'partner@example.net' },
          body: 'Here is the code.',
        }),
      );

      // Assess
      expect(reply.delivery).toMatchObject({ outcome: 'threaded', ticketId: ticket.ticketId });
      expect((await store.tickets.getTicket(ticket.ticketId))!.participants).toContain('partner@example.net');
    });
  });

  describe('finding 4: nobody silences or floods an address', () => {
    it('ignores a forged bounce that names no message we sent, and still answers the address it names', async () => {
      // Prepare: a "bounce" from any MAILER-DAEMON, about an address we never wrote to
      const victim = 'victim@example.net';
      const forged = Buffer.from(
        [
          'From: Mail Delivery System <MAILER-DAEMON@evil.example>',
          'To: support@example.com',
          'Subject: Undelivered Mail Returned to Sender',
          'Message-ID: <forged-bounce-1@evil.example>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
          '',
          '--b',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; evil.example',
          '',
          `Final-Recipient: rfc822; ${victim}`,
          'Action: failed',
          'Status: 5.1.1',
          '--b--',
          '',
        ].join('\r\n'),
      );

      // Act
      const bounce = await deliver(forged);
      const later = await deliver(rawMail({ from: victim, subject: 'Order question', messageId: '<victim-1@example.net>', body: 'When will my order ship?' }));

      // Assess
      expect(bounce.delivery).toMatchObject({ outcome: 'bounce', reason: 'bounce:dsn:1-not-sent-by-us-ignored' });
      expect(later.ticket?.autoReplySuppressed).toBeUndefined();
      expect(await sentTo(stack, victim)).toHaveLength(1);
    });

    it('suppresses the recipient of a message we sent when a bounce returns it', async () => {
      // Prepare: we answered bob; his mailbox is then deleted and his server returns our next mail
      const bob = 'bob.returned@example.net';
      const { ticket, ackId } = await openTicket(bob, 'Account closed', '<bob-1@example.net>');
      const dsn = Buffer.from(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
          'To: support@example.com',
          `Subject: Undelivered Mail Returned to Sender [${ticket.ticketId}]`,
          'Message-ID: <real-bounce-1@mx.example.net>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
          '',
          '--b',
          'Content-Type: message/delivery-status',
          '',
          `Final-Recipient: rfc822; ${bob}`,
          'Action: failed',
          'Status: 5.1.1',
          '--b',
          'Content-Type: text/rfc822-headers',
          '',
          `Message-ID: <${ackId}@email.amazonses.com>`,
          '--b--',
          '',
        ].join('\r\n'),
      );

      // Act
      const bounce = await deliver(dsn);
      const again = await deliver(rawMail({ from: bob, subject: 'Still there?', messageId: '<bob-2@example.net>', body: 'Hello?' }));

      // Assess
      expect(bounce.delivery).toMatchObject({ outcome: 'bounce', reason: 'bounce:dsn' });
      expect(again.ticket?.autoReplySuppressed).toMatch(/^autoreply-suppressed:address-suppressed:bounced:/);
      expect(await sentTo(stack, bob)).toHaveLength(1);
    });

    it('counts the plus-address spellings of one mailbox as one: at most five replies to robot+1@, robot+2@ …', async () => {
      // Act: eight tickets from eight spellings of one mailbox
      for (let i = 1; i <= 8; i += 1) {
        await deliver(rawMail({ from: `robot+${i}@example.org`, subject: `Request ${i}`, messageId: `<robot-${i}@example.org>`, body: `Please confirm request ${i}.` }));
      }

      // Assess
      expect(await sentTo(stack, '@example.org')).toHaveLength(5);
      const last = await store.deliveries.find(stack.smtp.published.at(-1)!.mail.messageId);
      expect((await store.tickets.getTicket(last!.ticketId!))?.autoReplySuppressed).toBe('autoreply-suppressed:rate-limit:5-per-180min');
    });
  });

  describe('finding 6: replies only from support addresses', () => {
    it('answers mail to another address of our domain from the default support address', async () => {
      // Prepare: the whole domain is received; ceo@ is not a support address
      const customer = 'phisher@example.net';

      // Act
      await deliver(rawMail({ from: customer, to: 'ceo@example.com', subject: 'Wire the money today', messageId: '<ceo-1@example.net>', body: 'Please confirm the payment.' }), {
        from: customer,
        to: ['ceo@example.com'],
      });

      // Assess
      const [reply] = (await stack.sentMail()).filter((m) => m.to.includes(customer));
      expect(reply?.from).toBe('support@example.com');
    });

    it('answers from the support address the customer wrote to, in any plus-address spelling', async () => {
      const customer = 'plus.writer@example.net';
      await deliver(rawMail({ from: customer, to: 'Support+Orders@example.com', subject: 'Order 1', messageId: '<plus-1@example.net>', body: 'Where is order 1?' }), {
        from: customer,
        to: ['Support+Orders@example.com'],
      });
      const [reply] = (await stack.sentMail()).filter((m) => m.to.includes(customer));
      expect(reply?.from).toBe('support@example.com');
    });
  });

  describe('finding 8 and 5: what a reply repeats of the customer’s words', () => {
    it('never quotes an insulting subject back to its writer', async () => {
      // Act
      const customer = 'angry@example.net';
      await deliver(
        rawMail({ from: customer, subject: 'are you idiots, where is my refund', messageId: '<angry-1@example.net>', body: 'Three weeks and nothing. Where is my refund?' }),
      );

      // Assess: the reply names "your message", not the insult; it is the boundary reply, or the neutral
      // acknowledgement when the classifier is unsure (never a boundary reply on a guess)
      const [reply] = (await stack.sentMail()).filter((m) => m.to.includes(customer));
      const ticketId = /\[(T-\d+)\]/.exec(reply?.subject ?? '')?.[1];
      const ticket = await stack.stores.tickets.getTicket(ticketId!);
      expect(reply?.text).toContain(ticket?.classification.needsReview ? 'Thank you for writing to us about' : 'We ask that you keep your messages free of insults');
      expect(`${reply?.subject} ${reply?.text}`).not.toMatch(/idiots/i);
      expect(reply?.subject).toMatch(/^Re: your message \[T-\d+\]$/);
    });

    it('bounds the customer’s subject inside a reply and the References it carries', async () => {
      // Prepare: a 900-character subject and 2,000 ids in References
      const customer = 'long.subject@example.net';
      const subject = `Question ${'about my order '.repeat(64)}`.slice(0, 900);
      const references = Array.from({ length: 2000 }, (_, i) => `<ref-${i}-${'x'.repeat(30)}@example.net>`).join(' ');

      // Act
      await deliver(rawMail({ from: customer, subject, messageId: '<long-1@example.net>', headers: { References: references }, body: 'Hello, when does it ship?' }));

      // Assess
      const [reply] = (await stack.sentMail()).filter((m) => m.to.includes(customer));
      expect(reply?.text).toContain('Question about my order');
      expect(reply?.text).not.toContain(subject);
      expect(reply!.text.length).toBeLessThan(2000);
      expect(reply?.references?.split(/\s+/).length).toBeLessThanOrEqual(20);
      expect(reply?.references).toContain('<ref-0-');
      expect(reply?.references).toContain('<long-1@example.net>');
    });
  });
});
