import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFauxqs } from 'fauxqs';
import { TriageError } from '../../lib/domain/errors.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
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

/** Starts DynamoDB Local (Java), fauxqs (SQS/SNS/S3) and aws-ses-v2-local on free loopback ports. */
export async function startEmulators(): Promise<RunningEmulators> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    await applySqsCharacterRule();
    const [dynamodb, fauxqs, ses] = await Promise.all([startDynamoDbLocal(), startFauxqs({ port: 0, logger: false, host: 'localhost' }), startSesLocal()]);
    stops.push(dynamodb.stop, () => fauxqs.stop(), ses.stop);
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
