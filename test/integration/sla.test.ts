import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { parseSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { type AgentDeps, replyToCustomer, resolveTicket, setPending } from '../../lib/use-cases/agent-actions.ts';
import { TestClock } from '../helpers/clock.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

// Mon–Fri 09:00–18:00 UTC; complaints: first response within 4 business hours, warn at 75 %.
const SLA = { warnAt: 0.75, followUpAfterDays: 3, pendingReminderAfterDays: 2, autoCloseAfterDays: 5 };

describe('SLA engine on the local stack (injected clock)', () => {
  let stack: LocalStack;
  let store: DynamoStores;
  let agent: AgentDeps;
  let alerts: () => Promise<AlertMessage[]>;
  const clock = new TestClock(new Date('2026-11-27T17:55:00Z')); // Friday 17:55

  beforeAll(async () => {
    stack = await startTestStack('sla', { clock, slaConfig: JSON.stringify(SLA) });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    agent = { tickets: store.tickets, outbound: new SqsOutboundQueue(stack.clients.sqs, stack.resources.queues.outbound.url), clock, config: parseSlaConfig(SLA) };
    alerts = await stack.listenToAlerts();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function complaint(customer: string, messageId: string) {
    const before = stack.smtp.published.length;
    await stack.deliver(rawMail({ from: customer, subject: 'Broken heater', messageId, body: 'The heater you sold me stopped working. I want a replacement.' }), {
      from: customer,
      to: ['support@example.com'],
    });
    await stack.drain();
    const delivery = await store.deliveries.find(stack.smtp.published[before]!.mail.messageId);
    return (await store.tickets.getTicket(delivery!.ticketId!))!;
  }

  async function sweepAt(iso: string) {
    clock.set(new Date(iso));
    const result = await stack.sweep();
    await stack.drain();
    return result;
  }

  it('gives a complaint arriving Friday 17:55 a deadline on Monday, in business time', async () => {
    clock.set(new Date('2026-11-27T17:55:00Z'));
    const ticket = await complaint('friday@example.net', '<fri-1@example.net>');
    expect(ticket.category).toBe('complaint');
    // 5 minutes on Friday, 3 h 55 on Monday from 09:00.
    expect(ticket.sla?.response?.dueAt).toBe('2026-11-30T12:55:00.000Z');
    expect(ticket.sla?.response?.warnAt).toBe('2026-11-30T11:55:00.000Z');
    // …and the acknowledgement states that time.
    const [ack] = await sentTo(stack, 'friday@example.net');
    expect(ack?.subject).toContain(ticket.ticketId);
  });

  it('warns, then breaches and escalates, each exactly once, even when sweeps overlap', async () => {
    clock.set(new Date('2026-11-27T17:55:00Z'));
    const ticket = await complaint('late@example.net', '<late-1@example.net>');
    await alerts(); // drop alerts from earlier tests

    expect((await sweepAt('2026-11-30T11:00:00Z')).fired).toBe(0); // nothing due yet on Monday morning
    await sweepAt('2026-11-30T12:00:00Z');
    const warned = await store.tickets.getTicket(ticket.ticketId);
    expect(warned?.sla?.response?.warnedAt).toBe('2026-11-30T12:00:00.000Z');

    clock.set(new Date('2026-11-30T13:00:00Z'));
    await Promise.all([stack.sweep(), stack.sweep(), stack.sweep()]); // overlapping sweeps
    await stack.drain();
    await sweepAt('2026-11-30T13:01:00Z'); // and a later duplicate

    const breached = (await store.tickets.getTicket(ticket.ticketId))!;
    expect(breached.sla?.response?.breachedAt).toBe('2026-11-30T13:00:00.000Z');
    expect(breached.sla?.priority).toBe(1);
    expect(breached.sla?.priorityReasons).toEqual(['response-breach']);
    const mine = (await alerts()).filter((a) => a.Subject.includes(ticket.ticketId));
    expect(mine.map((a) => a.Subject.split(']')[0])).toEqual(['[SLA at risk', '[SLA breached']);
    // The customer hears "still on it" once, after the acknowledgement.
    expect(await sentTo(stack, 'late@example.net')).toHaveLength(2);
  });

  it('cancels warning and breach when a person answers in time', async () => {
    clock.set(new Date('2026-11-27T17:55:00Z'));
    const ticket = await complaint('answered@example.net', '<answered-1@example.net>');
    await alerts();
    clock.set(new Date('2026-11-30T10:00:00Z'));
    const replied = await replyToCustomer({ ticketId: ticket.ticketId, text: 'A new heater leaves our warehouse today.', agentName: 'Lea' }, agent);
    await stack.drain();
    expect(replied.sla?.responsesMet).toBe(1);
    expect(replied.sla?.firstResponseAt).toBe('2026-11-30T10:00:00.000Z');

    const result = await sweepAt('2026-11-30T14:00:00Z');
    // The reply replaced the ticket's next deadline: no warning or breach is left to fire, or to drop.
    expect(result.stale).toBe(0);
    expect((await alerts()).filter((a) => a.Subject.includes(ticket.ticketId))).toEqual([]);
    const mail = await sentTo(stack, 'answered@example.net');
    expect(mail).toHaveLength(2); // acknowledgement + the agent's reply, nothing automatic after it
  });

  it('pauses while waiting on the customer and resumes when they write', async () => {
    clock.set(new Date('2026-11-30T09:00:00Z')); // Monday 09:00
    const ticket = await complaint('pending@example.net', '<pending-1@example.net>');
    const resolutionDue = ticket.sla!.resolution.dueAt!;

    clock.set(new Date('2026-11-30T10:00:00Z'));
    const pending = await replyToCustomer({ ticketId: ticket.ticketId, text: 'Could you send the serial number?', agentName: 'Lea', waitForCustomer: true }, agent);
    expect(pending.status).toBe('pending');
    expect(pending.sla?.resolution).toMatchObject({ state: 'paused', remainingMinutes: 26 * 60 });

    clock.set(new Date('2026-12-01T09:00:00Z')); // the customer answers a (business) day later
    await stack.deliver(
      rawMail({ from: 'pending@example.net', subject: `Re: Broken heater [${ticket.ticketId}]`, messageId: '<pending-2@example.net>', body: 'Serial number HX-2231.' }),
      {
        from: 'pending@example.net',
        to: ['support@example.com'],
      },
    );
    await stack.drain();
    const resumed = (await store.tickets.getTicket(ticket.ticketId))!;
    expect(resumed.status).toBe('open');
    expect(resumed.sla?.resolution.state).toBe('running');
    // 27 business hours from Monday 09:00 ran to Wednesday 18:00. Paused at Monday 10:00 with 26 h left,
    // resumed Tuesday 09:00: the 8 business hours of Monday afternoon do not count, so Thursday 17:00.
    expect(resolutionDue).toBe('2026-12-02T18:00:00.000Z');
    expect(resumed.sla?.resolution.dueAt).toBe('2026-12-03T17:00:00.000Z');
    expect(resumed.sla?.response).toMatchObject({ kind: 'next', startedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-01T13:00:00.000Z' });
  });

  it('sends exactly one follow-up N days after resolution', async () => {
    clock.set(new Date('2026-12-02T09:00:00Z'));
    const ticket = await complaint('followup@example.net', '<followup-1@example.net>');
    clock.set(new Date('2026-12-02T10:00:00Z'));
    await replyToCustomer({ ticketId: ticket.ticketId, text: 'Refund sent.', agentName: 'Lea' }, agent);
    await resolveTicket(ticket.ticketId, agent);
    await stack.drain();

    expect((await sweepAt('2026-12-04T10:00:00Z')).byKind.filter((k) => k.kind === 'follow-up')).toHaveLength(0);
    await sweepAt('2026-12-05T10:00:00Z');
    await sweepAt('2026-12-06T10:00:00Z');
    await sweepAt('2026-12-20T10:00:00Z');
    const mail = await sentTo(stack, 'followup@example.net');
    expect(mail.map((m) => m.subject)).toHaveLength(3); // acknowledgement, agent reply, one follow-up
    expect((await store.tickets.getTicket(ticket.ticketId))?.sla?.followUpSentAt).toBe('2026-12-05T10:00:00.000Z');
  });

  it('reminds a silent customer on a pending ticket, then closes it', async () => {
    clock.set(new Date('2026-12-07T09:00:00Z'));
    const ticket = await complaint('silent@example.net', '<silent-1@example.net>');
    await setPending(ticket.ticketId, agent);
    await sweepAt('2026-12-09T09:01:00Z'); // 2 days: reminder
    expect((await store.tickets.getTicket(ticket.ticketId))?.sla?.reminderSentAt).toBe('2026-12-09T09:01:00.000Z');
    await sweepAt('2026-12-14T09:02:00Z'); // 5 more days: closed
    const closed = (await store.tickets.getTicket(ticket.ticketId))!;
    expect(closed.status).toBe('resolved');
    expect(await sentTo(stack, 'silent@example.net')).toHaveLength(2); // acknowledgement + reminder
  });

  it('reports attainment per queue with triage sla report', async () => {
    const exec = promisify(execFile);
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'triage.mjs');
    const { stdout } = await exec('node', [bin, 'sla', 'report', '--json', '--endpoint', stack.endpoints.dynamodb, '--table', stack.resources.tableName], { encoding: 'utf8' });
    const report = JSON.parse(stdout) as Record<string, { tickets: number; met: number; breached: number }>;
    // The tests above: four answers in time; three breaches recorded while answers were owed (the late
    // ticket, the Friday ticket nobody answered, and the pending ticket's next response after the customer wrote).
    expect(report.complaint).toMatchObject({ tickets: 6, met: 4, breached: 3 });
    expect(report.threat?.tickets).toBe(0);
  });
});
