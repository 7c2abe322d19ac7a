import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../lib/domain/errors.ts';
import type { DeliveryLog, OutboundLedger, SuppressionStore, TicketRepository, TimerIndex } from '../../lib/domain/ports.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import type { Category, Ticket } from '../../lib/domain/ticket.ts';
import { receive, transition } from '../../lib/domain/ticket-lifecycle.ts';
import { anInboundMessage, aTicket } from '../helpers/tickets.ts';

export interface StorePorts {
  readonly tickets: TicketRepository;
  readonly deliveries: DeliveryLog;
  readonly timers: TimerIndex;
  readonly ledger: OutboundLedger;
  readonly suppressions: SuppressionStore;
}

const audit = (ticketId: string, action = 'receive') => ({ ticketId, at: '2026-11-24T10:00:00.000Z', actor: 'customer', action });

/** A ticket with running clocks, received at `receivedAt`, as ingest would open it. */
function opened(ticketId: string, category: Category, receivedAt: string) {
  const draft = aTicket({ ticketId, category, createdAt: receivedAt, updatedAt: receivedAt });
  return receive(draft, new Date(receivedAt), { at: receivedAt, messageKey: `d-${ticketId}` }, DEFAULT_SLA_CONFIG);
}

async function create(stores: StorePorts, ticket: Ticket, key: string, content = `c-${key}`) {
  return stores.tickets.createTicket({ ticket, message: anInboundMessage(ticket, key), deliveryKey: key, contentKey: content, timers: [], audit: audit(ticket.ticketId) });
}

/**
 * What every implementation of the store ports guarantees. Run against the
 * in-memory fakes (unit) and the DynamoDB adapters (DynamoDB Local), so the
 * fakes the use-case tests rely on cannot drift from the real thing.
 */
export function describeStoreContract(name: string, setup: () => Promise<StorePorts> | StorePorts, prefix: string): void {
  const id = (n: number) => `T-${prefix}${n}`;

  describe(`store contract: ${name}`, () => {
    it('allocates increasing ticket numbers', async () => {
      const stores = await setup();
      const first = await stores.tickets.nextTicketId();
      const second = await stores.tickets.nextTicketId();
      expect(first).toMatch(/^T-\d{5,}$/);
      expect(Number(second.slice(2))).toBe(Number(first.slice(2)) + 1);
    });

    it('claims each content once: a retry of the delivery gets its claim back, another delivery of the content is a duplicate', async () => {
      const stores = await setup();
      // The content key names the Message-ID (and a hash of what the message says): a resend carries the same one.
      const claim = (key: string, content = `c-${key}`, createdAt = '2026-11-24T10:00:00.000Z') =>
        stores.tickets.claimIntake({
          message: anInboundMessage({ ticketId: '', customer: { address: 'ada@example.net' }, subject: 'Hello' }, key, { messageId: `<${content}@mail.example.net>` }),
          deliveryKey: key,
          contentKey: content,
          createdAt,
        });
      const first = await claim(`${prefix}-d1`);
      if (!first.claimed) throw new Error('the first claim must win');
      expect(first.ticketId).toMatch(/^T-\d{5,}$/);
      expect(first.createdAt).toBe('2026-11-24T10:00:00.000Z');
      // A retry (or a concurrent worker) of the same delivery, later: the same number and creation time, so the same items.
      expect(await claim(`${prefix}-d1`, undefined, '2026-11-24T10:05:00.000Z')).toEqual(first);
      const ticketId = first.ticketId;
      const ticket = aTicket({ ticketId, createdAt: first.createdAt });
      const write = () =>
        stores.tickets.createTicket({
          ticket,
          message: anInboundMessage(ticket, `${prefix}-d1`, { messageId: `<c-${prefix}-d1@mail.example.net>` }),
          deliveryKey: `${prefix}-d1`,
          contentKey: `c-${prefix}-d1`,
          timers: [],
          audit: audit(ticketId),
        });
      expect(await write()).toEqual({ written: true });
      // An attempt that failed after the ticket was written writes it again: nothing new, and it learns the ticket is there.
      expect(await write()).toEqual({ written: false, duplicateOf: { ticketId } });
      expect(await stores.tickets.getThread(ticketId)).toHaveLength(1);
      expect(await stores.tickets.getAudit(ticketId)).toMatchObject([{ action: 'receive', actor: 'customer' }]);
      // The claim is the first message's Message-ID lookup.
      expect(await stores.tickets.findTicketsByMessageId(`<c-${prefix}-d1@mail.example.net>`)).toEqual([ticketId]);

      // The ticket records the delivery that opened it.
      expect(await stores.deliveries.find(`${prefix}-d1`)).toEqual({ deliveryKey: `${prefix}-d1`, outcome: 'ticket-created', ticketId });

      // The same content under another receipt id (a resend, a concurrent copy) is a duplicate, and that delivery is recorded as one.
      expect(await claim(`${prefix}-d2`, `c-${prefix}-d1`)).toEqual({ claimed: false, duplicateOf: { ticketId } });
      expect(await stores.deliveries.find(`${prefix}-d2`)).toMatchObject({ outcome: 'duplicate', ticketId, reason: `duplicate-of:${prefix}-d1` });

      // A delivery that claimed its content for a new ticket and died, retried as a reply to another ticket: not a duplicate but a ticket to finish.
      const began = await claim(`${prefix}-d3`);
      const other = aTicket({ ticketId: id(4) });
      await create(stores, other, `${prefix}-d4`);
      const reply = anInboundMessage(other, `${prefix}-d3`, { messageId: `<c-${prefix}-d3@mail.example.net>` });
      expect(await stores.tickets.appendMessage({ message: reply, deliveryKey: `${prefix}-d3`, contentKey: `c-${prefix}-d3`, expectedVersion: 1, timers: [] })).toEqual({
        written: false,
        duplicateOf: { ticketId: began.claimed ? began.ticketId : '' },
        ownClaim: true,
      });
      expect(await stores.tickets.getThread(id(4))).toHaveLength(1);
    });

    it('appends a reply with a version check, and finds tickets by Message-ID', async () => {
      const stores = await setup();
      const ticket = aTicket({ ticketId: id(30) });
      await create(stores, ticket, `${prefix}-d30`);
      const reply = { ...anInboundMessage(ticket, `${prefix}-d31`), at: '2026-11-24T12:00:00.000Z' };
      const next = { ...ticket, participants: ['bob@example.net'] };
      const append = (key: string) =>
        stores.tickets.appendMessage({
          message: { ...reply, messageKey: key },
          deliveryKey: key,
          contentKey: `c-${key}`,
          next,
          expectedVersion: 1,
          timers: [],
          audit: audit(ticket.ticketId, 'customer-reply'),
        });
      expect(await append(`${prefix}-d31`)).toEqual({ written: true });
      expect(await stores.tickets.getTicket(id(30))).toMatchObject({ version: 2, participants: ['bob@example.net'] });
      await expect(append(`${prefix}-d32`)).rejects.toThrow(ConflictError);
      expect(await stores.tickets.findTicketsByMessageId(`<${prefix.toUpperCase()}-D31@MAIL.EXAMPLE.NET>`)).toEqual([id(30)]);
      expect(await stores.tickets.getThread(id(30))).toHaveLength(2);
      expect(await stores.tickets.getMessage(id(30), { at: reply.at, messageKey: `${prefix}-d31` })).toMatchObject({ messageKey: `${prefix}-d31` });
      expect(await stores.tickets.getMessage(id(30), { at: reply.at, messageKey: 'nope' })).toBeUndefined();
    });

    it('saves a transition only against the version it was made from, with its audit entry', async () => {
      const stores = await setup();
      const { ticket, timers } = opened(id(10), 'routine', '2026-11-24T10:00:00.000Z');
      await stores.tickets.createTicket({
        ticket,
        message: anInboundMessage(ticket, `${prefix}-d10`),
        deliveryKey: `${prefix}-d10`,
        contentKey: `c-${prefix}-d10`,
        timers,
        audit: audit(ticket.ticketId),
      });
      const pending = transition(ticket, { type: 'pending', at: new Date('2026-11-24T11:00:00Z'), agent: 'agent1' }, DEFAULT_SLA_CONFIG);
      const owed = { schemaVersion: 2 as const, jobId: `${prefix}-outbox-job`, ticketId: id(10), kind: 'agent-reply' as const, text: 'Hello', agentName: 'agent1' };
      await stores.tickets.saveTicket({ next: pending.ticket, expectedVersion: 1, timers: pending.timers, audit: pending.audit, outbox: [owed] });
      // the outbox keeps what the transition owes until it is cleared
      const stuck = (await stores.tickets.pendingOutbox(new Date('2026-11-24T11:05:00Z'), 10)).filter((o) => o.job.jobId === owed.jobId);
      expect(stuck.map((o) => o.job)).toEqual([owed]);
      expect((await stores.tickets.pendingOutbox(new Date('2026-11-24T10:59:00Z'), 10)).filter((o) => o.job.jobId === owed.jobId)).toEqual([]);
      await stores.tickets.clearOutbox(stuck[0]!.entry);
      expect((await stores.tickets.pendingOutbox(new Date('2026-11-24T11:05:00Z'), 10)).filter((o) => o.job.jobId === owed.jobId)).toEqual([]);
      const resolved = transition(ticket, { type: 'resolve', at: new Date('2026-11-24T11:01:00Z'), agent: 'agent2' }, DEFAULT_SLA_CONFIG);
      await expect(stores.tickets.saveTicket({ next: resolved.ticket, expectedVersion: 1, timers: resolved.timers, audit: resolved.audit })).rejects.toThrow(ConflictError);
      expect(await stores.tickets.getTicket(id(10))).toMatchObject({ status: 'pending', version: 2 });
      const noted = transition(
        { ...pending.ticket, version: 2 },
        { type: 'note', at: new Date('2026-11-24T11:02:00Z'), agent: 'agent1', text: 'Asked for a photo.' },
        DEFAULT_SLA_CONFIG,
      );
      await stores.tickets.saveTicket({ next: noted.ticket, expectedVersion: 2, timers: noted.timers, audit: noted.audit, ...(noted.message ? { message: noted.message } : {}) });
      expect((await stores.tickets.getThread(id(10))).map((m) => m.direction)).toEqual(['inbound', 'note']);
      // the ticket view's one read gives what the three separate reads give
      expect(await stores.tickets.getTicketWithHistory(id(10))).toEqual({
        ticket: await stores.tickets.getTicket(id(10)),
        thread: await stores.tickets.getThread(id(10)),
        audit: await stores.tickets.getAudit(id(10)),
      });
      expect((await stores.tickets.getTicketWithHistory(id(10)))?.audit.length).toBeGreaterThan(1);
      expect(await stores.tickets.getTicketWithHistory(id(9999))).toBeUndefined();
      // flagging writes the customer's profile with the ticket
      const flagged = transition(
        { ...noted.ticket, version: 3 },
        { type: 'flag-customer', at: new Date('2026-11-24T11:03:00Z'), agent: 'agent1', flags: { rude: true } },
        DEFAULT_SLA_CONFIG,
      );
      const address = `${prefix}-flag@example.net`;
      await stores.tickets.saveTicket({
        next: flagged.ticket,
        expectedVersion: 3,
        timers: [],
        audit: flagged.audit,
        customer: { address, flags: { rude: true }, updatedAt: '2026-11-24T11:03:00.000Z', updatedBy: 'agent1' },
      });
      expect(await stores.tickets.getCustomer(address.toUpperCase())).toMatchObject({ flags: { rude: true }, updatedBy: 'agent1' });
      expect(await stores.tickets.getCustomer(`${prefix}-nobody@example.net`)).toBeUndefined();
      expect((await stores.tickets.getAudit(id(10))).map((a) => [a.action, a.actor, a.from, a.to])).toEqual([
        ['receive', 'customer', undefined, undefined],
        ['pending', 'agent1', 'open', 'pending'],
        ['note', 'agent1', undefined, undefined],
        ['flag-customer', 'agent1', '', 'rude'],
      ]);
    });

    it('lists a queue most urgent first and moves tickets between queues', async () => {
      const stores = await setup();
      const late = opened(id(21), 'complaint', '2026-11-24T13:00:00.000Z');
      const early = opened(id(20), 'complaint', '2026-11-24T10:00:00.000Z');
      for (const t of [late, early]) {
        await stores.tickets.createTicket({
          ticket: t.ticket,
          message: anInboundMessage(t.ticket, `${prefix}-q${t.ticket.ticketId}`),
          deliveryKey: `${prefix}-q${t.ticket.ticketId}`,
          contentKey: `c-${prefix}-q${t.ticket.ticketId}`,
          timers: t.timers,
          audit: t.audit,
        });
      }
      const queue = async (status: 'open' | 'resolved') => (await stores.tickets.listQueue('complaint', status)).map((t) => t.ticketId).filter((x) => x.startsWith(`T-${prefix}`));
      expect(await queue('open')).toEqual([id(20), id(21)]);
      // subject words find tickets, every word required, newest first
      await stores.tickets.indexSubject({ ...late.ticket, subject: 'Kettle leaks water' });
      await stores.tickets.indexSubject({ ...early.ticket, subject: 'Kettle arrived late' });
      await stores.tickets.indexSubject({ ...early.ticket, subject: 'Kettle arrived late' }); // a retry changes nothing
      expect((await stores.tickets.ticketsWithWords(['kettle'], 10)).map((t) => t.ticketId)).toEqual([id(21), id(20)]);
      expect((await stores.tickets.ticketsWithWords(['kettle', 'late'], 10)).map((t) => t.ticketId)).toEqual([id(20)]);
      expect(await stores.tickets.ticketsWithWords(['teapot'], 10)).toEqual([]);
      // the customer's history, newest first
      expect((await stores.tickets.ticketsOfCustomer('ADA@example.net', 50)).map((t) => t.ticketId).filter((x) => [id(20), id(21)].includes(x))).toEqual([id(21), id(20)]);
      // page by page, with an opaque cursor
      const mine = (tickets: Ticket[]) => tickets.map((t) => t.ticketId).filter((x) => x.startsWith(`T-${prefix}`));
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await stores.tickets.queuePage('complaint', 'open', { limit: 1, ...(cursor ? { cursor } : {}) });
        pages.push(...mine(page.tickets));
        cursor = page.cursor;
      } while (cursor);
      expect(pages).toEqual([id(20), id(21)]);
      await expect(stores.tickets.queuePage('complaint', 'open', { limit: 1, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
      // a cursor from one queue is refused for another
      const first = await stores.tickets.queuePage('complaint', 'open', { limit: 1 });
      await expect(stores.tickets.queuePage('routine', 'open', { limit: 1, cursor: first.cursor! })).rejects.toThrow(/cursor/);
      // so is a tampered one: the right queue, but not the keys a page stops at (DynamoDB refused it: a 500)
      const tampered = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
      await expect(stores.tickets.queuePage('routine', 'open', { limit: 1, cursor: tampered({ queuePk: 'QUEUE#routine#open' }) })).rejects.toThrow(ValidationError);
      const extra = { queuePk: 'QUEUE#routine#open', queueSk: 'x', pk: 'TICKET#T-1', sk: 'TICKET', other: 'x' };
      await expect(stores.tickets.queuePage('routine', 'open', { limit: 1, cursor: tampered(extra) })).rejects.toThrow(ValidationError);
      const empty = { queuePk: 'QUEUE#routine#open', queueSk: '', pk: 'TICKET#T-1', sk: 'TICKET' };
      await expect(stores.tickets.queuePage('routine', 'open', { limit: 1, cursor: tampered(empty) })).rejects.toThrow(ValidationError);
      await expect(stores.tickets.recategorisations({ limit: 1, cursor: tampered({ pk: 'FEEDBACK#recategorisation' }) })).rejects.toThrow(ValidationError);
      const resolved = transition(early.ticket, { type: 'resolve', at: new Date('2026-11-24T12:00:00Z'), agent: 'agent1' }, DEFAULT_SLA_CONFIG);
      await stores.tickets.saveTicket({ next: resolved.ticket, expectedVersion: 1, timers: resolved.timers, audit: resolved.audit });
      expect(await queue('open')).toEqual([id(21)]);
      expect(await queue('resolved')).toEqual([id(20)]);
    });

    it('holds one next deadline per ticket, pages through a shard, fires each once and moves to the next', async () => {
      const stores = await setup();
      const { ticket, timers } = opened(id(40), 'complaint', '2026-11-24T10:00:00.000Z');
      await stores.tickets.createTicket({
        ticket,
        message: anInboundMessage(ticket, `${prefix}-d40`),
        deliveryKey: `${prefix}-d40`,
        contentKey: `c-${prefix}-d40`,
        timers,
        audit: audit(ticket.ticketId),
      });
      const later = new Date('2026-12-31T00:00:00Z');
      const dueFor = async (ticketId: string) => {
        const found = [];
        for (let shard = 0; shard < stores.timers.shards; shard += 1) {
          let cursor: string | undefined;
          do {
            const page = await stores.timers.due(shard, later, 1, cursor); // one at a time: the cursor carries on
            found.push(...page.timers);
            cursor = page.cursor;
          } while (cursor);
        }
        return found.filter((t) => t.ticketId === ticketId);
      };
      // Three timers, one entry: the earliest.
      expect(timers.length).toBe(3);
      const [warn] = await dueFor(id(40));
      expect(warn).toMatchObject({ kind: 'response-warn', dueAt: timers.find((t) => t.kind === 'response-warn')!.dueAt });
      const rest = timers.filter((t) => t.kind !== 'response-warn');
      await stores.tickets.saveTicket({ next: ticket, expectedVersion: 1, timers: rest, audit: audit(ticket.ticketId, 'timer') });
      // The twin sweep that read the same version loses.
      await expect(stores.tickets.saveTicket({ next: ticket, expectedVersion: 1, timers: rest, audit: audit(ticket.ticketId, 'timer') })).rejects.toThrow(ConflictError);
      expect((await dueFor(id(40))).map((t) => t.kind)).toEqual(['response-breach']);
      // A stale entry (the ticket moved on) reschedules nothing; the deadline the ticket holds is replaced.
      await stores.timers.reschedule(warn!, [], ticket.sla?.epoch ?? 0);
      expect((await dueFor(id(40))).map((t) => t.kind)).toEqual(['response-breach']);
      const [breach] = await dueFor(id(40));
      await stores.timers.reschedule(
        breach!,
        timers.filter((t) => t.kind === 'resolution-breach'),
        ticket.sla?.epoch ?? 0,
      );
      expect((await dueFor(id(40))).map((t) => t.kind)).toEqual(['resolution-breach']);
      const [resolution] = await dueFor(id(40));
      await stores.timers.reschedule(resolution!, [], ticket.sla?.epoch ?? 0);
      expect(await dueFor(id(40))).toEqual([]);
    });

    it('lets one attempt claim an outbound job and remembers when it was sent', async () => {
      const stores = await setup();
      const ticket = aTicket({ ticketId: id(50) });
      await create(stores, ticket, `${prefix}-d50`);
      const at = new Date('2026-11-24T10:00:00Z');
      const job = { jobId: `${prefix}-job-1`, ticketId: id(50) };
      expect(await stores.ledger.claim(job, at)).toBe('claimed');
      expect(await stores.ledger.claim(job, at)).toBe('in-progress');
      // After the lease runs out, a stuck claim may be taken over.
      expect(await stores.ledger.claim(job, new Date(at.getTime() + 6 * 60_000))).toBe('claimed');
      await stores.ledger.release(job);
      expect(await stores.ledger.claim(job, at)).toBe('claimed');
      await stores.ledger.complete(job, { ...anInboundMessage(ticket, job.jobId), direction: 'outbound', messageId: `${prefix}-ses-123` });
      expect(await stores.ledger.claim(job, new Date(at.getTime() + 60 * 60_000))).toBe('already-sent');
      expect((await stores.tickets.getThread(id(50))).map((m) => m.direction)).toEqual(['inbound', 'outbound']);
    });

    it('keeps a claim whose outcome is unknown until its lease runs out, then allows one more attempt and no third', async () => {
      const stores = await setup();
      const ticket = aTicket({ ticketId: id(60) });
      await create(stores, ticket, `${prefix}-d60`);
      const at = new Date('2026-11-24T10:00:00Z');
      const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
      const job = { jobId: `${prefix}-job-unknown`, ticketId: id(60) };
      const note = (n: number) => ({ ...anInboundMessage(ticket, `${job.jobId}#unknown#${n}`), direction: 'outbound' as const, kind: 'unknown:acknowledgement' as const });
      expect(await stores.ledger.claim(job, at)).toBe('claimed');
      expect(await stores.ledger.keepUnknown(job, note(1))).toBe(1);
      expect(await stores.ledger.claim(job, later(2))).toBe('in-progress');
      expect(await stores.ledger.claim(job, later(6))).toBe('claimed');
      expect(await stores.ledger.keepUnknown(job, note(2))).toBe(2);
      expect(await stores.ledger.claim(job, later(20))).toBe('gave-up');
      await stores.ledger.note({ ...anInboundMessage(ticket, `${job.jobId}#note`), direction: 'outbound', kind: 'failed:acknowledgement' });
      expect((await stores.tickets.getThread(id(60))).map((m) => m.kind ?? m.direction).sort()).toEqual([
        'failed:acknowledgement',
        'inbound',
        'unknown:acknowledgement',
        'unknown:acknowledgement',
      ]);
    });

    it('suppresses an address until a date, and counts automatic replies per window', async () => {
      const stores = await setup();
      const at = new Date('2026-11-24T10:00:00Z');
      const address = `${prefix}-robot@example.net`;
      await stores.suppressions.suppress(address, new Date('2026-11-25T10:00:00Z'), 'bounced');
      expect(await stores.suppressions.suppressedReason(address.toUpperCase(), at)).toBe('bounced');
      expect(await stores.suppressions.suppressedReason(address, new Date('2026-11-26T10:00:00Z'))).toBeUndefined();
      const takes = [];
      for (let i = 0; i < 3; i += 1) takes.push(await stores.suppressions.takeAutoReplyAllowance(address, at, 2, 60));
      expect(takes).toEqual(['charged', 'charged', 'refused']);
      expect(await stores.suppressions.takeAutoReplyAllowance(address, new Date(at.getTime() + 61 * 60_000), 2, 60)).toBe('charged');
      // the same use (copies of one message, a retried job) is charged once
      const other = `${prefix}-copies@example.net`;
      const copies = await Promise.all(Array.from({ length: 5 }, () => stores.suppressions.takeAutoReplyAllowance(other, at, 1, 60, 'content-1')));
      expect(copies.filter((c) => c === 'charged')).toHaveLength(1);
      expect(copies.filter((c) => c === 'repeat')).toHaveLength(4);
      expect(await stores.suppressions.takeAutoReplyAllowance(other, at, 1, 60, 'content-2')).toBe('refused');
    });
  });
}
