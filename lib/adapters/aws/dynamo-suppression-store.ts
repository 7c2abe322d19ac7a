import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AllowanceResult, SuppressionStore } from '../../domain/ports.ts';
import { keys } from './table-layout.ts';

/**
 * Suppressed addresses and automatic-reply allowances, in the tickets table.
 * Items carry `expiresAt` (epoch seconds), the table's TTL attribute, so they clean themselves up.
 */
export class DynamoSuppressionStore implements SuppressionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async suppress(address: string, until: Date, reason: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.suppression(address),
          type: 'suppression',
          address: address.toLowerCase(),
          reason,
          until: until.toISOString(),
          expiresAt: Math.ceil(until.getTime() / 1000),
        },
      }),
    );
  }

  async suppressedReason(address: string, at: Date): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.suppression(address) }));
    // TTL deletion lags by up to a couple of days; the item's own date decides.
    return out.Item && String(out.Item.until) > at.toISOString() ? String(out.Item.reason) : undefined;
  }

  async takeAutoReplyAllowance(address: string, at: Date, max: number, windowMinutes: number, use?: string): Promise<AllowanceResult> {
    const windowMs = windowMinutes * 60_000;
    const windowStart = Math.floor(at.getTime() / windowMs) * windowMs;
    const values = { ':one': 1, ':max': max, ':exp': Math.ceil((windowStart + 2 * windowMs) / 1000), ':type': 'autoreply-window' };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.autoReplyWindow(address, new Date(windowStart)),
          // With a use, the window also remembers what it was spent on, and a use already recorded is not charged again.
          UpdateExpression: use ? 'ADD #n :one, #u :use SET expiresAt = :exp, #t = :type' : 'ADD #n :one SET expiresAt = :exp, #t = :type',
          ConditionExpression: use ? '(attribute_not_exists(#n) OR #n < :max) AND NOT contains(#u, :useKey)' : 'attribute_not_exists(#n) OR #n < :max',
          ExpressionAttributeNames: { '#n': 'count', '#t': 'type', ...(use ? { '#u': 'uses' } : {}) },
          ExpressionAttributeValues: use ? { ...values, ':use': new Set([use]), ':useKey': use } : values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'charged';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Already spent on this very use (a concurrent copy got there first): the allowance covers it.
      const uses = error.Item ? unmarshall(error.Item).uses : undefined;
      return use !== undefined && uses instanceof Set && uses.has(use) ? 'repeat' : 'refused';
    }
  }
}
