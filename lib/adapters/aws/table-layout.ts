import type { MessageRef } from '../../domain/outbound-job.ts';
import type { Delivery, DueTimer } from '../../domain/ports.ts';
import { DELIVERY_OUTCOMES } from '../../domain/ports.ts';
import type { TimerSpec } from '../../domain/sla-state.ts';
import { normaliseMessageId } from '../../domain/threading.ts';
import { type AuditEntry, AuditEntrySchema, type ThreadMessage, ThreadMessageSchema, type Ticket, TicketSchema } from '../../domain/ticket.ts';
import { tokenInMessageId } from '../../domain/ticket-token.ts';
import * as z from '../../domain/zod.ts';
import { PACKED_MESSAGE, PACKED_TICKET, packJson, unpackJson } from './packed-json.ts';

/**
 * The one description of the tickets table: key names, indexes, item keys
 * and item shapes. The adapters, the topology (CDK and local stack) and the
 * benchmarks all build items here, so the layout can change in one place.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: {
    // queue (category × status) ordered by urgency; keys only: a listing reads the tickets it shows, so
    // a ticket change that leaves its place in the queue alone writes nothing here
    byQueue: { indexName: 'byQueue', partitionKey: 'queuePk', sortKey: 'queueSk', projection: 'KEYS_ONLY' },
    // each ticket's next SLA deadline by due time, sharded so that sweeping scales with shards, never with table size
    byDue: { indexName: 'byDue', partitionKey: 'dueShard', sortKey: 'dueSk', projection: ['ticketId', 'dueKind', 'dueAt', 'dueEpoch'] },
    // a customer's tickets, newest last: history and search by address (keys only: written once per ticket)
    byCustomer: { indexName: 'byCustomer', partitionKey: 'customerPk', sortKey: 'customerSk', projection: 'KEYS_ONLY' },
  },
} as const;

export type IndexName = keyof typeof TABLE.indexes;

/** What an index copies besides the keys: everything, nothing, or the named attributes. */
export type Projection = 'ALL' | 'KEYS_ONLY' | readonly string[];

/** Partitions of the timer index; each sweep queries every shard for what is due. */
export const TIMER_SHARDS = 16;

export const keys = {
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  message: (m: { ticketId: string } & MessageRef) => ({ pk: `TICKET#${m.ticketId}`, sk: `MSG#${m.at}#${m.messageKey}` }),
  messagesOf: (ticketId: string) => ({ pk: `TICKET#${ticketId}`, skPrefix: 'MSG#' }),
  delivery: (k: string) => ({ pk: `DELIVERY#${k}`, sk: 'DELIVERY' }),
  /**
   * The claim on a message's content (its Message-ID plus a hash of what it says): in the partition of its
   * Message-ID, so the one item both dedupes deliveries and finds the ticket by that id; `CONTENT#` without one.
   */
  intakeClaim: (contentKey: string, messageId?: string) =>
    messageId ? { pk: messageIdPartition(messageId), sk: `CONTENT#${contentKey}` } : { pk: `CONTENT#${contentKey}`, sk: 'CONTENT' },
  messageId: (messageId: string, ticketId: string) => ({ pk: messageIdPartition(messageId), sk: `TICKET#${ticketId}` }),
  /**
   * An outbound job, in its ticket's partition among the thread's messages (after them: `job` sorts after any
   * time): claimed before it is sent, and once sent it holds the message that went out, so one write records both.
   */
  job: (job: { jobId: string; ticketId: string }) => ({ pk: `TICKET#${job.ticketId}`, sk: `${JOB_SORT_PREFIX}${job.jobId}` }),
  suppression: (address: string) => ({ pk: `SUPPRESS#${address.toLowerCase()}`, sk: 'SUPPRESS' }),
  autoReplyWindow: (mailbox: string, windowStart: Date) => ({ pk: `AUTOREPLY#${mailbox.toLowerCase()}`, sk: `WINDOW#${windowStart.toISOString()}` }),
  audit: (entry: Pick<AuditEntry, 'ticketId' | 'at' | 'action'>, version: number) => ({ pk: `TICKET#${entry.ticketId}`, sk: `AUDIT#${entry.at}#${version}#${entry.action}` }),
  auditOf: (ticketId: string) => ({ pk: `TICKET#${ticketId}`, skPrefix: 'AUDIT#' }),
  customer: (address: string) => ({ pk: customerPartition(address), sk: 'PROFILE' }),
  /** Recategorisations live in one partition: agents make a few a day, and the export reads them in order. */
  recategorisation: (r: { at: string; ticketId: string }) => ({ pk: 'FEEDBACK#recategorisation', sk: `${r.at}#${r.ticketId}` }),
  recategorisations: { pk: 'FEEDBACK#recategorisation' },
  subjectWord: (word: string, ticket: { createdAt: string; ticketId: string }) => ({ pk: `WORD#${word}`, sk: `${ticket.createdAt}#${ticket.ticketId}` }),
  /** Jobs saved with a transition until they are queued; few at a time, read oldest first by the sweeper. */
  outbox: (at: string, jobId: string) => ({ pk: 'OUTBOX', sk: `${at}#${jobId}` }),
  counter: { pk: 'COUNTER', sk: 'TICKET' },
  /** What the second opinion may have cost in one month ("2026-12"): one item per month, kept for a year and a half. */
  spend: (service: string, month: string) => ({ pk: `SPEND#${service}`, sk: `MONTH#${month}` }),
};

/** Where job items sort in a ticket's partition: inside the thread's `MSG#` range, after every dated message. */
export const JOB_SORT_PREFIX = 'MSG#job#';

export function messageIdPartition(messageId: string): string {
  return `MSGID#${normaliseMessageId(messageId)}`;
}

export function customerPartition(address: string): string {
  return `CUSTOMER#${address.toLowerCase()}`;
}

export function queuePartition(category: Ticket['category'], status: Ticket['status']): string {
  return `QUEUE#${category}#${status}`;
}

export function dueShardKey(shard: number): string {
  return `DUE#${shard}`;
}

/** Stable shard of a ticket's timers (FNV-1a). */
export function shardOf(ticketId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ticketId.length; i += 1) {
    hash ^= ticketId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % TIMER_SHARDS;
}

/**
 * The ticket item: the keys that place it in its queue (by urgency) and in its
 * customer's history, its next SLA deadline (the earliest of `timers`, the
 * whole set its state needs), `version` for conditional writes, and the ticket
 * itself, compressed against a dictionary (packed-json.ts): one write unit for a typical ticket instead of two. Every
 * write of the ticket recomputes the deadline from the full set, so one entry
 * per ticket stands for all its timers and firing one rewrites no other.
 */
export function ticketItem(ticket: Ticket, urgency: string, timers: readonly TimerSpec[]): Record<string, unknown> {
  const valid = TicketSchema.parse(ticket);
  const next = nextDue(timers);
  return {
    ...keys.ticket(ticket.ticketId),
    type: 'ticket',
    ticketId: ticket.ticketId,
    version: valid.version,
    queuePk: queuePartition(ticket.category, ticket.status),
    queueSk: `${urgency}#${ticket.ticketId}`,
    customerPk: customerPartition(ticket.customer.address),
    customerSk: `${ticket.createdAt}#${ticket.ticketId}`,
    ...(next ? dueAttributes(ticket.ticketId, ticket.sla?.epoch ?? 0, next) : {}),
    body: packJson(valid, PACKED_TICKET),
  };
}

/**
 * The ticket item a new ticket starts with: the ticket, the audit entry of its creation (`opened`), written in
 * the same single write, so it exists exactly when the ticket does and no audit item is needed, and the
 * delivery that opened it (`origin`, which holds the first message). Later writes of the ticket are updates
 * (ticketUpdate), which leave both as they are.
 */
export function newTicketItem(ticket: Ticket, urgency: string, timers: readonly TimerSpec[], opened: AuditEntry, origin: string): Record<string, unknown> {
  const { ticketId: _, ...entry } = AuditEntrySchema.parse(opened);
  return { ...ticketItem(ticket, urgency, timers), opened: entry, origin };
}

/** The creation's audit entry a ticket item holds (see newTicketItem), if it holds one. */
export function openedEntry(item: Record<string, unknown>, ticketId: string): AuditEntry | undefined {
  return item.opened ? readItem(AuditEntrySchema, { ...(item.opened as object), ticketId }, 'audit entry of a ticket') : undefined;
}

/**
 * A later write of a ticket item as an update: every attribute ticketItem builds is set, the next-deadline
 * attributes it leaves out are removed, and what only the first write set (`opened`, `origin`) stays.
 */
export function ticketUpdate(item: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(item)
    .filter(([name]) => name !== TABLE.partitionKey && name !== TABLE.sortKey)
    .map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
  const removed = DUE_ATTRIBUTES.filter((name) => !(name in item)).map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    UpdateExpression: `SET ${sets.join(', ')}${removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** A ticket item read back, validated. */
export function readTicket(item: Record<string, unknown>): Ticket {
  const body = item.body;
  if (!(body instanceof Uint8Array)) return readItem(TicketSchema, item, 'ticket');
  const parsed = unpackJson(body, PACKED_TICKET, String(item.pk));
  return readItem(TicketSchema, { ...(parsed as object), pk: item.pk, sk: item.sk }, 'ticket');
}

/** The timer that comes due first (ties: by kind, so the others sort after it in the index). */
export function nextDue(timers: readonly TimerSpec[]): TimerSpec | undefined {
  return [...timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind))[0];
}

/** The attributes that put a ticket's next deadline in the sparse `byDue` index. */
export function dueAttributes(ticketId: string, epoch: number, timer: TimerSpec): Record<string, unknown> {
  return {
    dueShard: dueShardKey(shardOf(ticketId)),
    dueSk: dueSortKey(ticketId, timer),
    dueKind: timer.kind,
    dueAt: timer.dueAt,
    dueEpoch: epoch,
  };
}

export function dueSortKey(ticketId: string, timer: Pick<TimerSpec, 'kind' | 'dueAt'>): string {
  return `${timer.dueAt}#${ticketId}#${timer.kind}`;
}

export const DUE_ATTRIBUTES = ['dueShard', 'dueSk', 'dueKind', 'dueAt', 'dueEpoch'] as const;

/** A thread message and its Message-ID lookup items (messageIdItems), validated once. */
export function messageItems(message: ThreadMessage): Array<Record<string, unknown>> {
  const m = ThreadMessageSchema.parse(message);
  return [messageItemOf(m), ...messageIdItems(m)];
}

/**
 * One lookup item per Message-ID a message can be referred to by, except an id we made that names the ticket
 * itself (`<t-10001.…@…>`, ticket-token.ts): that one is found without an item.
 */
export function messageIdItems(m: Pick<ThreadMessage, 'messageId' | 'headerMessageId' | 'ticketId' | 'at'>): Array<Record<string, unknown>> {
  const ids = [...new Set([m.messageId, m.headerMessageId].filter((id): id is string => Boolean(id)).map(normaliseMessageId))].filter(
    (id) => tokenInMessageId(id) !== m.ticketId.toUpperCase(),
  );
  return ids.map((id) => ({ ...keys.messageId(id, m.ticketId), type: 'message-id', ticketId: m.ticketId, at: m.at }));
}

/** A thread message alone: an inbound message is found by its Message-ID through its intake claim instead. */
export function messageItem(message: ThreadMessage): Record<string, unknown> {
  return messageItemOf(ThreadMessageSchema.parse(message));
}

function messageItemOf(m: ThreadMessage): Record<string, unknown> {
  return { ...keys.message(m), type: 'message', ...m };
}

/** What a job item holds once its job is done: the message it sent (or the note saying why not), compressed. */
export function packedMessage(message: ThreadMessage): Uint8Array {
  return packJson(ThreadMessageSchema.parse(message), PACKED_MESSAGE);
}

/**
 * A thread entry read back, validated: a message item, or the message a done job holds; undefined for a job
 * not done (claimed, or its outcome unknown), which is no message yet.
 */
export function readThreadItem(item: Record<string, unknown>): ThreadMessage | undefined {
  if (item.type !== 'job') return readItem(ThreadMessageSchema, item, 'message');
  const job = readItem(JobItemSchema, item, 'job');
  if (job.status !== 'sent' || !(item.message instanceof Uint8Array)) return undefined;
  const parsed = unpackJson(item.message, PACKED_MESSAGE, `${String(item.pk)}/${String(item.sk)}`);
  return readItem(ThreadMessageSchema, { ...(parsed as object), pk: item.pk, sk: item.sk }, 'message of a job');
}

/** One audit entry, keyed by time and the ticket version it produced, so a retried save writes the same item. */
export function auditItem(entry: AuditEntry, version: number): Record<string, unknown> {
  return { ...keys.audit(entry, version), type: 'audit', version, ...AuditEntrySchema.parse(entry) };
}

/**
 * The claim a delivery holds on a message's content: the ticket it opens or joins (a Message-ID lookup too,
 * read by `findTicketsByMessageId` like the `message-id` items), and for a new ticket its creation time.
 */
export function intakeClaimItem(claim: IntakeClaimRecord & { contentKey: string; messageId?: string }): Record<string, unknown> {
  const { contentKey, messageId, ...record } = claim;
  return { ...keys.intakeClaim(contentKey, messageId), type: 'content', ...IntakeClaimSchema.parse(record) };
}

export const IntakeClaimSchema = z.object({
  deliveryKey: z.string().check(z.minLength(1)),
  ticketId: z.string().check(z.minLength(1)),
  /** When the message arrived: Message-ID lookups are ordered by it. */
  at: z.string().check(z.minLength(1)),
  /** A new ticket's creation time, fixed by the claim so that every attempt writes the same items. */
  createdAt: z.optional(z.string()),
});
export type IntakeClaimRecord = z.infer<typeof IntakeClaimSchema>;

export function deliveryItem(delivery: Delivery): Record<string, unknown> {
  return { ...keys.delivery(delivery.deliveryKey), type: 'delivery', ...DeliverySchema.parse(delivery) };
}

/**
 * The delivery that opened a ticket, holding the ticket's first message (compressed): one item where a
 * delivery record and a message item would be two. The ticket item names it (`origin`), so the thread finds it.
 */
export function openingDeliveryItem(message: ThreadMessage): Record<string, unknown> {
  const m = ThreadMessageSchema.parse(message);
  return { ...deliveryItem({ deliveryKey: m.messageKey, outcome: 'ticket-created', ticketId: m.ticketId }), message: packJson(m, PACKED_MESSAGE) };
}

/** The first message a delivery record holds (see openingDeliveryItem) when it opened this ticket. */
export function openingMessage(item: Record<string, unknown>, ticketId: string): ThreadMessage | undefined {
  if (item.ticketId !== ticketId || !(item.message instanceof Uint8Array)) return undefined;
  return readItem(ThreadMessageSchema, unpackJson(item.message, PACKED_MESSAGE, String(item.pk)) as Record<string, unknown>, 'first message');
}

export const DeliverySchema = z.object({
  deliveryKey: z.string().check(z.minLength(1)),
  outcome: z.enum(DELIVERY_OUTCOMES),
  ticketId: z.optional(z.string()),
  reason: z.optional(z.string()),
});

/** A `byDue` index entry: a ticket's next deadline. */
export const DueEntrySchema = z.pipe(
  z.object({
    ticketId: z.string().check(z.minLength(1)),
    dueKind: z.enum(['response-warn', 'response-breach', 'resolution-breach', 'pending-reminder', 'auto-close', 'follow-up']),
    dueAt: z.isoDateTime(),
    dueEpoch: z.int().check(z.nonnegative()),
  }),
  z.transform((e): DueTimer => ({ ticketId: e.ticketId, kind: e.dueKind, dueAt: e.dueAt, epoch: e.dueEpoch })),
);

export const JobItemSchema = z.object({
  jobId: z.string().check(z.minLength(1)),
  status: z.enum(['claimed', 'unknown', 'sent', 'released']),
  claimedAt: z.optional(z.number()),
  attempts: z.optional(z.int()),
  sentMessageId: z.optional(z.string()),
});

/** An item read back, validated: a malformed item is an error that names the item, never a silent default. */
export function readItem<S extends z.ZodMiniType>(schema: S, item: Record<string, unknown>, what: string): z.infer<S> {
  const parsed = schema.safeParse(item);
  if (!parsed.success)
    throw new Error(
      `Stored ${what} ${String(item.pk)}/${String(item.sk)} does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
