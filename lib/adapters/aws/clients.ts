import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsTarget } from './clients/aws-target.ts';
import { createDynamoClients } from './clients/dynamodb.ts';
import { createS3Client } from './clients/s3.ts';
import { createSesClient } from './clients/ses.ts';
import { createSnsClient } from './clients/sns.ts';
import { createSqsClient } from './clients/sqs.ts';

export type { AwsTarget } from './clients/aws-target.ts';

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly ses: SESClient;
}

/**
 * Every client, for the local stack and the command line. A deployed function
 * builds only the clients it uses, each from its own module under clients/, so
 * that its cold start loads no SDK package it never calls.
 */
export function createAwsClients(target: AwsTarget): AwsClients {
  return {
    ...createDynamoClients(target),
    s3: createS3Client(target),
    sqs: createSqsClient(target),
    sns: createSnsClient(target),
    ses: createSesClient(target),
  };
}
