import { type AttributeValue, ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { CreateTicketResult, Delivery, OutboundClaim, TicketStore } from '../../domain/ports.ts';
import {
  type Category,
  formatTicketId,
  type ThreadMessage,
  ThreadMessageSchema,
  type Ticket,
  TicketSchema,
  type TicketStatus,
} from '../../domain/ticket.ts';

/** How long a claimed outbound job stays claimed before another attempt may take it over. */
const OUTBOUND_LEASE_MS = 5 * 60_000;

const key = {
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  message: (m: ThreadMessage) => ({ pk: `TICKET#${m.ticketId}`, sk: `MSG#${m.at}#${m.messageKey}` }),
  delivery: (k: string) => ({ pk: `DELIVERY#${k}`, sk: 'DELIVERY' }),
  messageId: (messageId: string, ticketId: string) => ({ pk: `MSGID#${messageId}`, sk: `TICKET#${ticketId}` }),
  job: (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' }),
  counter: { pk: 'COUNTER', sk: 'TICKET' },
};

const queueKey = (t: Pick<Ticket, 'category' | 'status' | 'firstResponseDueAt' | 'ticketId'>) => ({
  queuePk: `QUEUE#${t.category}#${t.status}`,
  queueSk: `${t.firstResponseDueAt}#${t.ticketId}`,
});

/** Single-table store of tickets, their threads, delivery records and outbound jobs. */
export class DynamoTicketStore implements TicketStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findDelivery(deliveryKey: string): Promise<Delivery | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key.delivery(deliveryKey), ConsistentRead: true }));
    return out.Item ? toDelivery(out.Item) : undefined;
  }

  async nextTicketId(): Promise<string> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key.counter,
        UpdateExpression: 'ADD #v :one',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return formatTicketId(Number(out.Attributes?.value));
  }

  async createTicket(input: { ticket: Ticket; message: ThreadMessage; deliveryKey: string }): Promise<CreateTicketResult> {
    const ticket = TicketSchema.parse(input.ticket);
    const message = ThreadMessageSchema.parse(input.message);
    const items = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...key.delivery(input.deliveryKey), type: 'delivery', deliveryKey: input.deliveryKey, ticketId: ticket.ticketId, acknowledgementQueued: false },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...key.ticket(ticket.ticketId), ...queueKey(ticket), type: 'ticket', ...ticket },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: { ...key.message(message), type: 'message', ...message } } },
      ...(message.messageId
        ? [{ Put: { TableName: this.tableName, Item: { ...key.messageId(message.messageId, ticket.ticketId), type: 'message-id', ticketId: ticket.ticketId } } }]
        : []),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { created: true };
    } catch (error) {
      const existing = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Item : undefined;
      if (existing) {
        return { created: false, existing: toDelivery(unmarshall(existing as Record<string, AttributeValue>)) };
      }
      throw error;
    }
  }

  async markAcknowledgementQueued(deliveryKey: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key.delivery(deliveryKey),
        UpdateExpression: 'SET acknowledgementQueued = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
  }

  async getTicket(ticketId: string): Promise<Ticket | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key.ticket(ticketId), ConsistentRead: true }));
    return out.Item ? TicketSchema.parse(out.Item) : undefined;
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
          Item: { ...key.ticket(ticketId), ...queueKey(next), type: 'ticket', ...TicketSchema.parse(next) },
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
          Item: { ...key.job(jobId), type: 'job', jobId, status: 'claimed', claimedAt: at.getTime() },
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

  async recordOutbound(jobId: string, message: ThreadMessage): Promise<void> {
    const m = ThreadMessageSchema.parse(message);
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...key.message(m), type: 'message', ...m } } },
          ...(m.messageId
            ? [{ Put: { TableName: this.tableName, Item: { ...key.messageId(m.messageId, m.ticketId), type: 'message-id', ticketId: m.ticketId } } }]
            : []),
          {
            Update: {
              TableName: this.tableName,
              Key: key.job(jobId),
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

function toDelivery(item: Record<string, unknown>): Delivery {
  return {
    deliveryKey: String(item.deliveryKey),
    ticketId: String(item.ticketId),
    acknowledgementQueued: item.acknowledgementQueued === true,
  };
}
