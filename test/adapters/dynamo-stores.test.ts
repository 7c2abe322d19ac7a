import { afterAll, beforeAll } from 'vitest';
import { provision } from '../../infra/local/provision.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { describeStoreContract } from '../contract/stores.contract.ts';
import { testClients, uniquePrefix } from '../helpers/local.ts';

const clients = testClients();
let stores: DynamoStores;

beforeAll(async () => {
  const resources = await provision(clients, uniquePrefix('stores'));
  stores = dynamoStores(clients.documents, resources.tableName);
});
afterAll(() => {
  clients.dynamodb.destroy();
});

describeStoreContract('DynamoDB (DynamoDB Local)', () => stores, '8');
