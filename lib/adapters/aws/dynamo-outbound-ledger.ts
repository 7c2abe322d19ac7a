import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboundClaim, OutboundLedger } from '../../domain/ports.ts';
import type { ThreadMessage } from '../../domain/ticket.ts';
import { transact } from './dynamo-transactions.ts';
import { JobItemSchema, keys, messageItems, readItem } from './table-layout.ts';

/** How long a claimed outbound job stays claimed before another attempt may take it over. */
export const OUTBOUND_LEASE_MS = 5 * 60_000;

/** Outbound jobs, claimed before sending and marked sent with the message that went out. */
export class DynamoOutboundLedger implements OutboundLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(jobId: string, at: Date): Promise<OutboundClaim> {
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
        const held = readItem(JobItemSchema, unmarshall(error.Item ?? {}), 'job');
        return held.status === 'sent' ? 'already-sent' : 'in-progress';
      }
      throw error;
    }
  }

  async release(jobId: string): Promise<void> {
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

  async complete(jobId: string, message: ThreadMessage): Promise<void> {
    const done = await transact(this.db, [
      ...messageItems(message).map((Item) => ({ name: 'message', write: { Put: { TableName: this.tableName, Item } } })),
      {
        name: 'job',
        write: {
          Update: {
            TableName: this.tableName,
            Key: keys.job(jobId),
            UpdateExpression: 'SET #s = :sent, sentMessageId = :mid',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':sent': 'sent', ':mid': message.messageId ?? '' },
          },
        },
      },
    ]);
    if (!done.ok) throw new Error(`Recording outbound job ${jobId} was cancelled: ${JSON.stringify(done.cancelled)}`);
  }
}
