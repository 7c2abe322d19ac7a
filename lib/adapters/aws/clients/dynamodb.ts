import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsTarget, baseConfig } from './aws-target.ts';

/** The DynamoDB client and the document client over it (undefined attributes left out of items). */
export function createDynamoClients(target: AwsTarget): { dynamodb: DynamoDBClient; documents: DynamoDBDocumentClient } {
  const dynamodb = new DynamoDBClient(baseConfig(target, 'dynamodb'));
  return { dynamodb, documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }) };
}
