import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors.ts';
import type { DueTimer, TimerIndex } from '../../domain/ports.ts';
import type { TimerSpec } from '../../domain/sla-state.ts';
import { DUE_ATTRIBUTES, DueEntrySchema, dueAttributes, dueShardKey, dueSortKey, keys, nextDue, readItem, TABLE, TIMER_SHARDS } from './table-layout.ts';

/**
 * Tickets' next SLA deadlines, found through the sharded, sparse `byDue` index
 * (each ticket item carries its next deadline): a sweep reads what is due, never the table.
 */
export class DynamoTimerIndex implements TimerIndex {
  readonly shards = TIMER_SHARDS;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(shard: number, now: Date, limit: number, cursor?: string): Promise<{ timers: DueTimer[]; cursor?: string }> {
    const index = TABLE.indexes.byDue;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :s AND ${index.sortKey} <= :now`,
        ExpressionAttributeValues: { ':s': dueShardKey(shard), ':now': `${now.toISOString()}~` },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, dueShardKey(shard)) } : {}),
      }),
    );
    const timers = (out.Items ?? []).map((item) => readItem(DueEntrySchema, item, 'due-time index entry'));
    return { timers, ...(out.LastEvaluatedKey ? { cursor: Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') } : {}) };
  }

  async reschedule(stale: DueTimer, timers: readonly TimerSpec[], epoch: number): Promise<void> {
    const next = nextDue(timers);
    const set = next ? dueAttributes(stale.ticketId, epoch, next) : undefined;
    const names = Object.fromEntries(DUE_ATTRIBUTES.map((a, i) => [`#d${i}`, a]));
    const update = set ? `SET ${DUE_ATTRIBUTES.map((_, i) => `#d${i} = :d${i}`).join(', ')}` : `REMOVE ${DUE_ATTRIBUTES.map((_, i) => `#d${i}`).join(', ')}`;
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.ticket(stale.ticketId),
          UpdateExpression: update,
          // Only while the ticket still holds this deadline: a stale index entry of a ticket that moved on changes nothing.
          ConditionExpression: '#sk = :stale',
          ExpressionAttributeNames: { ...names, '#sk': 'dueSk' },
          ExpressionAttributeValues: {
            ':stale': dueSortKey(stale.ticketId, stale),
            ...(set ? Object.fromEntries(DUE_ATTRIBUTES.map((a, i) => [`:d${i}`, set[a]])) : {}),
          },
        }),
      )
      .catch((error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }
}

/** A cursor is the index key the last page stopped at, accepted only for its own shard. */
function decodeCursor(cursor: string, shard: string): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!key || typeof key !== 'object' || (key as Record<string, unknown>)[TABLE.indexes.byDue.partitionKey] !== shard)
    throw new ValidationError('cursor: not a cursor of this due-time shard');
  return key as Record<string, unknown>;
}
