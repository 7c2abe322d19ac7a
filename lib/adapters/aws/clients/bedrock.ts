import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { type AwsTarget, baseConfig } from './aws-target.ts';
import { onDemand } from './on-demand.ts';

/**
 * The Bedrock Runtime client, loaded with the first second opinion rather than at cold start. One retry at most:
 * a second opinion that comes late is worth less than the local one now.
 */
export function bedrockClientOnDemand(target: AwsTarget): () => Promise<BedrockRuntimeClient> {
  return onDemand(() =>
    import('@aws-sdk/client-bedrock-runtime').then(({ BedrockRuntimeClient }) => new BedrockRuntimeClient({ ...baseConfig(target, 'bedrock'), maxAttempts: 2 })),
  );
}
