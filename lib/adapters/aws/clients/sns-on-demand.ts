import type { SNSClient } from '@aws-sdk/client-sns';
import { type AwsTarget, baseConfig } from './aws-target.ts';
import { onDemand } from './on-demand.ts';

/** The SNS client, loaded at the first alert rather than at cold start. */
export function snsClientOnDemand(target: AwsTarget): () => Promise<SNSClient> {
  return onDemand(() => import('@aws-sdk/client-sns').then(({ SNSClient }) => new SNSClient(baseConfig(target, 'sns'))));
}
