import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '../../infra/local/provision.ts';
import { DynamoTicketStore } from '../../lib/adapters/aws/dynamo-ticket-store.ts';
import { ConflictError } from '../../lib/domain/errors.ts';
import type { Category, ThreadMessage, Ticket } from '../../lib/domain/ticket.ts';
import { testClients, uniquePrefix } from '../helpers/local.ts';

const clients = testClients();
let store: DynamoTicketStore;

function ticket(ticketId: string, category: Category = 'routine', dueAt = '2026-11-25T10:00:00.000Z'): Ticket {
  return {
    schemaVersion: 1,
    ticketId,
    status: 'open',
    category,
    classification: { category, confidence: 0.9, language: 'en', needsReview: false, scores: { threat: 0, rude: 0, complaint: 0, routine: 1 }, signals: [] },
    customer: { address: 'ada@example.net', name: 'Ada' },
    supportAddress: 'support@example.com',
    subject: 'Hello',
    locale: 'en',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    firstResponseDueAt: dueAt,
    slaReasons: ['test'],
    participants: [],
    reopenedCount: 0,
    version: 1,
  };
}

function message(ticketId: string, key: string): ThreadMessage {
  return {
    schemaVersion: 1,
    ticketId,
    direction: 'inbound',
    messageKey: key,
    messageId: `<${key}@mail.example.net>`,
    at: '2026-11-24T10:00:00.000Z',
    from: { address: 'ada@example.net' },
    to: [{ address: 'support@example.com' }],
    subject: 'Hello',
    text: 'Hi',
  };
}

describe('DynamoTicketStore (DynamoDB Local)', () => {
  beforeAll(async () => {
    const resources = await provision(clients, uniquePrefix('store'));
    store = new DynamoTicketStore(clients.documents, resources.tableName);
  });
  afterAll(() => {
    clients.dynamodb.destroy();
  });

  it('allocates increasing ticket numbers', async () => {
    const first = await store.nextTicketId();
    const second = await store.nextTicketId();
    expect(first).toMatch(/^T-\d{5}$/);
    expect(Number(second.slice(2))).toBe(Number(first.slice(2)) + 1);
  });

  it('creates a ticket once per delivery and reports the existing one on a repeat', async () => {
    const created = await store.createTicket({ ticket: ticket('T-20001'), message: message('T-20001', 'd1'), deliveryKey: 'd1', contentKey: 'c-d1' });
    expect(created).toEqual({ written: true });

    // A concurrent worker that allocated another number for the same delivery loses, and learns the winner.
    const again = await store.createTicket({ ticket: ticket('T-20002'), message: message('T-20002', 'd1'), deliveryKey: 'd1', contentKey: 'c-d1' });
    expect(again).toEqual({ written: false, duplicateOf: { ticketId: 'T-20001', acknowledgementQueued: false } });
    expect(await store.getTicket('T-20002')).toBeUndefined();
    expect(await store.getThread('T-20001')).toHaveLength(1);

    await store.markAcknowledgementQueued('d1');
    expect((await store.findDelivery('d1'))?.acknowledgementQueued).toBe(true);

    // The same content under another SES id (a resend) is a duplicate too, and that delivery is recorded as one.
    const resend = await store.createTicket({ ticket: ticket('T-20003'), message: message('T-20003', 'd2'), deliveryKey: 'd2', contentKey: 'c-d1' });
    expect(resend).toEqual({ written: false, duplicateOf: { ticketId: 'T-20001', acknowledgementQueued: false } });
    expect(await store.findDelivery('d2')).toMatchObject({ outcome: 'duplicate', ticketId: 'T-20001', reason: 'duplicate-of:d1' });
  });

  it('appends a reply with an optimistic version check and finds tickets by Message-ID', async () => {
    await store.createTicket({ ticket: ticket('T-20030'), message: message('T-20030', 'd30'), deliveryKey: 'd30', contentKey: 'c-d30' });
    const reply = { ...message('T-20030', 'd31'), at: '2026-11-24T12:00:00.000Z' };
    const next = { ...ticket('T-20030'), status: 'open' as const, participants: ['bob@example.net'] };
    expect(await store.appendMessage({ message: reply, deliveryKey: 'd31', contentKey: 'c-d31', next, expectedVersion: 1 })).toEqual({ written: true });
    expect((await store.getTicket('T-20030'))).toMatchObject({ version: 2, participants: ['bob@example.net'] });
    await expect(store.appendMessage({ message: { ...reply, messageKey: 'd32' }, deliveryKey: 'd32', contentKey: 'c-d32', next, expectedVersion: 1 })).rejects.toThrow(ConflictError);
    expect(await store.findTicketsByMessageId('<D31@MAIL.EXAMPLE.NET>')).toEqual(['T-20030']);
    expect(await store.getThread('T-20030')).toHaveLength(2);
  });

  it('rejects a status change made against a stale version', async () => {
    await store.createTicket({ ticket: ticket('T-20010'), message: message('T-20010', 'd10'), deliveryKey: 'd10', contentKey: 'c-d10' });
    const updated = await store.updateStatus('T-20010', 'pending', 1, new Date('2026-11-24T11:00:00Z'));
    expect(updated.version).toBe(2);
    await expect(store.updateStatus('T-20010', 'resolved', 1, new Date('2026-11-24T11:01:00Z'))).rejects.toThrow(ConflictError);
    expect((await store.getTicket('T-20010'))?.status).toBe('pending');
  });

  it('lists a queue by first-response due time and moves tickets between queues', async () => {
    await store.createTicket({ ticket: ticket('T-20021', 'complaint', '2026-11-24T18:00:00.000Z'), message: message('T-20021', 'd21'), deliveryKey: 'd21', contentKey: 'c-d21' });
    await store.createTicket({ ticket: ticket('T-20020', 'complaint', '2026-11-24T14:00:00.000Z'), message: message('T-20020', 'd20'), deliveryKey: 'd20', contentKey: 'c-d20' });
    expect((await store.listQueue('complaint', 'open')).map((t) => t.ticketId)).toEqual(['T-20020', 'T-20021']);

    await store.updateStatus('T-20020', 'resolved', 1, new Date('2026-11-24T12:00:00Z'));
    expect((await store.listQueue('complaint', 'open')).map((t) => t.ticketId)).toEqual(['T-20021']);
    expect((await store.listQueue('complaint', 'resolved')).map((t) => t.ticketId)).toEqual(['T-20020']);
  });

  it('lets one attempt claim an outbound job and remembers when it was sent', async () => {
    const at = new Date('2026-11-24T10:00:00Z');
    expect(await store.claimOutboundJob('job-1', at)).toBe('claimed');
    expect(await store.claimOutboundJob('job-1', at)).toBe('in-progress');
    // After the lease runs out, a stuck claim may be taken over.
    expect(await store.claimOutboundJob('job-1', new Date(at.getTime() + 6 * 60_000))).toBe('claimed');

    await store.recordOutbound('job-1', { ...message('T-20001', 'job-1'), direction: 'outbound', messageId: 'ses-123' });
    expect(await store.claimOutboundJob('job-1', new Date(at.getTime() + 60 * 60_000))).toBe('already-sent');
    expect((await store.getThread('T-20001')).map((m) => m.direction)).toContain('outbound');
  });
});
