import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { type AwsTarget, baseConfig } from './aws-target.ts';

/**
 * The Bedrock Runtime client, built when the first second opinion is asked for (the package is loaded then, not at
 * cold start). One retry at most: a second opinion that comes late is worth less than the local one now.
 */
export function bedrockClientOnDemand(target: AwsTarget): () => Promise<BedrockRuntimeClient> {
  let client: Promise<BedrockRuntimeClient> | undefined;
  return () => {
    client ??= import('@aws-sdk/client-bedrock-runtime').then(({ BedrockRuntimeClient }) => new BedrockRuntimeClient({ ...baseConfig(target, 'bedrock'), maxAttempts: 2 }));
    return client;
  };
}
