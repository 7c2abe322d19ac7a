import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SERVICE_NAME } from '../../lib/telemetry.ts';
import { BUNDLING } from '../bundling.ts';
import type { BundleOptions } from '../esbuild-bundle.ts';
import { definedEnvironment } from '../function-registry.ts';
import type { DeployConfig } from './deploy-config.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/**
 * Every function of the stack the same way: Node 22 on ARM64, X-Ray, a
 * retained log group, minified ESM bundles with source maps (stack traces
 * point into the TypeScript), Powertools' service name and log level.
 * The bundle is infra/esbuild-bundle.ts's, the one bench:bundles measures:
 * NodejsFunction's own bundling cannot run esbuild plugins.
 */
export function triageFunction(
  scope: Construct,
  id: string,
  props: {
    entry: string;
    spec: { memoryMb: number; timeoutSeconds: number };
    environment: Record<string, string | undefined>;
    config: DeployConfig;
    bundle?: BundleOptions;
  },
): lambda.Function {
  return new lambda.Function(scope, `${id}Function`, {
    code: bundledCode(props.entry, props.bundle ?? {}),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.spec.memoryMb,
    timeout: Duration.seconds(props.spec.timeoutSeconds),
    tracing: lambda.Tracing.ACTIVE,
    environment: {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_LOG_LEVEL: props.config.logLevel,
      NODE_OPTIONS: BUNDLING.nodeOptions,
      ...definedEnvironment(props.environment),
    },
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN }),
  });
}

/**
 * The function's bundle, built on this machine by infra/bundle-function.ts (CDK runs on Node.js, so the local
 * build always can; the image CDK requires is a stub that says so). The asset's hash is the bundle's: a change
 * anywhere in what the function imports deploys it, and nothing else does.
 */
function bundledCode(entry: string, options: BundleOptions): lambda.Code {
  const script = 'infra/bundle-function.ts';
  const args = [entry, ...(options.zodJsonSchema ? ['--zod-json-schema'] : [])];
  return lambda.Code.fromAsset(ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: lambda.Runtime.NODEJS_22_X.bundlingImage,
      command: ['sh', '-c', `echo "bundle locally: node --import tsx ${script} ${args[0]} OUTDIR ${args.slice(1).join(' ')}" && exit 1`],
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, script), args[0]!, outputDir, ...args.slice(1)], { cwd: ROOT, stdio: 'inherit' });
          return true;
        },
      },
    },
  });
}
