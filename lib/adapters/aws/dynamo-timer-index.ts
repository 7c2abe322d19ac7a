import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DueTimer, TimerIndex } from '../../domain/ports.ts';
import { dueShardKey, keys, readItem, TABLE, TIMER_SHARDS, TimerItemSchema } from './table-layout.ts';

/** SLA timers, found through the sharded `byDue` index: a sweep reads what is due, never the table. */
export class DynamoTimerIndex implements TimerIndex {
  readonly shards = TIMER_SHARDS;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(shard: number, now: Date, limit: number): Promise<DueTimer[]> {
    const index = TABLE.indexes.byDue;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :s AND ${index.sortKey} <= :now`,
        ExpressionAttributeValues: { ':s': dueShardKey(shard), ':now': `${now.toISOString()}~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => readItem(TimerItemSchema, item, 'timer'));
  }

  async remove(timer: DueTimer): Promise<void> {
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
}
