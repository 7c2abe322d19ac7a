import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryLog } from '../../domain/ports.ts';
import { DeliverySchema, deliveryItem, keys, readItem } from './table-layout.ts';

/** One record per SES delivery, written when it is finished: what became of it. */
export class DynamoDeliveryLog implements DeliveryLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(deliveryKey: string): Promise<Delivery | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.delivery(deliveryKey), ConsistentRead: true }));
    return out.Item ? readItem(DeliverySchema, out.Item, 'delivery') : undefined;
  }

  async record(delivery: Delivery): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: deliveryItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' })).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
