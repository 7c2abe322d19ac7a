import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import type { CustomerJob } from '../../lib/domain/outbound-job.ts';
import { TestClock } from '../helpers/clock.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { aTicket, seedTicket } from '../helpers/tickets.ts';

const job = (ticketId: string, jobId: string): CustomerJob => ({ schemaVersion: 2, jobId, ticketId, kind: 'acknowledgement' });

describe('outbound mail: exactly once, retried when throttled, recorded when rejected', () => {
  let stack: LocalStack;
  // SES faults the local SES cannot produce, injected in front of the SDK's own retries.
  const faults: Array<{ to: string; error: string }> = [];

  beforeAll(async () => {
    stack = await startTestStack('outbound', { clock: new TestClock(new Date('2026-11-24T10:00:00Z')) });
    stack.clients.ses.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Destinations?: string[] };
        const fault = faults.findIndex((f) => input.Destinations?.includes(f.to));
        if (fault >= 0) {
          const [f] = faults.splice(fault, 1);
          throw Object.assign(new Error(`injected ${f!.error}`), { name: f!.error, $fault: 'client' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectSesFaults' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A ticket for the customer, so the job has someone to write to. */
  async function ticketFor(ticketId: string, address: string): Promise<string> {
    await seedTicket(
      dynamoStores(stack.clients.documents, stack.resources.tableName).tickets,
      aTicket({ ticketId, customer: { address, name: 'Test Person' }, subject: 'Question' }),
    );
    return ticketId;
  }

  async function enqueue(j: CustomerJob) {
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: stack.resources.queues.outbound.url, MessageBody: JSON.stringify(j) }));
  }

  it('sends a job delivered three times once', async () => {
    const ticketId = await ticketFor('T-18881', 'thrice@example.net');
    for (let i = 0; i < 3; i += 1) await enqueue(job(ticketId, 'job-thrice'));
    await stack.drain();
    expect(await sentTo(stack, 'thrice@example.net')).toHaveLength(1);
  });

  it('retries a throttled send and sends it once', async () => {
    faults.push({ to: 'throttled@example.net', error: 'Throttling' });
    await enqueue(job(await ticketFor('T-18882', 'throttled@example.net'), 'job-throttled'));
    await stack.drain();
    expect(faults).toHaveLength(0); // the fault was hit
    expect(await sentTo(stack, 'throttled@example.net')).toHaveLength(1);
    expect(await stack.queueDepth(stack.resources.queues.outbound.dlqUrl)).toBe(0);
  });

  it('records a permanent rejection on the ticket and does not retry it', async () => {
    faults.push({ to: 'rejected@example.net', error: 'MessageRejected' });
    await enqueue(job(await ticketFor('T-18883', 'rejected@example.net'), 'job-rejected'));
    await stack.drain();
    expect(await sentTo(stack, 'rejected@example.net')).toHaveLength(0);
    const thread = await dynamoStores(stack.clients.documents, stack.resources.tableName).tickets.getThread('T-18883');
    const failure = thread.find((m) => m.kind === 'failed:acknowledgement');
    expect(failure?.text).toContain('MessageRejected');
    expect(await stack.queueDepth(stack.resources.queues.outbound.dlqUrl)).toBe(0);
  });
});
