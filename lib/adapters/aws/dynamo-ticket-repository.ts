import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { type MessageRef, type OutboundJob, OutboundJobSchema } from '../../domain/outbound-job.ts';
import type { InboundWrite, IntakeClaim, TicketRepository, WriteResult } from '../../domain/ports.ts';
import type { TimerSpec } from '../../domain/sla-state.ts';
import { subjectWords } from '../../domain/subject-words.ts';
import {
  type AuditEntry,
  AuditEntrySchema,
  type Category,
  type CustomerProfile,
  CustomerProfileSchema,
  type Recategorisation,
  RecategorisationSchema,
  type ThreadMessage,
  ThreadMessageSchema,
  type Ticket,
  TicketSchema,
  type TicketStatus,
} from '../../domain/ticket.ts';
import { formatTicketId, tokenInMessageId } from '../../domain/ticket-token.ts';
import { urgencyKey } from '../../domain/urgency.ts';
import { failedCondition, type NamedWrite, transact } from './dynamo-transactions.ts';
import {
  auditItem,
  customerPartition,
  deliveryItem,
  IntakeClaimSchema,
  intakeClaimItem,
  keys,
  messageIdPartition,
  messageItem,
  messageItems,
  newTicketItem,
  openedEntry,
  openingDeliveryItem,
  openingMessage,
  queuePartition,
  readItem,
  readThreadItem,
  readTicket,
  TABLE,
  ticketItem,
  ticketUpdate,
} from './table-layout.ts';

type IntakeWrite = 'delivery' | 'content' | 'ticket' | 'message' | 'audit';

/** Tickets and their threads in the single table (see table-layout.ts). */
export class DynamoTicketRepository implements TicketRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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

  async claimIntake(input: InboundWrite & { readonly createdAt: string }): Promise<IntakeClaim> {
    const key = keys.intakeClaim(input.contentKey, input.message.messageId);
    // Read first: a retry (or a second worker) of this delivery takes the claim it holds without using up a number.
    // Eventually consistent is enough: a claim this read misses makes the conditional put below fail, with the claim.
    const held = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key }));
    if (held.Item) return this.answerClaim(held.Item, input.deliveryKey);
    const ticketId = await this.nextTicketId();
    const claim = { deliveryKey: input.deliveryKey, ticketId, at: input.message.at, createdAt: input.createdAt };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: intakeClaimItem({ ...claim, contentKey: input.contentKey, ...(input.message.messageId ? { messageId: input.message.messageId } : {}) }),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, ticketId, createdAt: input.createdAt };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.answerClaim(unmarshall(error.Item ?? {}), input.deliveryKey);
    }
  }

  /** The claim held on the content: this delivery's own (it goes on with the same number), or another's (a duplicate). */
  private async answerClaim(item: Record<string, unknown>, deliveryKey: string): Promise<IntakeClaim> {
    const held = readItem(IntakeClaimSchema, item, 'intake claim');
    if (held.deliveryKey === deliveryKey && held.createdAt) return { claimed: true, ticketId: held.ticketId, createdAt: held.createdAt };
    await this.putDuplicate(deliveryKey, held.deliveryKey, held.ticketId);
    return { claimed: false, duplicateOf: { ticketId: held.ticketId } };
  }

  async createTicket(input: InboundWrite & { ticket: Ticket; timers: readonly TimerSpec[]; audit: AuditEntry }): Promise<WriteResult> {
    const { ticket } = input;
    // A plain put of the delivery record with the first message, the same item on every attempt of the claim;
    // then the ticket with its creation's audit entry, conditional: it is what readers start from, so they never
    // see it without its message, and it is written once.
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: openingDeliveryItem({ ...input.message, messageKey: input.deliveryKey }) }));
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: newTicketItem(ticket, urgencyKey(ticket), input.timers, input.audit, input.deliveryKey),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { written: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { written: false, duplicateOf: { ticketId: ticket.ticketId } };
      throw error;
    }
  }

  async appendMessage(input: InboundWrite & { next?: Ticket; expectedVersion: number; timers: readonly TimerSpec[]; audit?: AuditEntry }): Promise<WriteResult> {
    const { ticketId } = input.message;
    const version = input.expectedVersion + 1;
    const ticketWrite: NamedWrite<IntakeWrite> = input.next
      ? { name: 'ticket', write: this.conditionalPut({ ...input.next, version }, input.expectedVersion, input.timers) }
      : { name: 'ticket', write: { ConditionCheck: { TableName: this.tableName, Key: keys.ticket(ticketId), ConditionExpression: 'attribute_exists(pk)' } } };
    const owned = { deliveryKey: input.deliveryKey, ticketId, at: input.message.at };
    // The ticket's change, its audit entry and the message go together; the delivery record (finished: a
    // follow-up owes no automatic reply) and the content claim (also the message's Message-ID lookup) with them.
    const result = await transact<IntakeWrite>(this.db, [
      {
        name: 'delivery',
        write: {
          Put: {
            TableName: this.tableName,
            Item: deliveryItem({ deliveryKey: input.deliveryKey, outcome: 'threaded', ticketId }),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      },
      {
        name: 'content',
        write: {
          Put: {
            TableName: this.tableName,
            Item: intakeClaimItem({ ...owned, contentKey: input.contentKey, ...(input.message.messageId ? { messageId: input.message.messageId } : {}) }),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      },
      ticketWrite,
      ...(input.next && input.audit ? [this.auditWrite(input.audit, version)] : []),
      { name: 'message', write: { Put: { TableName: this.tableName, Item: messageItem(input.message), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ]);
    if (result.ok) return { written: true };
    const existing = result.cancelled.delivery?.item ?? result.cancelled.content?.item;
    if (existing) {
      const duplicateOf = existing.ticketId ? { ticketId: String(existing.ticketId) } : {};
      // This delivery began a new ticket before (its record, or its claim on the content, is there; the attempt died):
      // not a duplicate, but a ticket to finish.
      const began = result.cancelled.delivery ? existing.outcome === 'ticket-created' : existing.deliveryKey === input.deliveryKey && Boolean(existing.createdAt);
      if (began) return { written: false, duplicateOf, ownClaim: true };
      if (!result.cancelled.delivery) {
        // Same content under a new SES id (a resend, a second receipt rule): remember this delivery as a duplicate.
        await this.putDuplicate(input.deliveryKey, String(existing.deliveryKey), duplicateOf.ticketId);
      }
      return { written: false, duplicateOf };
    }
    if (failedCondition(result.cancelled, 'ticket')) throw new ConflictError(`Ticket ${ticketId} changed while a message was being added`);
    throw new ConflictError(`Writing the message to ${ticketId} was cancelled: ${JSON.stringify(result.cancelled)}`);
  }

  private auditWrite(entry: AuditEntry, version: number): NamedWrite<'audit'> {
    return { name: 'audit', write: { Put: { TableName: this.tableName, Item: auditItem(entry, version) } } };
  }

  /** A delivery whose content another delivery holds: recorded as a duplicate of it (a plain put; a second one is ignored). */
  private async putDuplicate(deliveryKey: string, original: string, ticketId: string | undefined): Promise<void> {
    const item = deliveryItem({ deliveryKey, outcome: 'duplicate', reason: `duplicate-of:${original}`, ...(ticketId ? { ticketId } : {}) });
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  /** The next version of the ticket, with its next deadline from the timers its state needs (an update: `opened` stays). */
  private conditionalPut(next: Ticket, expectedVersion: number, timers: readonly TimerSpec[]) {
    const update = ticketUpdate(ticketItem(next, urgencyKey(next), timers));
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.ticket(next.ticketId),
        ...update,
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':expected': expectedVersion },
      },
    };
  }

  async saveTicket(input: Parameters<TicketRepository['saveTicket']>[0]): Promise<void> {
    const next = TicketSchema.parse({ ...input.next, version: input.expectedVersion + 1 });
    const writes: Array<NamedWrite<'ticket' | 'audit' | 'message' | 'customer' | 'feedback' | 'outbox'>> = [
      { name: 'ticket', write: this.conditionalPut(next, input.expectedVersion, input.timers) },
      this.auditWrite(input.audit, next.version),
      ...(input.message ? messageItems(input.message).map((Item) => ({ name: 'message' as const, write: { Put: { TableName: this.tableName, Item } } })) : []),
      ...(input.customer
        ? [
            {
              name: 'customer' as const,
              write: { Put: { TableName: this.tableName, Item: { ...keys.customer(input.customer.address), type: 'customer', ...CustomerProfileSchema.parse(input.customer) } } },
            },
          ]
        : []),
      ...(input.outbox ?? []).map((job) => ({
        name: 'outbox' as const,
        write: {
          Put: {
            TableName: this.tableName,
            // Kept two days at most (TTL): the sweeper queues a stuck job within minutes.
            Item: { ...keys.outbox(next.updatedAt, job.jobId), type: 'outbox', job: JSON.stringify(job), expiresAt: Math.ceil(Date.parse(next.updatedAt) / 1000) + 2 * 86_400 },
          },
        },
      })),
      ...(input.recategorisation
        ? [
            {
              name: 'feedback' as const,
              write: {
                Put: {
                  TableName: this.tableName,
                  Item: { ...keys.recategorisation(input.recategorisation), type: 'recategorisation', ...RecategorisationSchema.parse(input.recategorisation) },
                },
              },
            },
          ]
        : []),
    ];
    const result = await transact(this.db, writes);
    if (result.ok) return;
    throw new ConflictError(`Ticket ${next.ticketId} changed since version ${input.expectedVersion}; reload and try again`);
  }

  async getTicket(ticketId: string): Promise<Ticket | undefined> {
    const item = await this.ticketItem(ticketId);
    return item ? readTicket(item) : undefined;
  }

  /** The tickets an index query found (the indexes hold keys only), in the order found; eventually consistent like the index. */
  private async ticketsAt(items: ReadonlyArray<Record<string, unknown>>): Promise<Ticket[]> {
    const found: Array<Ticket | undefined> = [];
    for (let i = 0; i < items.length; i += 25) {
      const reads = items.slice(i, i + 25).map(async (item) => {
        const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
        return out.Item ? readTicket(out.Item) : undefined;
      });
      found.push(...(await Promise.all(reads)));
    }
    return found.filter((t): t is Ticket => Boolean(t));
  }

  async findTicketsByMessageId(messageId: string): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': messageIdPartition(messageId) },
        Limit: 20,
      }),
    );
    const newestFirst = (out.Items ?? []).sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? ''))).map((item) => String(item.ticketId));
    // A Message-ID we made names its ticket itself and has no lookup item (see messageItems).
    const named = tokenInMessageId(messageId);
    return [...new Set([...(named ? [named] : []), ...newestFirst])];
  }

  async getThread(ticketId: string): Promise<ThreadMessage[]> {
    // The first message is in the delivery record that opened the ticket (the ticket item names it), read beside
    // the query.
    const [items, first] = await Promise.all([this.threadItems(ticketId), this.ticketItem(ticketId).then((item) => this.firstMessage(ticketId, item))]);
    return threadOf(items, first);
  }

  async getAudit(ticketId: string): Promise<AuditEntry[]> {
    // The creation's entry is on the ticket item itself (newTicketItem), read beside the query.
    const [items, ticket] = await Promise.all([this.auditItems(ticketId), this.ticketItem(ticketId)]);
    return auditOf(items, ticket, ticketId);
  }

  async getTicketWithHistory(ticketId: string): Promise<{ ticket: Ticket; thread: ThreadMessage[]; audit: AuditEntry[] } | undefined> {
    const item = await this.ticketItem(ticketId);
    if (!item) return undefined;
    const [threadItems, first, auditItems] = await Promise.all([this.threadItems(ticketId), this.firstMessage(ticketId, item), this.auditItems(ticketId)]);
    return { ticket: readTicket(item), thread: threadOf(threadItems, first), audit: auditOf(auditItems, item, ticketId) };
  }

  private async ticketItem(ticketId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.ticket(ticketId), ConsistentRead: true }))).Item;
  }

  private threadItems(ticketId: string): Promise<Array<Record<string, unknown>>> {
    const { pk, skPrefix } = keys.messagesOf(ticketId);
    return this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)', ExpressionAttributeValues: { ':pk': pk, ':msg': skPrefix }, ConsistentRead: true });
  }

  private auditItems(ticketId: string): Promise<Array<Record<string, unknown>>> {
    const { pk, skPrefix } = keys.auditOf(ticketId);
    return this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)', ExpressionAttributeValues: { ':pk': pk, ':audit': skPrefix }, ConsistentRead: true });
  }

  /** The message that opened the ticket, from the delivery record the ticket item names. */
  private async firstMessage(ticketId: string, ticket: Record<string, unknown> | undefined): Promise<ThreadMessage | undefined> {
    const origin = ticket?.origin;
    if (typeof origin !== 'string') return undefined;
    return this.openingMessage(ticketId, origin);
  }

  private async openingMessage(ticketId: string, deliveryKey: string): Promise<ThreadMessage | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.delivery(deliveryKey), ConsistentRead: true }));
    return out.Item ? openingMessage(out.Item, ticketId) : undefined;
  }

  async recategorisations(page: { limit: number; cursor?: string }): Promise<{ items: Recategorisation[]; cursor?: string }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.recategorisations.pk },
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, { pk: keys.recategorisations.pk }, pageKeyNames()) } : {}),
      }),
    );
    const items = (out.Items ?? []).map((item) => readItem(RecategorisationSchema, item, 'recategorisation'));
    return { items, ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
  }

  async indexSubject(ticket: Ticket): Promise<void> {
    // Plain puts (idempotent; a retry writes the same items): no BatchWriteItem permission needed.
    await Promise.all(
      subjectWords(ticket.subject).map((word) =>
        this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.subjectWord(word, ticket), type: 'subject-word', ticketId: ticket.ticketId } })),
      ),
    );
  }

  async ticketsWithWords(words: readonly string[], limit: number): Promise<Ticket[]> {
    const sets = await Promise.all(
      words.map(async (word) => {
        const out = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :w',
            ExpressionAttributeValues: { ':w': keys.subjectWord(word, { createdAt: '', ticketId: '' }).pk },
            ScanIndexForward: false,
            Limit: 200,
          }),
        );
        return (out.Items ?? []).map((i) => String(i.ticketId));
      }),
    );
    const [first = [], ...rest] = sets;
    const ids = first.filter((id) => rest.every((s) => s.includes(id))).slice(0, limit);
    const tickets = await Promise.all(ids.map((id) => this.getTicket(id)));
    return tickets.filter((t): t is Ticket => Boolean(t));
  }

  async pendingOutbox(before: Date, limit: number): Promise<Array<{ entry: string; job: OutboundJob }>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': 'OUTBOX', ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({ entry: String(item.sk), job: OutboundJobSchema.parse(JSON.parse(String(item.job))) }));
  }

  async clearOutbox(entry: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: 'OUTBOX', sk: entry } }));
  }

  async getCustomer(address: string): Promise<CustomerProfile | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.customer(address), ConsistentRead: true }));
    return out.Item ? readItem(CustomerProfileSchema, out.Item, 'customer profile') : undefined;
  }

  async ticketsOfCustomer(address: string, limit: number): Promise<Ticket[]> {
    const index = TABLE.indexes.byCustomer;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :c`,
        ExpressionAttributeValues: { ':c': customerPartition(address) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return this.ticketsAt(out.Items ?? []);
  }

  async getMessage(ticketId: string, ref: MessageRef): Promise<ThreadMessage | undefined> {
    // A ticket's first message is kept in the delivery record that opened it (an inbound message's key is its
    // delivery's): looked at first, since a first reply is what reads a message most.
    const first = await this.openingMessage(ticketId, ref.messageKey);
    if (first) return first.at === ref.at ? first : undefined;
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.message({ ticketId, ...ref }), ConsistentRead: true }));
    return out.Item ? readItem(ThreadMessageSchema, out.Item, 'message') : undefined;
  }

  async queuePage(category: Category, status: TicketStatus, page: { limit: number; cursor?: string }): Promise<{ tickets: Ticket[]; cursor?: string }> {
    const index = TABLE.indexes.byQueue;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :q`,
        ExpressionAttributeValues: { ':q': queuePartition(category, status) },
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, { [index.partitionKey]: queuePartition(category, status) }, pageKeyNames(index)) } : {}),
      }),
    );
    const tickets = await this.ticketsAt(out.Items ?? []);
    return { tickets, ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
  }

  async listQueue(category: Category, status: TicketStatus): Promise<Ticket[]> {
    const index = TABLE.indexes.byQueue;
    const items = await this.queryAll({
      IndexName: index.indexName,
      KeyConditionExpression: `${index.partitionKey} = :q`,
      ExpressionAttributeValues: { ':q': queuePartition(category, status) },
    });
    return this.ticketsAt(items);
  }

  /** Every item a query finds, page after page. */
  private async queryAll(query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ ...query, TableName: this.tableName, ExclusiveStartKey: cursor }));
      items.push(...(out.Items ?? []));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}

/** Opaque page cursors: the key DynamoDB stopped at, as base64url JSON. */
function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The attributes of the key a query stops at (LastEvaluatedKey): the table's key, and the index's when it queried one. */
function pageKeyNames(index?: { readonly partitionKey: string; readonly sortKey: string }): string[] {
  return [TABLE.partitionKey, TABLE.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
}

/**
 * A cursor is only accepted for the partition it came from, with exactly the key attributes a page of that list
 * stops at, each a string a key can hold: DynamoDB refuses any other ExclusiveStartKey, which would be a 500.
 */
function decodeCursor(cursor: string, partition: Record<string, string>, keyNames: readonly string[]): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!isPageKey(key, keyNames) || !Object.entries(partition).every(([name, value]) => key[name] === value)) {
    throw new ValidationError('cursor: not a cursor this API returned for this list');
  }
  return key;
}

/** Sort keys hold at most 1,024 bytes, partition keys 2,048; ours are far shorter. */
const MAX_KEY_BYTES = 1024;

function isPageKey(key: unknown, keyNames: readonly string[]): key is Record<string, string> {
  if (key === null || typeof key !== 'object' || Array.isArray(key) || Object.keys(key).length !== keyNames.length) return false;
  return keyNames.every((name) => {
    const value = (key as Record<string, unknown>)[name];
    return typeof value === 'string' && value.length > 0 && Buffer.byteLength(value) <= MAX_KEY_BYTES;
  });
}

/** A thread from its message items and the opening message: the messages done jobs hold sort after the others by key, so all are ordered by time. */
function threadOf(items: ReadonlyArray<Record<string, unknown>>, first: ThreadMessage | undefined): ThreadMessage[] {
  return [...(first ? [first] : []), ...items.map(readThreadItem).filter((m): m is ThreadMessage => m !== undefined)].sort((a, b) =>
    `${a.at}#${a.messageKey}`.localeCompare(`${b.at}#${b.messageKey}`),
  );
}

/** An audit trail from its items, the creation's entry (on the ticket item) first. */
function auditOf(items: ReadonlyArray<Record<string, unknown>>, ticket: Record<string, unknown> | undefined, ticketId: string): AuditEntry[] {
  const opened = ticket ? openedEntry(ticket, ticketId) : undefined;
  return [...(opened ? [opened] : []), ...items.map((item) => readItem(AuditEntrySchema, item, 'audit entry'))];
}
