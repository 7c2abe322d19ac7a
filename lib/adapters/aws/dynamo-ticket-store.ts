import { type AttributeValue, ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { MessageRef } from '../../domain/outbound-job.ts';
import type { Delivery, DueTimer, OutboundClaim, TicketStore, WriteResult } from '../../domain/ports.ts';
import {
  type Category,
  formatTicketId,
  type ThreadMessage,
  ThreadMessageSchema,
  type Ticket,
  TicketSchema,
  type TicketStatus,
} from '../../domain/ticket.ts';
import { normaliseMessageId } from '../../domain/threading.ts';
import { TIMER_SHARDS } from '../../../infra/topology.ts';
import type { TimerKind, TimerSpec } from '../../sla/sla-clock.ts';

/** How long a claimed outbound job stays claimed before another attempt may take it over. */
const OUTBOUND_LEASE_MS = 5 * 60_000;

export const keys = {
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  message: (m: Pick<ThreadMessage, 'ticketId' | 'at' | 'messageKey'>) => ({ pk: `TICKET#${m.ticketId}`, sk: `MSG#${m.at}#${m.messageKey}` }),
  delivery: (k: string) => ({ pk: `DELIVERY#${k}`, sk: 'DELIVERY' }),
  content: (k: string) => ({ pk: `CONTENT#${k}`, sk: 'CONTENT' }),
  messageId: (messageId: string, ticketId: string) => ({ pk: `MSGID#${normaliseMessageId(messageId)}`, sk: `TICKET#${ticketId}` }),
  job: (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' }),
  timer: (ticketId: string, kind: string) => ({ pk: `TICKET#${ticketId}`, sk: `TIMER#${kind}` }),
  counter: { pk: 'COUNTER', sk: 'TICKET' },
};

const queueKey = (t: Pick<Ticket, 'category' | 'status' | 'firstResponseDueAt' | 'ticketId'>) => ({
  queuePk: `QUEUE#${t.category}#${t.status}`,
  queueSk: `${t.firstResponseDueAt}#${t.ticketId}`,
});

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Single-table store of tickets, their threads, delivery records and outbound jobs. */
export class DynamoTicketStore implements TicketStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findDelivery(deliveryKey: string): Promise<Delivery | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.delivery(deliveryKey), ConsistentRead: true }));
    return out.Item ? toDelivery(out.Item) : undefined;
  }

  async nextTicketId(): Promise<string> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter,
        UpdateExpression: 'ADD #v :one',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return formatTicketId(Number(out.Attributes?.value));
  }

  async createTicket(input: { ticket: Ticket; message: ThreadMessage; deliveryKey: string; contentKey: string; timers?: readonly TimerSpec[] }): Promise<WriteResult> {
    const ticket = TicketSchema.parse(input.ticket);
    const message = ThreadMessageSchema.parse(input.message);
    return this.writeOnce(input.deliveryKey, input.contentKey, ticket.ticketId, 'ticket-created', [
      { Put: { TableName: this.tableName, Item: { ...keys.ticket(ticket.ticketId), ...queueKey(ticket), type: 'ticket', ...ticket }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...this.messageItems(message),
      ...this.timerItems(ticket, input.timers ?? []),
    ]);
  }

  async appendMessage(input: { message: ThreadMessage; deliveryKey: string; contentKey: string; next?: Ticket; expectedVersion: number; timers?: readonly TimerSpec[] }): Promise<WriteResult> {
    const message = ThreadMessageSchema.parse(input.message);
    const ticketItem: TransactItem = input.next
      ? {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.ticket(message.ticketId), ...queueKey(input.next), type: 'ticket', ...TicketSchema.parse({ ...input.next, version: input.expectedVersion + 1 }) },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': input.expectedVersion },
          },
        }
      : { ConditionCheck: { TableName: this.tableName, Key: keys.ticket(message.ticketId), ConditionExpression: 'attribute_exists(pk)' } };
    try {
      return await this.writeOnce(input.deliveryKey, input.contentKey, message.ticketId, 'threaded', [
        ticketItem,
        ...this.messageItems(message),
        ...(input.next ? this.timerItems(input.next, input.timers ?? []) : []),
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[2]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`Ticket ${message.ticketId} changed while a reply was being added`, { cause: error });
      }
      throw error;
    }
  }

  /** Writes items together with the delivery record and the content key, or reports which one already existed. */
  private async writeOnce(deliveryKey: string, contentKey: string, ticketId: string, outcome: string, items: TransactItem[]): Promise<WriteResult> {
    const marker = { ticketId, acknowledgementQueued: false };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.delivery(deliveryKey), type: 'delivery', deliveryKey, outcome, ...marker },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.content(contentKey), type: 'content', deliveryKey, ...marker },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            ...items,
          ],
        }),
      );
      return { written: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [delivery, content] = error.CancellationReasons ?? [];
      const existing = delivery?.Item ?? content?.Item;
      if (!existing) throw error;
      const item = unmarshall(existing as Record<string, AttributeValue>);
      const duplicateOf = { ...(item.ticketId ? { ticketId: String(item.ticketId) } : {}), acknowledgementQueued: item.acknowledgementQueued === true };
      if (!delivery?.Item) {
        // Same content under a new SES id (a resend, a second receipt rule): remember this delivery as a duplicate.
        await this.recordDelivery({ deliveryKey, outcome: 'duplicate', reason: `duplicate-of:${String(item.deliveryKey)}`, acknowledgementQueued: true, ...(duplicateOf.ticketId ? { ticketId: duplicateOf.ticketId } : {}) }).catch(() => undefined);
      }
      return { written: false, duplicateOf };
    }
  }

  private messageItems(message: ThreadMessage): TransactItem[] {
    const ids = [message.messageId, message.headerMessageId].filter((id): id is string => Boolean(id));
    return [
      { Put: { TableName: this.tableName, Item: { ...keys.message(message), type: 'message', ...message }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...[...new Set(ids.map(normaliseMessageId))].map((id) => ({
        Put: { TableName: this.tableName, Item: { ...keys.messageId(id, message.ticketId), type: 'message-id', ticketId: message.ticketId, at: message.at } },
      })),
    ];
  }

  /** Timer items for a ticket's SLA epoch; one per kind, so a reschedule overwrites. */
  private timerItems(ticket: Ticket, timers: readonly TimerSpec[]): TransactItem[] {
    const epoch = ticket.sla?.epoch ?? 0;
    return timers.map((t) => ({
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.timer(ticket.ticketId, t.kind),
          type: 'timer',
          ticketId: ticket.ticketId,
          kind: t.kind,
          dueAt: t.dueAt,
          epoch,
          dueShard: `DUE#${shardOf(ticket.ticketId)}`,
          dueSk: `${t.dueAt}#${ticket.ticketId}#${t.kind}`,
        },
      },
    }));
  }

  async saveTicket(input: { next: Ticket; expectedVersion: number; timers: readonly TimerSpec[]; fired?: DueTimer }): Promise<void> {
    const next = TicketSchema.parse({ ...input.next, version: input.expectedVersion + 1 });
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.ticket(next.ticketId), ...queueKey(next), type: 'ticket', ...next },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': input.expectedVersion },
        },
      },
      ...this.timerItems(next, input.timers.filter((t) => t.kind !== input.fired?.kind)),
    ];
    if (input.fired) {
      items.push({
        Delete: {
          TableName: this.tableName,
          Key: keys.timer(input.fired.ticketId, input.fired.kind),
          ConditionExpression: 'epoch = :e AND dueAt = :d',
          ExpressionAttributeValues: { ':e': input.fired.epoch, ':d': input.fired.dueAt },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity: 'TOTAL' }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new ConflictError(`Ticket ${next.ticketId} changed, or its timer fired elsewhere`, { cause: error });
      }
      throw error;
    }
  }

  async dueTimers(shard: number, now: Date, limit: number): Promise<DueTimer[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'dueShard = :s AND dueSk <= :now',
        ExpressionAttributeValues: { ':s': `DUE#${shard}`, ':now': `${now.toISOString()}~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ ticketId: String(i.ticketId), kind: i.kind as TimerKind, dueAt: String(i.dueAt), epoch: Number(i.epoch) }));
  }

  async deleteTimer(timer: DueTimer): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.timer(timer.ticketId, timer.kind),
          ConditionExpression: 'epoch = :e AND dueAt = :d',
          ExpressionAttributeValues: { ':e': timer.epoch, ':d': timer.dueAt },
        }),
      )
      .catch((error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async recordDelivery(delivery: Delivery): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.delivery(delivery.deliveryKey), type: 'delivery', ...delivery },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  async markAcknowledgementQueued(deliveryKey: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.delivery(deliveryKey),
        UpdateExpression: 'SET acknowledgementQueued = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
  }

  async getTicket(ticketId: string): Promise<Ticket | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.ticket(ticketId), ConsistentRead: true }));
    return out.Item ? TicketSchema.parse(out.Item) : undefined;
  }

  async findTicketsByMessageId(messageId: string): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MSGID#${normaliseMessageId(messageId)}` },
        Limit: 20,
      }),
    );
    return (out.Items ?? [])
      .sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? '')))
      .map((item) => String(item.ticketId));
  }

  async getThread(ticketId: string): Promise<ThreadMessage[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': `TICKET#${ticketId}`, ':msg': 'MSG#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((item) => ThreadMessageSchema.parse(item));
  }

  async getMessage(ticketId: string, ref: MessageRef): Promise<ThreadMessage | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.message({ ticketId, ...ref }), ConsistentRead: true }));
    return out.Item ? ThreadMessageSchema.parse(out.Item) : undefined;
  }

  async listQueue(category: Category, status: TicketStatus): Promise<Ticket[]> {
    const tickets: Ticket[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :q',
          ExpressionAttributeValues: { ':q': `QUEUE#${category}#${status}` },
          ExclusiveStartKey: cursor,
        }),
      );
      tickets.push(...(out.Items ?? []).map((item) => TicketSchema.parse(item)));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return tickets;
  }

  async updateStatus(ticketId: string, status: TicketStatus, expectedVersion: number, at: Date): Promise<Ticket> {
    const current = await this.getTicket(ticketId);
    if (!current) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
    const next: Ticket = { ...current, status, updatedAt: at.toISOString(), version: expectedVersion + 1 };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.ticket(ticketId), ...queueKey(next), type: 'ticket', ...TicketSchema.parse(next) },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`Ticket ${ticketId} changed since version ${expectedVersion}; reload and try again`, { cause: error });
      }
      throw error;
    }
    return next;
  }

  async claimOutboundJob(jobId: string, at: Date): Promise<OutboundClaim> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.job(jobId), type: 'job', jobId, status: 'claimed', claimedAt: at.getTime() },
          ConditionExpression: 'attribute_not_exists(pk) OR (#s = :claimed AND claimedAt < :cutoff)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':cutoff': at.getTime() - OUTBOUND_LEASE_MS },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return unmarshall(error.Item ?? {}).status === 'sent' ? 'already-sent' : 'in-progress';
      }
      throw error;
    }
  }

  async releaseOutboundJob(jobId: string): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.job(jobId),
          ConditionExpression: '#s = :claimed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed' },
        }),
      )
      .catch((error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async recordOutbound(jobId: string, message: ThreadMessage): Promise<void> {
    const m = ThreadMessageSchema.parse(message);
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          ...this.messageItems(m),
          {
            Update: {
              TableName: this.tableName,
              Key: keys.job(jobId),
              UpdateExpression: 'SET #s = :sent, sentMessageId = :mid',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':sent': 'sent', ':mid': m.messageId ?? '' },
            },
          },
        ],
      }),
    );
  }
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

function toDelivery(item: Record<string, unknown>): Delivery {
  return {
    deliveryKey: String(item.deliveryKey),
    outcome: String(item.outcome ?? 'ticket-created'),
    ...(item.ticketId ? { ticketId: String(item.ticketId) } : {}),
    ...(item.reason ? { reason: String(item.reason) } : {}),
    acknowledgementQueued: item.acknowledgementQueued === true,
  };
}
