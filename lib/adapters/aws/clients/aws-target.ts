/** Where the clients talk to: AWS itself (no endpoints) or the local stack. */
export interface AwsTarget {
  readonly region: string;
  readonly endpoints?: Partial<Record<'dynamodb' | 's3' | 'sqs' | 'sns' | 'ses' | 'bedrock', string>>;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The settings every client of one service shares: region, the endpoint when local, credentials when given. */
export function baseConfig(target: AwsTarget, service: keyof NonNullable<AwsTarget['endpoints']>) {
  return {
    region: target.region,
    ...(target.endpoints?.[service] ? { endpoint: target.endpoints[service] } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
  };
}
