import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SERVICE_NAME } from '../../lib/telemetry.ts';
import { BUNDLING } from '../bundling.ts';
import { definedEnvironment } from '../function-registry.ts';
import type { DeployConfig } from './deploy-config.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/**
 * Every function of the stack the same way: Node 22 on ARM64, X-Ray, a
 * retained log group, minified ESM bundles with source maps (stack traces
 * point into the TypeScript), Powertools' service name and log level.
 */
export function triageFunction(
  scope: Construct,
  id: string,
  props: { entry: string; spec: { memoryMb: number; timeoutSeconds: number }; environment: Record<string, string | undefined>; config: DeployConfig },
): NodejsFunction {
  return new NodejsFunction(scope, `${id}Function`, {
    entry: join(ROOT, props.entry),
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
    bundling: {
      target: BUNDLING.target,
      minify: BUNDLING.minify,
      sourceMap: BUNDLING.sourceMap,
      sourcesContent: BUNDLING.sourcesContent,
      format: BUNDLING.format as never,
      mainFields: [...BUNDLING.mainFields],
      banner: BUNDLING.banner,
      externalModules: [...BUNDLING.externalModules],
    },
  });
}
