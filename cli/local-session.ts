/**
 * What `triage run --keep` and `triage start` share: the local stack's options from the command line and
 * cdk.json, and keeping the stack up (pollers, the agents' session file, the console) until Ctrl-C.
 */
import { ensureConsoleBuilt, serveConsole } from '../infra/local/console-server.ts';
import { localStackOptionsOf, readDeployConfig } from '../infra/local/local-config.ts';
import type { LocalStack, LocalStackOptions } from '../infra/local/local-stack.ts';
import type { Progress } from '../infra/local/progress.ts';
import { announceLocalStack, forgetLocalStack } from './agent-session.ts';
import { readSlaConfigFile } from './load-sla-config.ts';
import { existingFolder } from './paths.ts';
import { terminalProgress } from './progress.ts';

/** The options both commands take for the stack. */
export interface LocalStackFlags {
  readonly quiet?: boolean | undefined;
  readonly 'sla-config'?: string | undefined;
  readonly templates?: string | undefined;
}

/**
 * The stack's options: cdk.json's settings, with `--sla-config` and `--templates` over them, each file checked
 * before anything starts; and the progress the terminal shows.
 */
export async function localStackSettings(flags: LocalStackFlags): Promise<{ options: LocalStackOptions & { progress: Progress }; progress: Progress }> {
  const slaConfig = await readSlaConfigFile(flags['sla-config']);
  const templateDir = flags.templates ? await existingFolder(flags.templates, '--templates: template overrides') : undefined;
  const config = localStackOptionsOf(await readDeployConfig());
  const progress = terminalProgress({ quiet: flags.quiet === true });
  return { options: { ...config, ...(slaConfig ? { slaConfig } : {}), ...(templateDir ? { templateDir } : {}), progress }, progress };
}

/**
 * The functions, the classifier's model and the AWS SDK take seconds to load
 * (TypeScript compiled on the fly): a step of its own, so the terminal is never silent.
 */
export function loadLocalStack(progress: Progress): Promise<typeof import('../infra/local/local-stack.ts')> {
  return progress.step('Loading the functions and the local stack', () => import('../infra/local/local-stack.ts'));
}

/**
 * Keeps the stack serving until Ctrl-C: its pollers and SLA sweeps, the session file the agents' commands
 * find it by, and the agent console (built if need be). `ready` is told the console's address once it serves.
 */
export async function serveUntilStopped(stack: LocalStack, progress: Progress, ready: (consoleUrl: string) => void): Promise<void> {
  stack.startPolling((error) => console.error(`poller: ${(error as Error).message}`));
  await announceLocalStack({ apiUrl: stack.api.url, identityUrl: stack.identity.url });
  const dist = await progress.step('Building the agent console', () => ensureConsoleBuilt());
  const agentConsole = await serveConsole({ apiUrl: stack.api.url, identityUrl: stack.identity.url }, dist);
  ready(agentConsole.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await forgetLocalStack();
  await agentConsole.stop();
}
