import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { TestClock } from '../helpers/clock.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

type Fault = 'accepted-no-response' | 'throttled' | 'unavailable-503';

/**
 * Faults a broken network and a busy SES produce, injected at the SDK clients:
 * SES taking a message and the answer getting lost, SES throttling, SES
 * answering 503, DynamoDB down for a second. The local pollers wait out each
 * queue's visibility timeout on the stack's clock, as Lambda does in AWS.
 */
describe('faults: nothing sent twice blindly, nothing lost, the ticket says what happened', () => {
  const clock = new TestClock(new Date('2026-11-24T10:00:00Z'));
  let stack: LocalStack;
  let store: DynamoStores;
  // SES faults per recipient: how many sends still fail, and how.
  const sesFaults = new Map<string, { fault: Fault; times: number }>();
  // DynamoDB refuses every call until this instant of the stack's clock.
  let dynamoDownUntil = 0;
  // Publishes to the alerts topic that still fail.
  let alertFaults = 0;
  let alerts: () => Promise<AlertMessage[]>;

  beforeAll(async () => {
    stack = await startTestStack('faults', { clock });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    // Inside the SDK's retry loop (deserialize step): what a retry inside the SDK would repeat, this sees again.
    stack.clients.ses.middlewareStack.add(
      (next) => async (args) => {
        const to = (args.input as { Destinations?: string[] }).Destinations?.[0] ?? '';
        const fault = sesFaults.get(to);
        if (!fault || fault.times === 0) return next(args);
        fault.times -= 1;
        if (fault.fault === 'throttled')
          throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 } });
        if (fault.fault === 'unavailable-503')
          throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
        await next(args); // SES takes the message…
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }); // …and the answer is lost
      },
      { step: 'deserialize', name: 'injectSesFaults' },
    );
    alerts = await stack.listenToAlerts();
    stack.clients.sns.middlewareStack.add(
      (next) => async (args) => {
        const topic = (args.input as { TopicArn?: string }).TopicArn;
        if (topic === stack.resources.topics.alerts && alertFaults > 0) {
          alertFaults -= 1;
          throw Object.assign(new Error('injected: SNS unavailable'), { name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectAlertFaults' },
    );
    stack.clients.dynamodb.middlewareStack.add(
      (next) => async (args) => {
        if (clock.now().getTime() < dynamoDownUntil) {
          throw Object.assign(new Error('injected: DynamoDB unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectDynamoOutage' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function ticketFor(customer: string) {
    const notification = stack.smtp.published.find((n) => n.mail.source === customer);
    const delivery = notification && (await store.deliveries.find(notification.mail.messageId));
    const ticket = delivery?.ticketId ? await store.tickets.getTicket(delivery.ticketId) : undefined;
    if (!ticket) throw new Error(`no ticket for ${customer}`);
    return { ticket, thread: await store.tickets.getThread(ticket.ticketId) };
  }

  async function write(customer: string, subject: string) {
    await stack.deliver(rawMail({ from: `Customer <${customer}>`, subject, body: 'When do you open on Sunday?', messageId: `<${customer}>` }));
  }

  it('does not repeat a send SES took but never answered, says so on the ticket, and tries once more after the lease', async () => {
    // Prepare
    const customer = 'f14.lost-answer@faults.example';
    sesFaults.set(customer, { fault: 'accepted-no-response', times: 1 });

    // Act
    await write(customer, 'Opening hours');
    await stack.drain();

    // Assess: the lost answer, then one further attempt after the lease (the SDK repeated nothing)
    expect(await sentTo(stack, customer)).toHaveLength(2);
    const { thread } = await ticketFor(customer);
    const unknown = thread.filter((m) => m.kind === 'unknown:acknowledgement');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.text).toMatch(/may or may not have been sent \(SES may have sent the message: TimeoutError/);
    expect(thread.filter((m) => m.kind === 'acknowledgement')).toHaveLength(1);
    expect(await stack.queueDepth(stack.resources.queues.outbound.dlqUrl)).toBe(0);
  });

  it('makes at most two attempts when SES never answers, and the ticket says it gave up', async () => {
    // Prepare
    const customer = 'f14.never-answers@faults.example';
    sesFaults.set(customer, { fault: 'accepted-no-response', times: 100 });

    // Act
    await write(customer, 'Invoice copy');
    await stack.drain();

    // Assess: SES got it twice at most (before: 3 SDK attempts × 5 receives = 15, none recorded)
    expect(await sentTo(stack, customer)).toHaveLength(2);
    const { thread } = await ticketFor(customer);
    expect(thread.filter((m) => m.kind === 'unknown:acknowledgement')).toHaveLength(2);
    const gaveUp = thread.find((m) => m.kind === 'failed:acknowledgement');
    expect(gaveUp?.text).toMatch(/No further attempt .* SES may have sent it/);
    expect(thread.some((m) => m.kind === 'acknowledgement')).toBe(false);
  });

  it('treats a 503 as an unknown outcome: two attempts, then the ticket says so', async () => {
    // Prepare
    const customer = 'f14.always-503@faults.example';
    sesFaults.set(customer, { fault: 'unavailable-503', times: 100 });

    // Act
    await write(customer, 'Delivery date');
    await stack.drain();

    // Assess
    expect(sesFaults.get(customer)!.times).toBe(98);
    const { thread } = await ticketFor(customer);
    expect(thread.filter((m) => m.kind === 'unknown:acknowledgement')).toHaveLength(2);
    expect(thread.find((m) => m.kind === 'failed:acknowledgement')?.text).toMatch(/No further attempt/);
  });

  it('retries a throttled send until the queue gives up, then the ticket says so and the job waits in the DLQ', async () => {
    // Prepare
    const customer = 'f14.always-throttled@faults.example';
    sesFaults.set(customer, { fault: 'throttled', times: 100 });
    const dlqBefore = await stack.queueDepth(stack.resources.queues.outbound.dlqUrl);

    // Act
    await write(customer, 'Gift card');
    await stack.drain();

    // Assess: one SES call per delivery of the job (the SDK adds none), five deliveries, then the DLQ
    expect(sesFaults.get(customer)!.times).toBe(95);
    expect(await sentTo(stack, customer)).toHaveLength(0);
    const { thread } = await ticketFor(customer);
    expect(thread.find((m) => m.kind === 'failed:acknowledgement')?.text).toMatch(/was not sent after 5 attempts \(Throttling\)/);
    expect(await stack.queueDepth(stack.resources.queues.outbound.dlqUrl)).toBe(dlqBefore + 1);
  });

  it('sends a throttled reply once when SES recovers', async () => {
    // Prepare
    const customer = 'f14.briefly-throttled@faults.example';
    sesFaults.set(customer, { fault: 'throttled', times: 2 });

    // Act
    await write(customer, 'Store address');
    await stack.drain();

    // Assess
    expect(await sentTo(stack, customer)).toHaveLength(1);
    const { thread } = await ticketFor(customer);
    expect(thread.filter((m) => m.kind === 'acknowledgement')).toHaveLength(1);
    expect(thread.some((m) => m.kind?.startsWith('failed:') || m.kind?.startsWith('unknown:'))).toBe(false);
  });

  it('waits out the visibility timeout after a one-second DynamoDB outage instead of dead-lettering what was in flight', async () => {
    // Prepare: three messages accepted, then DynamoDB is down for one second of the stack's clock
    const customers = ['f14.outage-a@faults.example', 'f14.outage-b@faults.example', 'f14.outage-c@faults.example'];
    for (const c of customers) await write(c, `Question from ${c}`);
    const start = clock.now().getTime();
    dynamoDownUntil = start + 1000;

    // Act
    await stack.drain();

    // Assess: everything became a ticket with one reply; the retry came after the inbound queue's 180 s, as in AWS
    for (const c of customers) {
      expect((await ticketFor(c)).ticket.status).toBe('open');
      expect(await sentTo(stack, c)).toHaveLength(1);
    }
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(180_000);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  });

  it('reports a threat once when publishing the alert fails twice', async () => {
    // Prepare
    const customer = 'f14.threat@faults.example';
    alertFaults = 2;
    await alerts();

    // Act
    await stack.deliver(rawMail({ from: customer, subject: 'Last chance', body: 'Refund me today or I will find you and hurt you.', messageId: '<f14-threat@faults.example>' }));
    await stack.drain();

    // Assess
    expect(alertFaults).toBe(0);
    const { ticket } = await ticketFor(customer);
    expect(ticket.category).toBe('threat');
    const published = (await alerts()).filter((a) => a.Message.includes(ticket.ticketId));
    expect(published).toHaveLength(1);
    expect(await sentTo(stack, customer)).toHaveLength(1);
  });
});
