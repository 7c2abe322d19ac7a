import { z } from 'zod';
import type { MessageRef } from '../../domain/outbound-job.ts';
import type { Delivery, DueTimer } from '../../domain/ports.ts';
import { DELIVERY_OUTCOMES } from '../../domain/ports.ts';
import type { TimerKind, TimerSpec } from '../../domain/sla-state.ts';
import { normaliseMessageId } from '../../domain/threading.ts';
import { type AuditEntry, AuditEntrySchema, type ThreadMessage, ThreadMessageSchema, type Ticket, TicketSchema } from '../../domain/ticket.ts';

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
    // queue (category × status) ordered by urgency
    byQueue: { indexName: 'byQueue', partitionKey: 'queuePk', sortKey: 'queueSk', projection: 'ALL' },
    // SLA timers by due time, sharded so that sweeping scales with shards, never with table size
    byDue: { indexName: 'byDue', partitionKey: 'dueShard', sortKey: 'dueSk', projection: 'ALL' },
    // a customer's tickets, newest last: history and search by address
    byCustomer: { indexName: 'byCustomer', partitionKey: 'customerPk', sortKey: 'customerSk', projection: 'ALL' },
  },
} as const;

export type IndexName = keyof typeof TABLE.indexes;

/** Partitions of the timer index; each sweep queries every shard for what is due. */
export const TIMER_SHARDS = 16;

export const keys = {
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  message: (m: { ticketId: string } & MessageRef) => ({ pk: `TICKET#${m.ticketId}`, sk: `MSG#${m.at}#${m.messageKey}` }),
  messagesOf: (ticketId: string) => ({ pk: `TICKET#${ticketId}`, skPrefix: 'MSG#' }),
  delivery: (k: string) => ({ pk: `DELIVERY#${k}`, sk: 'DELIVERY' }),
  content: (k: string) => ({ pk: `CONTENT#${k}`, sk: 'CONTENT' }),
  messageId: (messageId: string, ticketId: string) => ({ pk: messageIdPartition(messageId), sk: `TICKET#${ticketId}` }),
  job: (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' }),
  timer: (ticketId: string, kind: TimerKind) => ({ pk: `TICKET#${ticketId}`, sk: `TIMER#${kind}` }),
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
};

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

/** The ticket item, with the keys that place it in its queue ordered by urgency. */
export function ticketItem(ticket: Ticket, urgency: string): Record<string, unknown> {
  return {
    ...keys.ticket(ticket.ticketId),
    queuePk: queuePartition(ticket.category, ticket.status),
    queueSk: `${urgency}#${ticket.ticketId}`,
    customerPk: customerPartition(ticket.customer.address),
    customerSk: `${ticket.createdAt}#${ticket.ticketId}`,
    type: 'ticket',
    ...TicketSchema.parse(ticket),
  };
}

/** A thread message, and one lookup item per Message-ID it can be referred to by. */
export function messageItems(message: ThreadMessage): Array<Record<string, unknown>> {
  const m = ThreadMessageSchema.parse(message);
  const ids = [...new Set([m.messageId, m.headerMessageId].filter((id): id is string => Boolean(id)).map(normaliseMessageId))];
  return [{ ...keys.message(m), type: 'message', ...m }, ...ids.map((id) => ({ ...keys.messageId(id, m.ticketId), type: 'message-id', ticketId: m.ticketId, at: m.at }))];
}

/** A timer of one clock epoch; one per kind and ticket, so a reschedule overwrites it. */
export function timerItem(ticketId: string, epoch: number, timer: TimerSpec): Record<string, unknown> {
  return {
    ...keys.timer(ticketId, timer.kind),
    type: 'timer',
    ticketId,
    kind: timer.kind,
    dueAt: timer.dueAt,
    epoch,
    dueShard: dueShardKey(shardOf(ticketId)),
    dueSk: `${timer.dueAt}#${ticketId}#${timer.kind}`,
  };
}

/** One audit entry, keyed by time and the ticket version it produced, so a retried save writes the same item. */
export function auditItem(entry: AuditEntry, version: number): Record<string, unknown> {
  return { ...keys.audit(entry, version), type: 'audit', version, ...AuditEntrySchema.parse(entry) };
}

export function deliveryItem(delivery: Delivery): Record<string, unknown> {
  return { ...keys.delivery(delivery.deliveryKey), type: 'delivery', ...DeliverySchema.parse(delivery) };
}

export const DeliverySchema = z.object({
  deliveryKey: z.string().min(1),
  outcome: z.enum(DELIVERY_OUTCOMES),
  ticketId: z.string().optional(),
  reason: z.string().optional(),
  acknowledgementQueued: z.boolean(),
});

export const TimerItemSchema = z.object({
  ticketId: z.string().min(1),
  kind: z.enum(['response-warn', 'response-breach', 'resolution-breach', 'pending-reminder', 'auto-close', 'follow-up']),
  dueAt: z.iso.datetime(),
  epoch: z.number().int().nonnegative(),
}) satisfies z.ZodType<DueTimer>;

export const JobItemSchema = z.object({
  jobId: z.string().min(1),
  status: z.enum(['claimed', 'unknown', 'sent']),
  claimedAt: z.number().optional(),
  attempts: z.number().int().optional(),
  sentMessageId: z.string().optional(),
});

/** An item read back, validated: a malformed item is an error that names the item, never a silent default. */
export function readItem<S extends z.ZodType>(schema: S, item: Record<string, unknown>, what: string): z.infer<S> {
  const parsed = schema.safeParse(item);
  if (!parsed.success)
    throw new Error(
      `Stored ${what} ${String(item.pk)}/${String(item.sk)} does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
