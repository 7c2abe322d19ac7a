import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import type { SesReceivedNotification } from '../../lib/adapters/aws/ses-notification.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { messageIdPartition } from '../../lib/adapters/aws/table-layout.ts';
import { systemClock } from '../../lib/domain/ports.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import { resolveTicket } from '../../lib/use-cases/agent-actions.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';
import { receivedNotification } from '../helpers/ses.ts';
import { anInboundMessage, aTicket, seedTicket } from '../helpers/tickets.ts';

describe('real-world mail on the local stack', () => {
  let stack: LocalStack;
  let store: DynamoStores;

  beforeAll(async () => {
    stack = await startTestStack('realmail');
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Delivers a message, lets the pipeline settle, and returns the ticket it opened (if any). */
  async function deliver(raw: Buffer, to = 'support@example.com') {
    const before = stack.smtp.published.length;
    await stack.deliver(raw, { from: 'sender@example.net', to: [to] });
    await stack.drain();
    const notification = stack.smtp.published[before]!;
    const delivery = await store.deliveries.find(notification.mail.messageId);
    return { notification, delivery, ticket: delivery?.ticketId ? await store.tickets.getTicket(delivery.ticketId) : undefined };
  }

  /** Opens a ticket for `customer` and returns it with the SES id of our acknowledgement. */
  async function openTicket(customer: string, subject: string, messageId: string) {
    const { ticket } = await deliver(rawMail({ from: `Cus Tomer <${customer}>`, subject, messageId, body: 'My order arrived damaged, please replace it.' }));
    const thread = await store.tickets.getThread(ticket!.ticketId);
    const ack = thread.find((m) => m.direction === 'outbound')!;
    return { ticket: ticket!, sesId: ack.messageId! };
  }

  it('threads a reply carrying the ticket token in the subject or the plus address', async () => {
    const customer = 'token.reply@example.net';
    const { ticket } = await openTicket(customer, 'Broken chair', '<token-1@example.net>');

    const bySubject = await deliver(
      rawMail({ from: customer, subject: `Re: Broken chair [${ticket.ticketId}]`, messageId: '<token-2@example.net>', body: 'Here are the photos.' }),
    );
    expect(bySubject.delivery).toMatchObject({ outcome: 'threaded', ticketId: ticket.ticketId });

    const plus = `support+${ticket.ticketId.toLowerCase()}@example.com`;
    const byAddress = await deliver(rawMail({ from: customer, to: plus, subject: 'one more thing', messageId: '<token-3@example.net>', body: 'The leg is cracked too.' }), plus);
    expect(byAddress.delivery).toMatchObject({ outcome: 'threaded', ticketId: ticket.ticketId });

    expect(await store.tickets.getThread(ticket.ticketId)).toHaveLength(4); // message, acknowledgement, two replies
    expect(await sentTo(stack, customer)).toHaveLength(1); // follow-ups get no automatic reply
  });

  it('threads a reply that only has In-Reply-To, matching the Message-ID SES gave our acknowledgement', async () => {
    const customer = 'irt.reply@example.net';
    const { ticket, sesId } = await openTicket(customer, 'Late parcel', '<irt-1@example.net>');
    const reply = await deliver(
      rawMail({ from: customer, subject: 'Re: Late parcel', messageId: '<irt-2@example.net>', headers: { 'In-Reply-To': `<${sesId}@email.amazonses.com>` }, body: 'Any news?' }),
    );
    expect(reply.delivery).toMatchObject({ outcome: 'threaded', ticketId: ticket.ticketId });
  });

  it('threads a reply that only refers to the Message-ID we wrote in our acknowledgement (kept where SES keeps it), with no lookup item for it', async () => {
    const customer = 'header.reply@example.net';
    const { ticket } = await openTicket(customer, 'Missing manual', '<hdr-1@example.net>');
    const ack = (await store.tickets.getThread(ticket.ticketId)).find((m) => m.direction === 'outbound')!;
    expect(ack.headerMessageId).toMatch(new RegExp(`^<${ticket.ticketId.toLowerCase()}\\.`));
    const lookups = await stack.clients.documents.send(
      new QueryCommand({ TableName: stack.resources.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': messageIdPartition(ack.headerMessageId!) } }),
    );
    expect(lookups.Items).toEqual([]);
    const reply = await deliver(
      rawMail({ from: customer, subject: 'Re: Missing manual', messageId: '<hdr-2@example.net>', headers: { 'In-Reply-To': ack.headerMessageId! }, body: 'Still missing.' }),
    );
    expect(reply.delivery).toMatchObject({ outcome: 'threaded', ticketId: ticket.ticketId });
  });

  it('opens a linked ticket instead when a stranger copies a ticket token', async () => {
    const { ticket } = await openTicket('owner@example.net', 'Refund request', '<owner-1@example.net>');
    const stranger = await deliver(
      rawMail({ from: 'stranger@example.org', subject: `Re: Refund request [${ticket.ticketId}]`, messageId: '<stranger-1@example.org>', body: 'Please send the refund to me.' }),
    );
    expect(stranger.delivery?.outcome).toBe('ticket-created');
    expect(stranger.ticket?.ticketId).not.toBe(ticket.ticketId);
    expect(stranger.ticket?.relatedTicketId).toBe(ticket.ticketId);
  });

  it('reopens a resolved ticket when the customer writes again', async () => {
    const customer = 'reopen@example.net';
    const { ticket } = await openTicket(customer, 'Wrong size', '<reopen-1@example.net>');
    await resolveTicket(ticket.ticketId, {
      tickets: store.tickets,
      outbound: new SqsOutboundQueue(stack.clients.sqs, stack.resources.queues.outbound.url),
      clock: systemClock,
      config: DEFAULT_SLA_CONFIG,
    });
    await deliver(rawMail({ from: customer, subject: `Re: Wrong size [${ticket.ticketId}]`, messageId: '<reopen-2@example.net>', body: 'It still does not fit.' }));
    expect(await store.tickets.getTicket(ticket.ticketId)).toMatchObject({ status: 'open', reopenedCount: 1 });
  });

  it('answers an out-of-office reply to our acknowledgement with nothing: no loop', async () => {
    const customer = 'away@example.net';
    const { ticket, sesId } = await openTicket(customer, 'Invoice question', '<away-1@example.net>');
    const before = (await store.tickets.getTicket(ticket.ticketId))!;
    const ooo = await deliver(
      rawMail({
        from: customer,
        subject: `Automatic reply: Re: Invoice question [${ticket.ticketId}]`,
        messageId: '<away-2@example.net>',
        headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': `<${sesId}@email.amazonses.com>` },
        body: 'I am out of the office until Monday.',
      }),
    );
    expect(ooo.delivery?.outcome).toBe('threaded');
    expect(await sentTo(stack, customer)).toHaveLength(1);
    const after = (await store.tickets.getTicket(ticket.ticketId))!;
    expect(after.version).toBe(before.version); // recorded on the thread, ticket unchanged
    expect((await store.tickets.getThread(ticket.ticketId)).some((m) => m.automation?.startsWith('auto-reply'))).toBe(true);

    // An out-of-office with nothing to thread to is recorded and answered by nothing either.
    const stray = await deliver(
      rawMail({ from: 'robot@example.org', subject: 'Out of Office', messageId: '<stray-1@example.org>', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Away.' }),
    );
    expect(stray.delivery).toMatchObject({ outcome: 'auto-reply-unthreaded' });
    expect(await sentTo(stack, 'robot@example.org')).toHaveLength(0);
  });

  it('records a bounce without opening a ticket, and suppresses the address that failed', async () => {
    // The bounce returns mail we sent (SES gave it the id ses-gone-1): only such a bounce may suppress.
    const ticket = await seedTicket(store.tickets, aTicket({ ticketId: 'T-77001', customer: { address: 'gone@example.net' } }));
    await store.ledger.complete(
      { jobId: 'mail:acknowledgement:ack:T-77001:0', ticketId: 'T-77001' },
      {
        ...anInboundMessage(ticket, 'mail:acknowledgement:ack:T-77001:0'),
        direction: 'outbound',
        messageId: 'ses-gone-1',
        to: [{ address: 'gone@example.net' }],
        kind: 'acknowledgement',
      },
    );
    const bounce = Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
        'To: support@example.com',
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        'Message-ID: <bounce-1@mx.example.net>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'I could not deliver your message to gone@example.net: 550 5.1.1 user unknown',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.net',
        '',
        'Final-Recipient: rfc822; gone@example.net',
        'Action: failed',
        'Status: 5.1.1',
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        'From: Customer Support <support@example.com>',
        'To: gone@example.net',
        'Message-ID: <ses-gone-1@email.amazonses.com>',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const result = await deliver(bounce);
    expect(result.delivery).toMatchObject({ outcome: 'bounce', reason: 'bounce:dsn' });
    expect(result.ticket).toBeUndefined();
    const suppressions = new DynamoSuppressionStore(stack.clients.documents, stack.resources.tableName);
    expect(await suppressions.suppressedReason('gone@example.net', new Date())).toMatch(/^bounced:/);

    // The suppressed address gets no acknowledgement when it writes in.
    const later = await deliver(rawMail({ from: 'gone@example.net', subject: 'Hello again', messageId: '<gone-1@example.net>', body: 'Where is my order?' }));
    expect(later.ticket?.autoReplySuppressed).toMatch(/^autoreply-suppressed:address-suppressed:bounced:/);
    expect(await sentTo(stack, 'gone@example.net')).toHaveLength(0);
  });

  /** SES verdicts come from SES; the local listener cannot fail them, so publish the notification SES would. */
  async function deliverWithVerdicts(id: string, raw: Buffer, verdicts: Partial<SesReceivedNotification['receipt']>) {
    const key = `inbound/${id}`;
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.resources.bucket, Key: key, Body: raw }));
    const notification = receivedNotification({ bucket: stack.resources.bucket, key, sesMessageId: id, at: new Date().toISOString(), verdicts });
    await stack.clients.sns.send(new PublishCommand({ TopicArn: stack.resources.topics.inboundMail, Message: JSON.stringify(notification) }));
    await stack.drain();
    const delivery = await store.deliveries.find(id);
    return { ticket: (await store.tickets.getTicket(delivery!.ticketId!))!, thread: await store.tickets.getThread(delivery!.ticketId!) };
  }

  it('gives a DMARC-fail message a ticket marked unverified and no reply', async () => {
    const { ticket } = await deliverWithVerdicts('dmarc-fail-1', rawMail({ from: 'ceo@bank.example', subject: 'Urgent transfer', messageId: '<forged-1@bank.example>' }), {
      spfVerdict: { status: 'FAIL' },
      dkimVerdict: { status: 'FAIL' },
      dmarcVerdict: { status: 'FAIL' },
      dmarcPolicy: 'REJECT',
    });
    expect(ticket).toMatchObject({ unverified: true, autoReplySuppressed: 'autoreply-suppressed:dmarc-fail' });
    expect(await sentTo(stack, 'ceo@bank.example')).toHaveLength(0);
  });

  it('puts spam in the spam queue and quarantines a virus, answering neither', async () => {
    const spam = await deliverWithVerdicts('spam-1', rawMail({ from: 'winner@lottery.example', subject: 'You won', messageId: '<spam-1@lottery.example>' }), {
      spamVerdict: { status: 'FAIL' },
    });
    expect(spam.ticket).toMatchObject({ status: 'spam', autoReplySuppressed: 'autoreply-suppressed:spam' });
    expect((await store.tickets.listQueue(spam.ticket.category, 'spam')).map((t) => t.ticketId)).toContain(spam.ticket.ticketId);

    const infected = await deliverWithVerdicts(
      'virus-1',
      rawMail({ from: 'invoice@malware.example', subject: 'Invoice attached', messageId: '<virus-1@malware.example>', body: 'Open the attachment now.' }),
      {
        virusVerdict: { status: 'FAIL' },
      },
    );
    expect(infected.ticket).toMatchObject({ status: 'quarantined', autoReplySuppressed: 'autoreply-suppressed:virus' });
    const message = infected.thread.find((m) => m.direction === 'inbound')!;
    expect(message.text).toMatch(/^\[Quarantined/);
    expect(message.raw?.key).toBe('inbound/virus-1'); // the original stays in S3
    expect(await sentTo(stack, 'winner@lottery.example')).toHaveLength(0);
    expect(await sentTo(stack, 'invoice@malware.example')).toHaveLength(0);
  });

  it('turns ten concurrent deliveries of one message into one ticket and one reply', async () => {
    const customer = 'impatient@example.net';
    const raw = rawMail({ from: customer, subject: 'Sent it ten times', messageId: '<ten-1@example.net>', body: 'Is anyone there? My parcel is missing.' });
    const before = stack.smtp.published.length;
    await Promise.all(Array.from({ length: 10 }, () => stack.deliver(raw, { from: customer, to: ['support@example.com'] })));
    // …and SES redelivering one of those notifications at the same time.
    const first = stack.smtp.published[before]!;
    await Promise.all(
      Array.from({ length: 3 }, () => stack.clients.sns.send(new PublishCommand({ TopicArn: stack.resources.topics.inboundMail, Message: JSON.stringify(first) }))),
    );
    await stack.drain();

    const deliveries = await Promise.all(stack.smtp.published.slice(before).map((n) => store.deliveries.find(n.mail.messageId)));
    expect(deliveries).toHaveLength(10);
    expect(new Set(deliveries.map((d) => d?.ticketId))).toEqual(new Set([deliveries[0]!.ticketId]));
    expect(deliveries.filter((d) => d?.outcome === 'ticket-created')).toHaveLength(1);
    expect(await store.tickets.getThread(deliveries[0]!.ticketId!)).toHaveLength(2);
    expect(await sentTo(stack, customer)).toHaveLength(1);
  });

  it('ingests a 25 MB message with attachments, storing them in S3 and only references in DynamoDB', async () => {
    const attachment = (name: string, mb: number) => [
      '--mix',
      `Content-Type: application/octet-stream; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      (
        Buffer.alloc(mb * 1024 * 1024, name.charCodeAt(0))
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\r\n'),
    ];
    const raw = Buffer.from(
      [
        'From: Big Sender <big@example.net>',
        'To: support@example.com',
        'Subject: Photos of the damage',
        'Message-ID: <big-1@example.net>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="mix"',
        '',
        '--mix',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The photos and the video of the broken table are attached.',
        ...attachment('video.bin', 12),
        ...attachment('photos.bin', 6),
        '--mix--',
        '',
      ].join('\r\n'),
    );
    expect(raw.length).toBeGreaterThan(24 * 1024 * 1024);

    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const { ticket } = await deliver(raw);
    clearInterval(sampler);

    const thread = await store.tickets.getThread(ticket!.ticketId);
    const inbound = thread.find((m) => m.direction === 'inbound')!;
    expect(inbound.attachments?.map((a) => [a.filename, a.size])).toEqual([
      ['video.bin', 12 * 1024 * 1024],
      ['photos.bin', 6 * 1024 * 1024],
    ]);
    expect(inbound.attachments?.every((a) => a.key.startsWith('attachments/'))).toBe(true);
    // The ingest function is given 1024 MB (infra/topology.ts); this whole test process stays below it.
    expect(peakRss).toBeLessThan(1024 * 1024 * 1024);
  }, 120_000);
});
