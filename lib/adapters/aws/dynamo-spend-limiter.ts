import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type SpendLimiter, spendMonth } from '../../classify/second-opinion.ts';
import { keys } from './table-layout.ts';

// Kept long enough to compare a month with the same month a year before.
const KEEP_DAYS = 550;

/**
 * The monthly cap in the tickets table: one conditional ADD per call, so concurrent functions can never reserve
 * more than the cap between them.
 */
export class DynamoSpendLimiter implements SpendLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly service: string,
    private readonly capUsd: number,
  ) {}

  async reserve(usd: number, at: Date): Promise<boolean> {
    if (usd > this.capUsd) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.spend(this.service, spendMonth(at)),
          UpdateExpression: 'ADD #usd :usd SET expiresAt = if_not_exists(expiresAt, :exp), #t = :type',
          ConditionExpression: 'attribute_not_exists(#usd) OR #usd <= :room',
          ExpressionAttributeNames: { '#usd': 'usd', '#t': 'type' },
          ExpressionAttributeValues: { ':usd': usd, ':room': this.capUsd - usd, ':exp': Math.ceil(at.getTime() / 1000) + KEEP_DAYS * 86_400, ':type': 'spend' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
