import { SNSClient } from '@aws-sdk/client-sns';
import { type AwsTarget, baseConfig } from './aws-target.ts';

export function createSnsClient(target: AwsTarget): SNSClient {
  return new SNSClient(baseConfig(target, 'sns'));
}
