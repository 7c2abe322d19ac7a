import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFauxqs } from 'fauxqs';
import { TriageError } from '../../lib/domain/errors.ts';
import { dynamoDbLocalCached, ensureDynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.ts';
import { megabytes, type Progress, silentProgress } from './progress.ts';
import { applySqsCharacterRule } from './sqs-character-rule.ts';

/** Endpoints of the local AWS APIs; plain strings, so a test's global setup can hand them to workers. */
export interface EmulatorEndpoints {
  readonly dynamodb: string;
  /** fauxqs serves SQS, SNS and S3 on one endpoint. */
  readonly sqs: string;
  readonly sns: string;
  readonly s3: string;
  readonly ses: string;
}

export interface RunningEmulators {
  readonly endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (Java), fauxqs (SQS/SNS/S3) and aws-ses-v2-local on
 * free loopback ports, side by side; the first run downloads DynamoDB Local first.
 */
export async function startEmulators(progress: Progress = silentProgress): Promise<RunningEmulators> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    if (!dynamoDbLocalCached()) {
      await progress.step('Downloading DynamoDB Local (first run only)', (update) =>
        ensureDynamoDbLocal((received, total) => update(total > 0 ? `${megabytes(received)} / ${megabytes(total)} MB` : `${megabytes(received)} MB`)),
      );
    }
    await applySqsCharacterRule();
    const names = ['DynamoDB Local', 'fauxqs (SQS, SNS, S3)', 'SES'] as const;
    const started = await progress.step('Starting the emulators', async (update) => {
      const ready = new Set<string>();
      const show = () => update(names.map((n) => (ready.size === names.length ? n : `${n} ${ready.has(n) ? '✓' : '…'}`)).join(', '));
      const track = async <T>(name: (typeof names)[number], start: Promise<T>): Promise<T> => {
        const value = await start;
        ready.add(name);
        show();
        return value;
      };
      show();
      return Promise.allSettled([
        track('DynamoDB Local', startDynamoDbLocal()),
        track('fauxqs (SQS, SNS, S3)', startFauxqs({ port: 0, logger: false, host: 'localhost' })),
        track('SES', startSesLocal()),
      ]).then((results) => {
        // Whatever did start is stopped again if another failed.
        const [d, f, s] = results;
        if (d.status === 'fulfilled') stops.push(d.value.stop);
        if (f.status === 'fulfilled') stops.push(() => f.value.stop());
        if (s.status === 'fulfilled') stops.push(s.value.stop);
        const failed = results.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
        return [d, f, s].map((r) => (r as PromiseFulfilledResult<unknown>).value);
      });
    });
    const [dynamodb, fauxqs, ses] = started as [Awaited<ReturnType<typeof startDynamoDbLocal>>, Awaited<ReturnType<typeof startFauxqs>>, Awaited<ReturnType<typeof startSesLocal>>];
    const fauxqsEndpoint = `http://127.0.0.1:${fauxqs.port}`;
    return {
      endpoints: { dynamodb: dynamodb.endpoint, sqs: fauxqsEndpoint, sns: fauxqsEndpoint, s3: fauxqsEndpoint, ses: ses.endpoint },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startSesLocal(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  // aws-ses-v2-local is CommonJS with a default export; Node's interop nests it one level down.
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: { default?: StartSes } | StartSes };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  if (!start) throw new TriageError('aws-ses-v2-local has no server export');
  const server = await start({ host: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

type StartSes = (config: { host: string; port: number }) => Promise<Server>;
