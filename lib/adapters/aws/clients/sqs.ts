import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsTarget, baseConfig } from './aws-target.ts';

export function createSqsClient(target: AwsTarget): SQSClient {
  // Queue URLs from a local emulator name hosts that do not resolve; send to the endpoint instead.
  return new SQSClient({ ...baseConfig(target, 'sqs'), useQueueUrlAsEndpoint: false });
}
