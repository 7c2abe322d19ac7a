import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import { MAX_PARTICIPANTS, TICKET_STATUSES, type Ticket, type TicketStatus } from '../../lib/domain/ticket.ts';
import {
  ALLOWED_FROM,
  AlreadyClaimedError,
  type Command,
  claimable,
  IllegalTransitionError,
  owedOnReceipt,
  receive,
  timerFired,
  transition,
} from '../../lib/domain/ticket-lifecycle.ts';
import { urgencyKey } from '../../lib/domain/urgency.ts';
import { aTicket } from '../helpers/tickets.ts';

const config = DEFAULT_SLA_CONFIG;
const at = new Date('2026-11-24T12:00:00Z');
const received = '2026-11-24T10:00:00.000Z';
const firstMessage = { at: received, messageKey: 'ses-1' };

/** An open complaint with running clocks, as ingest opens it. */
function openComplaint(overrides: Partial<Ticket> = {}): Ticket {
  return receive(aTicket({ ticketId: 'T-10001', category: 'complaint', createdAt: received, ...overrides }), new Date(received), firstMessage, config).ticket;
}

const COMMANDS: Readonly<Record<Command['type'], Command>> = {
  'customer-reply': { type: 'customer-reply', at, participants: ['cc@example.net'] },
  'agent-reply': { type: 'agent-reply', at, agent: 'agent1', text: 'We are on it.' },
  pending: { type: 'pending', at, agent: 'agent1' },
  resolve: { type: 'resolve', at, agent: 'agent1', summary: 'Replaced the lamp.' },
  reopen: { type: 'reopen', at, agent: 'agent1' },
  close: { type: 'close', at, agent: 'lead' },
  recategorise: { type: 'recategorise', at, agent: 'agent1', category: 'rude', reason: 'insults the driver' },
  assign: { type: 'assign', at, agent: 'lead', assignee: 'agent2' },
  claim: { type: 'claim', at, agent: 'agent1', claimTimeoutMinutes: 30 },
  note: { type: 'note', at, agent: 'agent1', text: 'Called the courier.' },
  'flag-customer': { type: 'flag-customer', at, agent: 'agent1', flags: { rude: true } },
  escalate: { type: 'escalate', at, agent: 'agent1', reason: 'asks for compensation beyond my limit' },
};

const cases = (Object.keys(COMMANDS) as Array<Command['type']>).flatMap((action) =>
  TICKET_STATUSES.map((status) => ({ action, status, legal: ALLOWED_FROM[action].includes(status) })),
);

describe('ticket lifecycle: which transitions each status allows', () => {
  it.each(cases.filter((c) => c.legal))('$action from $status is allowed and audited', ({ action, status }) => {
    const before = openComplaint({ status: status as TicketStatus });
    const result = transition(before, COMMANDS[action], config);
    expect(result.audit).toMatchObject({ ticketId: 'T-10001', at: at.toISOString(), action });
    expect(result.audit.actor).toBe(action === 'customer-reply' ? 'customer' : (COMMANDS[action] as { agent: string }).agent);
    expect(result.ticket.updatedAt).toBe(at.toISOString());
    expect(result.ticket.version).toBe(before.version); // the store increments it on save
  });

  it.each(cases.filter((c) => !c.legal))('$action from $status is refused', ({ action, status }) => {
    const before = openComplaint({ status: status as TicketStatus });
    expect(() => transition(before, COMMANDS[action], config)).toThrow(IllegalTransitionError);
  });
});

describe('ticket lifecycle: what each transition does', () => {
  it('opens a ticket with clocks, a reason, timers and what it owes', () => {
    const opened = receive(aTicket({ ticketId: 'T-10001', category: 'threat', createdAt: received }), new Date(received), firstMessage, config);
    expect(opened.ticket.sla?.response?.dueAt).toBeDefined();
    expect(opened.ticket.slaReasons[0]).toMatch(/^first response within 60 min around the clock for threat/);
    expect(opened.timers.map((t) => t.kind)).toEqual(['response-warn', 'response-breach', 'resolution-breach']);
    expect(opened.jobs.map((j) => j.jobId)).toEqual([`alert:threat:threat:T-10001:${opened.ticket.sla!.epoch}`, 'mail:threat-received:ack:T-10001:0']);
    expect(opened.audit).toMatchObject({ action: 'receive', actor: 'customer', to: 'open', detail: 'threat' });
  });

  it('answers a doubtful classification with the neutral acknowledgement, never an apology on a guess', () => {
    const doubtful = openComplaint({ classification: { ...openComplaint().classification, category: 'complaint', needsReview: true } });
    expect(owedOnReceipt(doubtful, firstMessage).map((j) => j.kind)).toEqual(['acknowledgement']);
    expect(owedOnReceipt(openComplaint(), firstMessage).map((j) => j.kind)).toEqual(['apology']);
  });

  it('owes nothing to spam, and no first reply when automatic mail is suppressed', () => {
    const spam = receive(aTicket({ ticketId: 'T-10002', status: 'spam', createdAt: received }), new Date(received), firstMessage, config);
    expect(spam.ticket.sla).toBeUndefined();
    expect(spam.timers).toEqual([]);
    expect(spam.jobs).toEqual([]);
    expect(owedOnReceipt(openComplaint({ autoReplySuppressed: 'autoreply-suppressed:dmarc-fail' }), firstMessage)).toEqual([]);
  });

  it('keeps at most MAX_PARTICIPANTS participants, the earliest first, however many replies name more', () => {
    let ticket: Ticket = { ...openComplaint(), participants: ['first@example.net', 'second@example.net'] };
    for (let reply = 0; reply < 3; reply += 1) {
      const named = Array.from({ length: 100 }, (_, i) => `r${reply}-${i}@example.org`);
      ticket = transition(ticket, { type: 'customer-reply', at, participants: ['second@example.net', ...named] }, config).ticket;
    }
    expect(ticket.participants).toHaveLength(MAX_PARTICIPANTS);
    expect(ticket.participants.slice(0, 3)).toEqual(['first@example.net', 'second@example.net', 'r0-0@example.org']);
    expect(ticket.participants.some((p) => p.startsWith('r1-'))).toBe(false);
  });

  it('reopens a resolved ticket when the customer writes, and adds who was on the mail', () => {
    const resolved = transition(openComplaint(), COMMANDS.resolve, config).ticket;
    const reply = transition(resolved, { type: 'customer-reply', at: new Date('2026-11-25T09:00:00Z'), participants: ['cc@example.net'] }, config);
    expect(reply.ticket).toMatchObject({ status: 'open', reopenedCount: 1 });
    expect(reply.ticket.participants).toContain('cc@example.net');
    expect(reply.ticket.sla?.response?.kind).toBe('next');
    expect(reply.audit).toMatchObject({ from: 'resolved', to: 'open' });
  });

  it('answers with a job named by the version answered, threaded under the customer message', () => {
    const ticket = openComplaint();
    const reply = transition(ticket, { ...COMMANDS['agent-reply'], replyTo: firstMessage } as Command, config);
    expect(reply.jobs).toEqual([
      { schemaVersion: 2, jobId: 'reply:T-10001:v1', ticketId: 'T-10001', kind: 'agent-reply', text: 'We are on it.', agentName: 'agent1', replyTo: firstMessage },
    ]);
    expect(reply.ticket.sla?.response).toBeUndefined(); // answered: no response owed
    expect(reply.timers.map((t) => t.kind)).toEqual(['resolution-breach']);
    const waiting = transition(ticket, { ...COMMANDS['agent-reply'], waitForCustomer: true } as Command, config);
    expect(waiting.ticket.status).toBe('pending');
    expect(waiting.timers.map((t) => t.kind)).toEqual(['pending-reminder']);
  });

  it('resolves with the summary kept on the ticket and one job for it', () => {
    const resolved = transition(openComplaint(), COMMANDS.resolve, config);
    expect(resolved.ticket).toMatchObject({ status: 'resolved', resolutionSummary: 'Replaced the lamp.' });
    expect(resolved.jobs.map((j) => j.kind)).toEqual(['resolution-summary']);
    expect(resolved.timers.map((t) => t.kind)).toEqual(['follow-up']);
    expect(transition(openComplaint(), { type: 'resolve', at, agent: 'a' }, config).jobs).toEqual([]);
  });

  it('closes for good: no timers, and the clock epoch moves so old timers go stale', () => {
    const resolved = transition(openComplaint(), COMMANDS.resolve, config).ticket;
    const closed = transition(resolved, COMMANDS.close, config);
    expect(closed.ticket.status).toBe('closed');
    expect(closed.timers).toEqual([]);
    expect(closed.ticket.sla!.epoch).toBeGreaterThan(resolved.sla!.epoch);
  });

  it('recategorises under the new queue policy with the reason audited, and refuses the same category', () => {
    const moved = transition(openComplaint(), COMMANDS.recategorise, config);
    expect(moved.ticket.category).toBe('rude');
    expect(moved.audit).toMatchObject({ from: 'complaint', to: 'rude', detail: 'insults the driver' });
    expect(moved.ticket.slaReasons).toEqual(openComplaint().slaReasons);
    // the owed first answer is now due under the rude queue's policy, counted from when it became owed
    expect(moved.ticket.sla!.response!.startedAt).toBe(openComplaint().sla!.response!.startedAt);
    expect(moved.ticket.sla!.response!.dueAt).not.toBe(openComplaint().sla!.response!.dueAt);
    // an answered, pending ticket keeps its clocks, history and timers
    const pending = transition(openComplaint(), { type: 'agent-reply', at, agent: 'a', text: 'x', waitForCustomer: true }, config).ticket;
    const movedPending = transition(pending, { ...COMMANDS.recategorise, at: new Date(at.getTime() + 60_000) } as Command, config);
    expect(movedPending.ticket.sla).toEqual(pending.sla);
    expect(movedPending.timers.map((t) => t.kind)).toEqual(['pending-reminder']);
    expect(() => transition(openComplaint(), { ...COMMANDS.recategorise, category: 'complaint' } as Command, config)).toThrow(IllegalTransitionError);
  });

  it('assigns and unassigns, auditing from whom to whom', () => {
    const assigned = transition(openComplaint(), COMMANDS.assign, config);
    expect(assigned.ticket.assignee).toBe('agent2');
    const released = transition(assigned.ticket, { type: 'assign', at, agent: 'agent2' }, config);
    expect(released.ticket.assignee).toBeUndefined();
    expect(released.audit).toMatchObject({ from: 'agent2', to: '' });
  });

  it('fires a due timer once per epoch: a warning alerts, a stale one does nothing', () => {
    const ticket = openComplaint();
    const warn = { ticketId: ticket.ticketId, kind: 'response-warn' as const, dueAt: ticket.sla!.response!.warnAt, epoch: ticket.sla!.epoch };
    const fired = timerFired(ticket, warn, new Date(warn.dueAt), config);
    if (fired === 'stale') throw new Error('expected the timer to fire');
    expect(fired.jobs.map((j) => j.jobId)).toEqual([`alert:sla-warning:response-warn:T-10001:${ticket.sla!.epoch}`]);
    expect(fired.ticket.sla?.response?.warnedAt).toBe(warn.dueAt);
    expect(fired.audit).toMatchObject({ actor: 'system', action: 'timer:response-warn' });
    expect(timerFired(ticket, { ...warn, epoch: warn.epoch + 1 }, new Date(warn.dueAt), config)).toBe('stale');
  });

  it('orders the queue by the live deadline, then priority', () => {
    const complaint = openComplaint();
    const answered = transition(complaint, COMMANDS['agent-reply'], config).ticket;
    expect(urgencyKey(complaint) < urgencyKey(answered)).toBe(true); // the owed answer comes before the resolution deadline
    const urgent = { ...complaint, sla: { ...complaint.sla!, priority: 3 } };
    expect(urgencyKey(urgent) < urgencyKey(complaint)).toBe(true);
    expect(urgencyKey({ createdAt: received })).toMatch(/^9999/);
  });

  it('claims for one agent; a colleague may take it only after the claim went stale', () => {
    const claimed = transition(openComplaint(), COMMANDS.claim, config);
    expect(claimed.ticket.assignee).toBe('agent1');
    expect(claimed.audit).toMatchObject({ action: 'claim', from: '', to: 'agent1' });
    const soon = { type: 'claim', at: new Date(at.getTime() + 10 * 60_000), agent: 'agent2', claimTimeoutMinutes: 30 } as const;
    expect(() => transition(claimed.ticket, soon, config)).toThrow(AlreadyClaimedError);
    const later = { ...soon, at: new Date(at.getTime() + 31 * 60_000) };
    expect(transition(claimed.ticket, later, config).ticket.assignee).toBe('agent2');
    expect(claimable(claimed.ticket, 'agent1', soon.at, 30)).toBe(true);
  });

  it('keeps a note on the thread, never as mail', () => {
    const noted = transition(openComplaint(), COMMANDS.note, config);
    expect(noted.message).toMatchObject({ direction: 'note', text: 'Called the courier.', messageKey: 'note:v1' });
    expect(noted.jobs).toEqual([]);
    expect(noted.ticket.status).toBe('open');
  });

  it('flags the customer for the next agent, and escalates up the queue', () => {
    const flagged = transition(openComplaint(), COMMANDS['flag-customer'], config);
    expect(flagged.ticket.customerFlags).toEqual({ rude: true });
    expect(flagged.audit).toMatchObject({ action: 'flag-customer', from: '', to: 'rude' });
    const vip = transition(flagged.ticket, { type: 'flag-customer', at, agent: 'lead', flags: { vip: true, rude: false } }, config);
    expect(vip.audit).toMatchObject({ from: 'rude', to: 'vip' });
    const escalated = transition(openComplaint(), COMMANDS.escalate, config);
    expect(escalated.ticket.escalation).toEqual({ at: at.toISOString(), by: 'agent1', reason: 'asks for compensation beyond my limit' });
    expect(escalated.ticket.sla!.priority).toBe(openComplaint().sla!.priority + 1);
    expect(urgencyKey(escalated.ticket) < urgencyKey(openComplaint())).toBe(true);
  });
});
