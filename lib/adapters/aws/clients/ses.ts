import { SESClient } from '@aws-sdk/client-ses';
import { type AwsTarget, baseConfig } from './aws-target.ts';

export function createSesClient(target: AwsTarget): SESClient {
  // One attempt: a SendRawEmail retried inside the SDK after a timeout could send the mail twice (SesMailSender).
  return new SESClient({ ...baseConfig(target, 'ses'), maxAttempts: 1 });
}
