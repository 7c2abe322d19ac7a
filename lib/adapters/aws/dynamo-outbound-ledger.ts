import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MAX_SEND_ATTEMPTS, OUTBOUND_LEASE_MS } from '../../domain/outbound-job.ts';
import type { OutboundClaim, OutboundLedger } from '../../domain/ports.ts';
import type { ThreadMessage } from '../../domain/ticket.ts';
import { transact } from './dynamo-transactions.ts';
import { JobItemSchema, keys, messageItems, readItem } from './table-layout.ts';

/** Outbound jobs, claimed before sending and marked sent with the message that went out. */
export class DynamoOutboundLedger implements OutboundLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(jobId: string, at: Date): Promise<OutboundClaim> {
    const cutoff = at.getTime() - OUTBOUND_LEASE_MS;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(jobId),
          UpdateExpression: 'SET #s = :claimed, claimedAt = :at, jobId = :job, #t = :type, attempts = if_not_exists(attempts, :zero) + :one',
          // A new job, or an attempt whose lease ran out (a crash, an unknown outcome) while attempts are left.
          ConditionExpression: 'attribute_not_exists(pk) OR (#s IN (:claimed, :unknown) AND claimedAt < :cutoff AND (attribute_not_exists(attempts) OR attempts < :max))',
          ExpressionAttributeNames: { '#s': 'status', '#t': 'type' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':unknown': 'unknown',
            ':at': at.getTime(),
            ':job': jobId,
            ':type': 'job',
            ':zero': 0,
            ':one': 1,
            ':cutoff': cutoff,
            ':max': MAX_SEND_ATTEMPTS,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const held = readItem(JobItemSchema, unmarshall(error.Item ?? {}), 'job');
        if (held.status === 'sent') return 'already-sent';
        return (held.claimedAt ?? 0) < cutoff && (held.attempts ?? 1) >= MAX_SEND_ATTEMPTS ? 'gave-up' : 'in-progress';
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

  async keepUnknown(jobId: string, note: ThreadMessage): Promise<number> {
    const done = await transact(this.db, [
      ...messageItems(note).map((Item) => ({ name: 'note', write: { Put: { TableName: this.tableName, Item } } })),
      {
        name: 'job',
        write: {
          Update: {
            TableName: this.tableName,
            Key: keys.job(jobId),
            UpdateExpression: 'SET #s = :unknown',
            ConditionExpression: '#s = :claimed',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':unknown': 'unknown', ':claimed': 'claimed' },
          },
        },
      },
    ]);
    if (!done.ok) throw new Error(`Recording the unknown outcome of job ${jobId} was cancelled: ${JSON.stringify(done.cancelled)}`);
    // Only the holder of the claim changes the job while it is claimed: this read sees what the claim counted.
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.job(jobId), ConsistentRead: true }));
    return readItem(JobItemSchema, out.Item ?? {}, 'job').attempts ?? 1;
  }

  async note(message: ThreadMessage): Promise<void> {
    const done = await transact(
      this.db,
      messageItems(message).map((Item) => ({ name: 'note', write: { Put: { TableName: this.tableName, Item } } })),
    );
    if (!done.ok) throw new Error(`Recording a note on ${message.ticketId} was cancelled: ${JSON.stringify(done.cancelled)}`);
  }

  async complete(jobId: string, message: ThreadMessage): Promise<void> {
    const [record, ...lookups] = messageItems(message);
    // The Message-ID lookups first, each a plain idempotent put: the mail went out under these ids, so they
    // belong to the ticket whatever happens next, and a retry writes the same items. The transaction that
    // buys something, the message with the job's new status, stays one.
    await Promise.all(lookups.map((Item) => this.db.send(new PutCommand({ TableName: this.tableName, Item }))));
    const done = await transact(this.db, [
      { name: 'message', write: { Put: { TableName: this.tableName, Item: record! } } },
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
