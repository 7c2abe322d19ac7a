import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

// U+1F92C (face with symbols), U+1F338 (blossom) and U+20BB7 (a CJK Extension B character): all outside the BMP.
const ANGRY = '\u{1F92C}';
const BLOSSOM = '\u{1F338}';
const CJK_EXT_B = '\u{20BB7}';

/** Base64 of a UTF-8 header value, so the test mail is plain ASCII on the wire like most real mail. */
const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

describe('first replies survive characters outside the BMP and failures after the ticket is written', () => {
  let stack: LocalStack;
  let store: DynamoStores;
  let alerts: () => Promise<AlertMessage[]>;
  // Faults the emulators cannot produce: the next SendMessage whose job matches fails once.
  const enqueueFaults: Array<(body: string) => boolean> = [];
  // Every body sent to a queue, to show that outbound jobs carry no customer text.
  const queued: string[] = [];
  // A crash just after a job was queued (the function timing out, say): the next SendMessage whose job matches.
  const crashesAfterEnqueue: Array<(body: string) => boolean> = [];
  // A crash after the intake claim, the message and the audit entry, before the ticket itself (customer addresses).
  const ticketFaults: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack('durable', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    alerts = await stack.listenToAlerts();
    stack.clients.sqs.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.input as { MessageBody?: string }).MessageBody;
        if (body !== undefined) queued.push(body);
        const fault = body === undefined ? -1 : enqueueFaults.findIndex((matches) => matches(body));
        if (fault >= 0) {
          enqueueFaults.splice(fault, 1);
          throw Object.assign(new Error('injected: SQS unavailable'), { name: 'ServiceUnavailable', $fault: 'server' });
        }
        const crash = body === undefined ? -1 : crashesAfterEnqueue.findIndex((matches) => matches(body));
        const result = await next(args);
        if (crash >= 0) {
          crashesAfterEnqueue.splice(crash, 1);
          throw Object.assign(new Error('injected: function timed out'), { name: 'TimeoutError' });
        }
        return result;
      },
      { step: 'initialize', name: 'injectEnqueueFaults' },
    );
    stack.clients.documents.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { type?: string; customerPk?: string } };
        const halfway = ticketFaults.findIndex((address) => input.Item?.type === 'ticket' && input.Item.customerPk === `CUSTOMER#${address}`);
        if (halfway >= 0) {
          ticketFaults.splice(halfway, 1);
          throw Object.assign(new Error('injected: function timed out'), { name: 'TimeoutError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectMarkFaults' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function mailTo(customer: string) {
    return (await stack.sentMail()).filter((m) => m.to.includes(customer));
  }

  async function ticketOf(sesMessageId: string) {
    const delivery = await store.deliveries.find(sesMessageId);
    return delivery?.ticketId ? store.tickets.getTicket(delivery.ticketId) : undefined;
  }

  function sesIdOf(customer: string): string {
    const notification = stack.smtp.published.find((n) => n.mail.source.includes(customer));
    if (!notification) throw new Error(`nothing was received from ${customer}`);
    return notification.mail.messageId;
  }

  it('keeps emoji and supplementary CJK characters in the ticket and in exactly one first reply', async () => {
    // Prepare
    const customer = 'zoe.emoji@example.net';
    const subject = `Seriously?? ${ANGRY} checkout broken again ${CJK_EXT_B}`;
    const raw = rawMail({
      from: `${encodedWord(`Zoë ${BLOSSOM} ${CJK_EXT_B}野`)} <${customer}>`,
      subject: encodedWord(subject),
      messageId: '<emoji-1@mail.example.net>',
      body: `The checkout failed again ${ANGRY} and I was charged twice for order ${CJK_EXT_B}-4411. Please fix this.`,
    });

    // Act
    await stack.deliver(raw);
    await stack.drain();

    // Assess
    const ticket = await ticketOf(sesIdOf(customer));
    expect(ticket?.subject).toBe(subject);
    expect(ticket?.customer.name).toBe(`Zoë ${BLOSSOM} ${CJK_EXT_B}野`);
    const sent = await mailTo(customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain(`${ANGRY} checkout broken again ${CJK_EXT_B}`);
    expect(sent[0]!.subject).toContain(`[${ticket!.ticketId}]`);
    expect(sent[0]!.text).toContain(`Zoë ${BLOSSOM} ${CJK_EXT_B}野`);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
    expect(await stack.queueDepth(stack.resources.queues.outbound.dlqUrl)).toBe(0);
    // The job named the ticket; the words came from the ticket and its message
    const jobs = queued.filter((body) => body.includes(ticket!.ticketId));
    expect(jobs.length).toBeGreaterThan(0);
    for (const body of jobs) expect(body).not.toMatch(/checkout|Zo|\u{1F92C}|\u{20BB7}/u);
  });

  it('turns characters no service can carry into U+FFFD with a note, and still answers', async () => {
    // Prepare: a control character in the subject, and half a surrogate pair in a UTF-16 display name
    const customer = 'una.broken@example.net';
    const halfPair = Buffer.from([0xd8, 0x3d, 0x00, 0x55, 0x00, 0x6e, 0x00, 0x61]).toString('base64');
    const raw = rawMail({
      from: `=?UTF-16BE?B?${halfPair}?= <${customer}>`,
      subject: 'Where is\u0001 my parcel',
      messageId: '<broken-1@mail.example.net>',
      body: 'Hello, where is my parcel? It was due yesterday.',
    });

    // Act
    await stack.deliver(raw);
    await stack.drain();

    // Assess
    const ticket = await ticketOf(sesIdOf(customer));
    expect(ticket?.customer.name).toBe('\uFFFDUna');
    // The customer's message (with a fixed clock the reply carries the same time, so find it by direction)
    const first = (await store.tickets.getThread(ticket!.ticketId)).find((m) => m.direction === 'inbound');
    expect(first?.notes?.[0]).toMatch(/^1 character shown as \uFFFD/);
    const sent = await mailTo(customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe(`Re: Where is my parcel [${ticket!.ticketId}]`);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('sends exactly one acknowledgement when the enqueue fails after the ticket was written', async () => {
    // Prepare
    const customer = 'ivy.retry@example.net';
    enqueueFaults.push((body) => body.includes('"kind":"acknowledgement"'));

    // Act
    await stack.deliver(rawMail({ from: `Ivy <${customer}>`, subject: 'Opening hours', body: 'When do you open on Sunday?', messageId: '<retry-1@mail.example.net>' }));
    await stack.drain();

    // Assess
    expect(enqueueFaults).toHaveLength(0); // the fault was hit
    const ticket = await ticketOf(sesIdOf(customer));
    expect(ticket?.category).toBe('routine');
    const sent = await mailTo(customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe(`Re: Opening hours [${ticket!.ticketId}]`);
    expect(await store.deliveries.find(sesIdOf(customer))).toMatchObject({ outcome: 'ticket-created', ticketId: ticket!.ticketId });
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('sends the first reply once when the retry queues the same job again', async () => {
    // Prepare: the job is queued, then the attempt dies (the retry queues the same job again)
    const customer = 'max.twice@example.net';
    const messageId = '<twice-1@mail.example.net>';
    crashesAfterEnqueue.push((body) => body.includes('"kind":"acknowledgement"'));
    const queuedBefore = queued.length;

    // Act
    await stack.deliver(rawMail({ from: `Max <${customer}>`, subject: 'Invoice copy', body: 'Could you send me a copy of my last invoice?', messageId }));
    await stack.drain();

    // Assess
    expect(crashesAfterEnqueue).toHaveLength(0);
    const ticket = await ticketOf(sesIdOf(customer));
    const acks = queued.slice(queuedBefore).filter((body) => body.includes(ticket!.ticketId) && body.includes('"kind":"acknowledgement"'));
    expect(acks.length).toBeGreaterThanOrEqual(2); // queued twice …
    expect(new Set(acks.map((body) => JSON.parse(body).jobId)).size).toBe(1); // … as the same job
    expect(await mailTo(customer)).toHaveLength(1); // … and sent once
    expect(await store.tickets.ticketsOfCustomer(customer, 10)).toHaveLength(1);
  });

  it('opens one ticket with one message, one audit entry and one reply when the attempt dies before the ticket is written', async () => {
    // Prepare: the intake claim, the message and its audit entry get written, then the attempt dies
    const customer = 'kim.halfway@example.net';
    ticketFaults.push(customer);

    // Act
    await stack.deliver(rawMail({ from: `Kim <${customer}>`, subject: 'Refund status', body: 'Has my refund been processed yet?', messageId: '<halfway-1@mail.example.net>' }));
    await stack.drain();

    // Assess: the retry took up the claim (same number, same creation time) and wrote the same items once
    expect(ticketFaults).toHaveLength(0);
    const ticket = await ticketOf(sesIdOf(customer));
    expect(ticket?.subject).toBe('Refund status');
    expect(await store.tickets.ticketsOfCustomer(customer, 10)).toHaveLength(1);
    expect((await store.tickets.getThread(ticket!.ticketId)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
    expect(await store.tickets.getAudit(ticket!.ticketId)).toMatchObject([{ action: 'receive' }]);
    expect(await store.tickets.findTicketsByMessageId('<halfway-1@mail.example.net>')).toEqual([ticket!.ticketId]);
    const sent = await mailTo(customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe(`Re: Refund status [${ticket!.ticketId}]`);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('still alerts supervisors to a threat when the alert could not be queued at first', async () => {
    // Prepare
    const customer = 'rex.threat@example.net';
    enqueueFaults.push((body) => body.includes('"kind":"alert"'));
    await alerts(); // forget alerts from earlier tests

    // Act
    await stack.deliver(
      rawMail({
        from: `Rex <${customer}>`,
        subject: `Refund ${ANGRY}`,
        body: 'Refund me today or I will find you and hurt you.',
        messageId: '<threat-1@mail.example.net>',
      }),
    );
    await stack.drain();

    // Assess
    expect(enqueueFaults).toHaveLength(0);
    const ticket = await ticketOf(sesIdOf(customer));
    expect(ticket?.category).toBe('threat');
    const published = await alerts();
    expect(published).toHaveLength(1);
    expect(published[0]!.Message).toContain(ticket!.ticketId);
    expect(published[0]!.Message).toContain(ANGRY);
    expect(await mailTo(customer)).toHaveLength(1);
  });

  it('lets the local queues accept every character SQS accepts, and refuse what SQS refuses', async () => {
    // Prepare: a queue of its own, so no function reads the probes
    const { QueueUrl } = await stack.clients.sqs.send(new CreateQueueCommand({ QueueName: `${stack.resources.tableName}-probe` }));
    const allowed = `tab\tline\nreturn\r ${ANGRY}${CJK_EXT_B} \u{10FFFF} \uE000\uFFFD`;

    // Act
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: allowed }));
    const { Messages = [] } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl }));

    // Assess: back exactly as sent; refused like SQS: control characters, U+FFFE/U+FFFF, unpaired surrogates
    expect(Messages.map((m) => m.Body)).toEqual([allowed]);
    for (const refused of ['\u0001', '\uFFFF', '\uD83D']) {
      await expect(stack.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `x${refused}x` }))).rejects.toThrow(/Invalid characters/);
    }
  });
});
