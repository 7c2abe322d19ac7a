import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from './args.ts';

/** Where a signed-in agent's API address and token are kept (mode 0600). */
export interface AgentSession {
  readonly url: string;
  readonly token: string;
  readonly user: string;
}

/** What `npm start` tells other terminals about the running local stack. */
export interface LocalStackInfo {
  readonly apiUrl: string;
  readonly identityUrl: string;
}

const configDir = () => join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'inbox-triage');
const sessionFile = () => join(configDir(), 'session.json');
const localStackFile = () => join(configDir(), 'local-stack.json');

export async function saveSession(session: AgentSession): Promise<string> {
  const file = sessionFile();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(session, null, 2), { mode: 0o600 });
  return file;
}

export async function loadSession(): Promise<AgentSession> {
  const text = await readFile(sessionFile(), 'utf8').catch(() => undefined);
  if (!text) throw new UsageError("not signed in: run 'triage login USER' first", false);
  return JSON.parse(text) as AgentSession;
}

export async function announceLocalStack(info: LocalStackInfo): Promise<void> {
  await mkdir(configDir(), { recursive: true, mode: 0o700 });
  await writeFile(localStackFile(), JSON.stringify(info, null, 2), { mode: 0o600 });
}

export async function forgetLocalStack(): Promise<void> {
  await rm(localStackFile(), { force: true });
}

export async function runningLocalStack(): Promise<LocalStackInfo | undefined> {
  const text = await readFile(localStackFile(), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as LocalStackInfo) : undefined;
}
