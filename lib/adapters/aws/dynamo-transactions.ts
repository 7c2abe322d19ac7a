import { type AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '../../domain/errors.ts';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** One write of a transaction, named so a cancellation can be read by name rather than by position. */
export interface NamedWrite<N extends string> {
  readonly name: N;
  readonly write: TransactItem;
}

/** Which named writes failed their condition, with the item that was there when they asked for it. */
export type Cancellation<N extends string> = Partial<Record<N, { code: string; item?: Record<string, unknown> }>>;

export type TransactionResult<N extends string> = { readonly ok: true } | { readonly ok: false; readonly cancelled: Cancellation<N> };

/** Runs the writes as one transaction; a cancellation comes back by write name, any other error is thrown. */
export async function transact<N extends string>(db: DynamoDBDocumentClient, writes: ReadonlyArray<NamedWrite<N>>): Promise<TransactionResult<N>> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.write) }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const cancelled: Cancellation<N> = {};
    (error.CancellationReasons ?? []).forEach((reason, i) => {
      const name = writes[i]?.name;
      if (!name || !reason.Code || reason.Code === 'None') return;
      cancelled[name] = { code: reason.Code, ...(reason.Item ? { item: unmarshall(reason.Item as Record<string, AttributeValue>) } : {}) };
    });
    const codes = Object.values(cancelled).map((c) => (c as { code: string }).code);
    // Another transaction on the same items got there first (DynamoDB cancels rather than waits): a lost race, like a failed condition.
    if (codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed'))
      throw new ConflictError('Another write to the same items won the race; reload and try again', { cause: error });
    // Throttling and the like cancel without a failed condition: let the caller's retry deal with it.
    if (!codes.includes('ConditionalCheckFailed')) throw error;
    return { ok: false, cancelled };
  }
}

export function failedCondition<N extends string>(cancelled: Cancellation<N>, name: N): boolean {
  return cancelled[name]?.code === 'ConditionalCheckFailed';
}
