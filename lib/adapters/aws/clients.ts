import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the clients talk to: AWS itself (no endpoints) or the local stack. */
export interface AwsTarget {
  readonly region: string;
  readonly endpoints?: Partial<Record<'dynamodb' | 's3' | 'sqs' | 'sns' | 'ses', string>>;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly ses: SESClient;
}

/** Creates each client once per container; handlers keep the result at module scope. */
export function createAwsClients(target: AwsTarget): AwsClients {
  const base = (service: keyof NonNullable<AwsTarget['endpoints']>) => ({
    region: target.region,
    ...(target.endpoints?.[service] ? { endpoint: target.endpoints[service] } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
  });
  const dynamodb = new DynamoDBClient(base('dynamodb'));
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    // Path-style: local S3 has no per-bucket host names.
    s3: new S3Client({ ...base('s3'), forcePathStyle: Boolean(target.endpoints?.s3) }),
    // Queue URLs from a local emulator name hosts that do not resolve; send to the endpoint instead.
    sqs: new SQSClient({ ...base('sqs'), useQueueUrlAsEndpoint: false }),
    sns: new SNSClient(base('sns')),
    // One attempt: a SendRawEmail retried inside the SDK after a timeout could send the mail twice (SesMailSender).
    ses: new SESClient({ ...base('ses'), maxAttempts: 1 }),
  };
}
