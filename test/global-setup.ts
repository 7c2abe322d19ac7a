import type { TestProject } from 'vitest/node';
import { type EmulatorEndpoints, startEmulators } from '../infra/local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: EmulatorEndpoints;
  }
}

/** Starts DynamoDB Local, fauxqs and the local SES once for all test files; stops them at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const emulators = await startEmulators();
  project.provide('emulators', emulators.endpoints);
  return () => emulators.stop();
}
