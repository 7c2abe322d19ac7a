import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-credentials.ts';
import { LocalStack, type LocalStackOptions } from '../../infra/local/local-stack.ts';
import { createAwsClients } from '../../lib/adapters/aws/clients.ts';

/** A unique resource prefix per test file, so files share emulators but not state. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export function startTestStack(label: string, options: Omit<LocalStackOptions, 'emulators' | 'prefix'> = {}): Promise<LocalStack> {
  return LocalStack.start({ ...options, emulators: inject('emulators'), prefix: uniquePrefix(label) });
}

export function testClients() {
  return createAwsClients({ region: LOCAL_REGION, endpoints: inject('emulators'), credentials: LOCAL_CREDENTIALS });
}

export interface SesStoreEmail {
  messageId: string;
  subject: string;
  destination: { to: string[] };
}

/** Mail the local SES accepted for a recipient. */
export async function sentTo(stack: LocalStack, recipient: string): Promise<SesStoreEmail[]> {
  const response = await fetch(`${stack.endpoints.ses}/store`);
  const { emails } = (await response.json()) as { emails: SesStoreEmail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(recipient.toLowerCase())));
}
