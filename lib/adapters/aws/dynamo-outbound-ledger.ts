import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MAX_SEND_ATTEMPTS, OUTBOUND_LEASE_MS } from '../../domain/outbound-job.ts';
import type { JobRef, OutboundClaim, OutboundLedger } from '../../domain/ports.ts';
import type { ThreadMessage } from '../../domain/ticket.ts';
import { transact } from './dynamo-transactions.ts';
import { JobItemSchema, keys, messageIdItems, messageItem, messageItems, packedMessage, readItem } from './table-layout.ts';

/**
 * Outbound jobs, claimed before sending; the job's item, in its ticket's partition, then holds the message
 * that went out, so marking the job sent and recording the message on the thread are one write.
 */
export class DynamoOutboundLedger implements OutboundLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(job: JobRef, at: Date): Promise<OutboundClaim> {
    const cutoff = at.getTime() - OUTBOUND_LEASE_MS;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(job),
          UpdateExpression: 'SET #s = :claimed, claimedAt = :at, jobId = :job, #t = :type, attempts = if_not_exists(attempts, :zero) + :one',
          // A new job, a released one, or an attempt whose lease ran out (a crash, an unknown outcome) while attempts are left.
          ConditionExpression:
            'attribute_not_exists(pk) OR #s = :released OR (#s IN (:claimed, :unknown) AND claimedAt < :cutoff AND (attribute_not_exists(attempts) OR attempts < :max))',
          ExpressionAttributeNames: { '#s': 'status', '#t': 'type' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':unknown': 'unknown',
            ':released': 'released',
            ':at': at.getTime(),
            ':job': job.jobId,
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

  async release(job: JobRef): Promise<void> {
    // Nothing was sent: the attempt does not count, and the next claim may take the job at once.
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(job),
          UpdateExpression: 'SET #s = :released, attempts = attempts - :one',
          ConditionExpression: '#s = :claimed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':released': 'released', ':one': 1 },
        }),
      )
      .catch((error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async keepUnknown(job: JobRef, note: ThreadMessage): Promise<number> {
    const done = await transact(this.db, [
      { name: 'note', write: { Put: { TableName: this.tableName, Item: messageItem(note) } } },
      {
        name: 'job',
        write: {
          Update: {
            TableName: this.tableName,
            Key: keys.job(job),
            UpdateExpression: 'SET #s = :unknown',
            ConditionExpression: '#s = :claimed',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':unknown': 'unknown', ':claimed': 'claimed' },
          },
        },
      },
    ]);
    if (!done.ok) throw new Error(`Recording the unknown outcome of job ${job.jobId} was cancelled: ${JSON.stringify(done.cancelled)}`);
    // Only the holder of the claim changes the job while it is claimed: this read sees what the claim counted.
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.job(job), ConsistentRead: true }));
    return readItem(JobItemSchema, out.Item ?? {}, 'job').attempts ?? 1;
  }

  async note(message: ThreadMessage): Promise<void> {
    // Plain puts: the note's key is its own (time and job), so a retry writes the same item.
    await Promise.all(messageItems(message).map((Item) => this.db.send(new PutCommand({ TableName: this.tableName, Item }))));
  }

  async complete(job: JobRef, message: ThreadMessage): Promise<void> {
    // Validated (and packed) before anything is written.
    const packed = packedMessage(message);
    const lookups = messageIdItems(message);
    // The Message-ID lookups first, each a plain idempotent put: the mail went out under these ids, so they
    // belong to the ticket whatever happens next, and a retry writes the same items.
    await Promise.all(lookups.map((Item) => this.db.send(new PutCommand({ TableName: this.tableName, Item }))));
    // Then one write of the job's item: sent, with the message on the thread.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.job(job),
        UpdateExpression: 'SET #s = :sent, sentMessageId = :mid, message = :message, jobId = :job, #t = :type',
        ExpressionAttributeNames: { '#s': 'status', '#t': 'type' },
        ExpressionAttributeValues: { ':sent': 'sent', ':mid': message.messageId ?? '', ':message': packed, ':job': job.jobId, ':type': 'job' },
      }),
    );
  }
}
