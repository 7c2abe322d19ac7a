import { ConflictError, ValidationError } from '../../lib/domain/errors.ts';
import { MAX_SEND_ATTEMPTS, type MessageRef, OUTBOUND_LEASE_MS, type OutboundJob } from '../../lib/domain/outbound-job.ts';
import type { Delivery, DeliveryLog, DueTimer, OutboundClaim, OutboundLedger, SuppressionStore, TicketRepository, TimerIndex, WriteResult } from '../../lib/domain/ports.ts';
import type { TimerSpec } from '../../lib/domain/sla-state.ts';
import { subjectWords } from '../../lib/domain/subject-words.ts';
import { normaliseMessageId } from '../../lib/domain/threading.ts';
import {
  type AuditEntry,
  type Category,
  type CustomerProfile,
  CustomerProfileSchema,
  type Recategorisation,
  type ThreadMessage,
  ThreadMessageSchema,
  type Ticket,
  TicketSchema,
  type TicketStatus,
} from '../../lib/domain/ticket.ts';
import { formatTicketId, tokenInMessageId } from '../../lib/domain/ticket-token.ts';
import { urgencyKey } from '../../lib/domain/urgency.ts';

const SHARDS = 4;

/**
 * The stores in memory, with the same guarantees as the DynamoDB adapters
 * (the contract suite runs against both): conditional writes by version,
 * one ticket per delivery and per content, one claim per job.
 */
export function inMemoryStores() {
  const tickets = new Map<string, Ticket>();
  const messages = new Map<string, ThreadMessage[]>();
  const messageIds = new Map<string, Array<{ ticketId: string; at: string }>>();
  const audits = new Map<string, AuditEntry[]>();
  const customers = new Map<string, CustomerProfile>();
  const feedback: Recategorisation[] = [];
  const outbox = new Map<string, OutboundJob>();
  const words = new Map<string, { word: string; ticketId: string; createdAt: string }>();
  const timers = new Map<string, DueTimer>();
  const deliveries = new Map<string, Delivery>();
  const contents = new Map<string, { deliveryKey: string; ticketId: string; createdAt?: string }>();
  const jobs = new Map<string, { status: 'claimed' | 'unknown' | 'sent'; claimedAt: number; attempts: number }>();
  const suppressed = new Map<string, { until: string; reason: string }>();
  const allowances = new Map<string, number>();
  const allowanceUses = new Map<string, Set<string>>();
  let counter = 0;

  const addMessage = (message: ThreadMessage) => {
    const m = ThreadMessageSchema.parse(message);
    const thread = messages.get(m.ticketId) ?? [];
    if (!thread.some((x) => x.at === m.at && x.messageKey === m.messageKey)) thread.push(m);
    thread.sort((a, b) => `${a.at}#${a.messageKey}`.localeCompare(`${b.at}#${b.messageKey}`));
    messages.set(m.ticketId, thread);
  };
  // Like the table: each ticket holds its next deadline only, the earliest of the full set its state needs.
  const earliest = (specs: readonly TimerSpec[]) => [...specs].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind))[0];
  const putTimers = (ticket: Ticket, specs: readonly TimerSpec[]) => {
    const next = earliest(specs);
    if (next) timers.set(ticket.ticketId, { ticketId: ticket.ticketId, kind: next.kind, dueAt: next.dueAt, epoch: ticket.sla?.epoch ?? 0 });
    else timers.delete(ticket.ticketId);
  };
  const dueKey = (t: DueTimer) => `${t.dueAt}#${t.ticketId}#${t.kind}`;
  const addAudit = (entry: AuditEntry) => audits.set(entry.ticketId, [...(audits.get(entry.ticketId) ?? []), entry]);

  const addAuditOnce = (entry: AuditEntry) => {
    const held = audits.get(entry.ticketId) ?? [];
    if (!held.some((a) => a.at === entry.at && a.action === entry.action)) addAudit(entry);
  };
  const addMessageIds = (m: ThreadMessage) => {
    for (const id of new Set([m.messageId, m.headerMessageId].filter((x): x is string => Boolean(x)).map(normaliseMessageId))) {
      if (tokenInMessageId(id) === m.ticketId.toUpperCase()) continue; // found by its token, like the table
      const list = (messageIds.get(id) ?? []).filter((e) => e.ticketId !== m.ticketId);
      messageIds.set(id, [...list, { ticketId: m.ticketId, at: m.at }]);
    }
  };
  /** A delivery whose content another delivery holds is recorded as its duplicate. */
  const recordDuplicate = (deliveryKey: string, content: { deliveryKey: string; ticketId: string }) => {
    if (!deliveries.has(deliveryKey)) deliveries.set(deliveryKey, { deliveryKey, outcome: 'duplicate', reason: `duplicate-of:${content.deliveryKey}`, ticketId: content.ticketId });
    return { ticketId: content.ticketId };
  };

  const ticketRepository: TicketRepository = {
    async nextTicketId() {
      counter += 1;
      return formatTicketId(counter);
    },
    async claimIntake(input) {
      const held = contents.get(input.contentKey);
      if (held?.deliveryKey === input.deliveryKey && held.createdAt) return { claimed: true, ticketId: held.ticketId, createdAt: held.createdAt };
      if (held) return { claimed: false, duplicateOf: recordDuplicate(input.deliveryKey, held) };
      counter += 1;
      const claim = { deliveryKey: input.deliveryKey, ticketId: formatTicketId(counter), createdAt: input.createdAt };
      contents.set(input.contentKey, claim);
      // The claim is the message's Message-ID lookup too.
      addMessageIds({ ...input.message, ticketId: claim.ticketId });
      return { claimed: true, ticketId: claim.ticketId, createdAt: claim.createdAt };
    },
    async createTicket(input) {
      // Like the table: the delivery record (with the first message) first, then the ticket.
      deliveries.set(input.deliveryKey, { deliveryKey: input.deliveryKey, outcome: 'ticket-created', ticketId: input.ticket.ticketId });
      addMessage(input.message);
      addAuditOnce(input.audit);
      if (tickets.has(input.ticket.ticketId)) return { written: false, duplicateOf: { ticketId: input.ticket.ticketId } };
      tickets.set(input.ticket.ticketId, TicketSchema.parse(input.ticket));
      putTimers(input.ticket, input.timers);
      return { written: true };
    },
    async appendMessage(input): Promise<WriteResult> {
      const delivery = deliveries.get(input.deliveryKey);
      if (delivery)
        return {
          written: false,
          duplicateOf: delivery.ticketId ? { ticketId: delivery.ticketId } : {},
          ...(delivery.outcome === 'ticket-created' ? { ownClaim: true as const } : {}),
        };
      const content = contents.get(input.contentKey);
      // This delivery claimed the content for a new ticket before (the attempt died): a ticket to finish, not a duplicate.
      if (content?.deliveryKey === input.deliveryKey && content.createdAt) return { written: false, duplicateOf: { ticketId: content.ticketId }, ownClaim: true };
      if (content) return { written: false, duplicateOf: recordDuplicate(input.deliveryKey, content) };
      const current = tickets.get(input.message.ticketId);
      if (!current || (input.next && current.version !== input.expectedVersion))
        throw new ConflictError(`Ticket ${input.message.ticketId} changed while a message was being added`);
      if (input.next) {
        tickets.set(current.ticketId, TicketSchema.parse({ ...input.next, version: input.expectedVersion + 1 }));
        putTimers(input.next, input.timers);
        if (input.audit) addAudit(input.audit);
      }
      const { ticketId } = input.message;
      deliveries.set(input.deliveryKey, { deliveryKey: input.deliveryKey, outcome: 'threaded', ticketId });
      contents.set(input.contentKey, { deliveryKey: input.deliveryKey, ticketId });
      addMessage(input.message);
      addMessageIds(input.message);
      return { written: true };
    },
    async saveTicket(input) {
      const current = tickets.get(input.next.ticketId);
      if (!current || current.version !== input.expectedVersion)
        throw new ConflictError(`Ticket ${input.next.ticketId} changed since version ${input.expectedVersion}; reload and try again`);
      tickets.set(current.ticketId, TicketSchema.parse({ ...input.next, version: input.expectedVersion + 1 }));
      putTimers(input.next, input.timers);
      addAudit(input.audit);
      if (input.message) {
        addMessage(input.message);
        addMessageIds(input.message);
      }
      if (input.customer) customers.set(input.customer.address.toLowerCase(), CustomerProfileSchema.parse(input.customer));
      if (input.recategorisation) feedback.push(input.recategorisation);
      for (const job of input.outbox ?? []) outbox.set(`${input.next.updatedAt}#${job.jobId}`, job);
    },
    async pendingOutbox(before: Date, limit: number) {
      return [...outbox.entries()]
        .filter(([entry]) => entry < before.toISOString())
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(0, limit)
        .map(([entry, job]) => ({ entry, job }));
    },
    async clearOutbox(entry: string) {
      outbox.delete(entry);
    },
    async recategorisations(page: { limit: number; cursor?: string }) {
      const start = page.cursor ? Number(Buffer.from(page.cursor, 'base64url').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0) throw new ValidationError('cursor: not a cursor this API returned for this list');
      const end = start + page.limit;
      return { items: feedback.slice(start, end), ...(end < feedback.length ? { cursor: Buffer.from(String(end)).toString('base64url') } : {}) };
    },
    async indexSubject(ticket) {
      for (const word of subjectWords(ticket.subject)) words.set(`${word}#${ticket.ticketId}`, { word, ticketId: ticket.ticketId, createdAt: ticket.createdAt });
    },
    async ticketsWithWords(query, limit) {
      const entries = [...words.values()].sort((a, b) => `${b.createdAt}#${b.ticketId}`.localeCompare(`${a.createdAt}#${a.ticketId}`));
      const ids = [...new Set(entries.map((e) => e.ticketId))].filter((id) => query.every((w) => words.has(`${w}#${id}`)));
      return ids.slice(0, limit).flatMap((id) => (tickets.get(id) ? [tickets.get(id)!] : []));
    },
    async getCustomer(address) {
      return customers.get(address.toLowerCase());
    },
    async ticketsOfCustomer(address, limit) {
      return [...tickets.values()]
        .filter((t) => t.customer.address.toLowerCase() === address.toLowerCase())
        .sort((a, b) => `${b.createdAt}#${b.ticketId}`.localeCompare(`${a.createdAt}#${a.ticketId}`))
        .slice(0, limit);
    },
    async getTicket(ticketId) {
      return tickets.get(ticketId);
    },
    async findTicketsByMessageId(messageId) {
      const named = tokenInMessageId(messageId);
      const found = [...(messageIds.get(normaliseMessageId(messageId)) ?? [])].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.ticketId);
      return [...new Set([...(named ? [named] : []), ...found])];
    },
    async getThread(ticketId) {
      return [...(messages.get(ticketId) ?? [])];
    },
    async getTicketWithHistory(ticketId) {
      const ticket = tickets.get(ticketId);
      return ticket ? { ticket, thread: [...(messages.get(ticketId) ?? [])], audit: [...(audits.get(ticketId) ?? [])] } : undefined;
    },
    async getMessage(ticketId, ref: MessageRef) {
      return messages.get(ticketId)?.find((m) => m.at === ref.at && m.messageKey === ref.messageKey);
    },
    async getAudit(ticketId) {
      return [...(audits.get(ticketId) ?? [])];
    },
    async queuePage(category: Category, status: TicketStatus, page: { limit: number; cursor?: string }) {
      const all = await ticketRepository.listQueue(category, status);
      const [forCategory, forStatus, offset] = page.cursor ? Buffer.from(page.cursor, 'base64url').toString('utf8').split('#') : [category, status, '0'];
      const start = Number(offset);
      if (forCategory !== category || forStatus !== status || !Number.isInteger(start) || start < 0)
        throw new ValidationError('cursor: not a cursor this API returned for this list');
      const end = start + page.limit;
      return { tickets: all.slice(start, end), ...(end < all.length ? { cursor: Buffer.from(`${category}#${status}#${end}`).toString('base64url') } : {}) };
    },
    async listQueue(category: Category, status: TicketStatus) {
      return [...tickets.values()]
        .filter((t) => t.category === category && t.status === status)
        .sort((a, b) => `${urgencyKey(a)}#${a.ticketId}`.localeCompare(`${urgencyKey(b)}#${b.ticketId}`));
    },
  };

  const deliveryLog: DeliveryLog = {
    async find(deliveryKey) {
      return deliveries.get(deliveryKey);
    },
    async record(delivery) {
      if (!deliveries.has(delivery.deliveryKey)) deliveries.set(delivery.deliveryKey, delivery);
    },
  };

  const timerIndex: TimerIndex = {
    shards: SHARDS,
    async due(shard, now, limit, cursor) {
      const due = [...timers.values()]
        .filter((t) => shardOf(t.ticketId) === shard && t.dueAt <= now.toISOString() && (!cursor || dueKey(t) > cursor))
        .sort((a, b) => dueKey(a).localeCompare(dueKey(b)));
      const page = due.slice(0, limit);
      return { timers: page, ...(due.length > limit ? { cursor: dueKey(page[page.length - 1]!) } : {}) };
    },
    async reschedule(stale, specs, epoch) {
      const held = timers.get(stale.ticketId);
      if (!held || dueKey(held) !== dueKey(stale)) return;
      const next = earliest(specs);
      if (next) timers.set(stale.ticketId, { ticketId: stale.ticketId, kind: next.kind, dueAt: next.dueAt, epoch });
      else timers.delete(stale.ticketId);
    },
  };

  const ledger: OutboundLedger = {
    async claim({ jobId }, at): Promise<OutboundClaim> {
      const held = jobs.get(jobId);
      if (held?.status === 'sent') return 'already-sent';
      if (held && held.claimedAt >= at.getTime() - OUTBOUND_LEASE_MS) return 'in-progress';
      if (held && held.attempts >= MAX_SEND_ATTEMPTS) return 'gave-up';
      jobs.set(jobId, { status: 'claimed', claimedAt: at.getTime(), attempts: (held?.attempts ?? 0) + 1 });
      return 'claimed';
    },
    async release({ jobId }) {
      if (jobs.get(jobId)?.status === 'claimed') jobs.delete(jobId);
    },
    async keepUnknown({ jobId }, note) {
      const held = jobs.get(jobId);
      if (held?.status !== 'claimed') throw new Error(`Job ${jobId} is not claimed`);
      addMessage(note);
      addMessageIds(note);
      jobs.set(jobId, { ...held, status: 'unknown' });
      return held.attempts;
    },
    async note(message) {
      addMessage(message);
      addMessageIds(message);
    },
    async complete({ jobId }, message) {
      addMessage(message);
      addMessageIds(message);
      const held = jobs.get(jobId);
      jobs.set(jobId, { status: 'sent', claimedAt: held?.claimedAt ?? 0, attempts: held?.attempts ?? 1 });
    },
  };

  const suppressions: SuppressionStore = {
    async suppress(address, until, reason) {
      suppressed.set(address.toLowerCase(), { until: until.toISOString(), reason });
    },
    async suppressedReason(address, at) {
      const s = suppressed.get(address.toLowerCase());
      return s && s.until > at.toISOString() ? s.reason : undefined;
    },
    async takeAutoReplyAllowance(address, at, max, windowMinutes, use) {
      const windowMs = windowMinutes * 60_000;
      const key = `${address.toLowerCase()}#${Math.floor(at.getTime() / windowMs)}`;
      const spent = allowanceUses.get(key) ?? new Set<string>();
      if (use !== undefined && spent.has(use)) return 'repeat' as const;
      const used = allowances.get(key) ?? 0;
      if (used >= max) return 'refused' as const;
      allowances.set(key, used + 1);
      if (use !== undefined) allowanceUses.set(key, spent.add(use));
      return 'charged' as const;
    },
  };

  return { tickets: ticketRepository, deliveries: deliveryLog, timers: timerIndex, ledger, suppressions };
}

export type Stores = ReturnType<typeof inMemoryStores>;

function shardOf(ticketId: string): number {
  let hash = 0;
  for (let i = 0; i < ticketId.length; i += 1) hash = (hash * 31 + ticketId.charCodeAt(i)) >>> 0;
  return hash % SHARDS;
}
