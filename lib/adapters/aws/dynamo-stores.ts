import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryLog } from './dynamo-delivery-log.ts';
import { DynamoOutboundLedger } from './dynamo-outbound-ledger.ts';
import { DynamoSuppressionStore } from './dynamo-suppression-store.ts';
import { DynamoTicketRepository } from './dynamo-ticket-repository.ts';
import { DynamoTimerIndex } from './dynamo-timer-index.ts';

/** Every store of the single table, over one client: what each handler's composition root picks from. */
export function dynamoStores(db: DynamoDBDocumentClient, tableName: string) {
  return {
    tickets: new DynamoTicketRepository(db, tableName),
    deliveries: new DynamoDeliveryLog(db, tableName),
    timers: new DynamoTimerIndex(db, tableName),
    ledger: new DynamoOutboundLedger(db, tableName),
    suppressions: new DynamoSuppressionStore(db, tableName),
  };
}
export type DynamoStores = ReturnType<typeof dynamoStores>;
