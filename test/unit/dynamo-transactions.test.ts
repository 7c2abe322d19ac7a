import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { transact } from '../../lib/adapters/aws/dynamo-transactions.ts';
import { ConflictError } from '../../lib/domain/errors.ts';

/** A client whose transactions are cancelled with these reasons: faults DynamoDB Local does not produce. */
function cancelling(codes: string[]): DynamoDBDocumentClient {
  return {
    send: async () => {
      throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
    },
  } as unknown as DynamoDBDocumentClient;
}

const writes = [
  { name: 'ticket' as const, write: { ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'b' }, ConditionExpression: 'attribute_exists(pk)' } } },
  { name: 'audit' as const, write: { Put: { TableName: 't', Item: { pk: 'a', sk: 'c' } } } },
];

describe('DynamoDB transactions: cancellations by name', () => {
  it('reports a failed condition by the name of the write', async () => {
    expect(await transact(cancelling(['ConditionalCheckFailed', 'None']), writes)).toEqual({ ok: false, cancelled: { ticket: { code: 'ConditionalCheckFailed' } } });
  });

  it('turns a conflict with a concurrent transaction into a ConflictError (a lost race, as AWS cancels rather than waits)', async () => {
    await expect(transact(cancelling(['TransactionConflict', 'None']), writes)).rejects.toThrow(ConflictError);
  });

  it('rethrows a cancellation that is neither, for the caller to retry', async () => {
    await expect(transact(cancelling(['ThrottlingError', 'None']), writes)).rejects.toThrow(TransactionCanceledException);
  });
});
