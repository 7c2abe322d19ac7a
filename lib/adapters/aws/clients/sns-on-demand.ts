import type { SNSClient } from '@aws-sdk/client-sns';
import { type AwsTarget, baseConfig } from './aws-target.ts';

/**
 * The SNS client, built when first asked for: the package is loaded then, not at cold start
 * (a dynamic import, which the bundles leave to run time). One client per container.
 */
export function snsClientOnDemand(target: AwsTarget): () => Promise<SNSClient> {
  let client: Promise<SNSClient> | undefined;
  return () => {
    client ??= import('@aws-sdk/client-sns').then(({ SNSClient }) => new SNSClient(baseConfig(target, 'sns')));
    return client;
  };
}
