import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { z } from 'zod';
import type { FeedbackEnvSchema, IngestEnvSchema, MailerEnvSchema, SlaEnvSchema } from '../../lib/config/function-env.ts';
import { SERVICE_NAME } from '../../lib/telemetry.ts';
import { bucket as bucketSpec, functions, scheduledFunctions } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';
import type { Messaging } from './messaging.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** A function's environment, typed by the zod schema that validates it at cold start. */
type EnvOf<S extends z.ZodType> = { [K in keyof z.input<S>]?: string };

export interface ProcessingProps {
  readonly config: DeployConfig;
  readonly table: dynamodb.ITableV2;
  readonly rawMail: s3.IBucket;
  readonly messaging: Messaging;
  readonly configurationSet: ses.IConfigurationSet;
}

/**
 * The four functions, each with only the grants it needs. Sizes (topology.ts):
 * ingest 1024 MB / 60 s parses up to 40 MB of MIME in memory and gets the CPU
 * share that comes with the memory; mailer 256 MB / 30 s renders and sends one
 * small message at a time; feedback 256 MB / 20 s writes a few items; the sweeper 512 MB / 60 s
 * fires hundreds of timers a minute.
 */
export class Processing extends Construct {
  readonly ingest: NodejsFunction;
  readonly mailer: NodejsFunction;
  readonly feedback: NodejsFunction;
  readonly sla: NodejsFunction;

  constructor(scope: Construct, id: string, props: ProcessingProps) {
    super(scope, id);
    const { config, table, rawMail, messaging } = props;
    const { queue, topic } = messaging;
    const common = {
      TABLE_NAME: table.tableName,
      ...(config.sla ? { SLA_CONFIG: JSON.stringify(config.sla) } : {}),
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_LOG_LEVEL: config.logLevel,
      // Stack traces point into the TypeScript sources (the bundles ship source maps).
      NODE_OPTIONS: '--enable-source-maps',
    };
    const fn = (logical: string, entry: string, spec: { memoryMb: number; timeoutSeconds: number }, environment: Record<string, string | undefined>) =>
      new NodejsFunction(this, `${logical}Function`, {
        entry: join(ROOT, entry),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        tracing: lambda.Tracing.ACTIVE,
        environment: { ...common, ...(Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined)) as Record<string, string>) },
        logGroup: new logs.LogGroup(this, `${logical}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN }),
        bundling: { minify: true, sourceMap: true, format: 'esm' as never, mainFields: ['module', 'main'], banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      });

    this.ingest = fn(functions.ingest.logicalName, 'functions/ingest/handler.ts', functions.ingest, {
      OUTBOUND_QUEUE_URL: queue.outbound.queueUrl,
      DEFAULT_LOCALE: config.defaultLocale,
    } satisfies EnvOf<typeof IngestEnvSchema>);
    table.grantReadWriteData(this.ingest);
    rawMail.grantRead(this.ingest, `${bucketSpec.inboundPrefix}*`);
    rawMail.grantPut(this.ingest, `${bucketSpec.attachmentsPrefix}*`);
    queue.outbound.grantSendMessages(this.ingest);
    this.ingest.addEventSource(new SqsEventSource(queue.inbound, { batchSize: functions.ingest.batchSize, reportBatchItemFailures: true }));

    this.mailer = fn(functions.mailer.logicalName, 'functions/mailer/handler.ts', functions.mailer, {
      ALERTS_TOPIC_ARN: topic.alerts.topicArn,
      TEAM_NAME: config.teamName,
      TEAM_TIME_ZONE: config.teamTimeZone,
      SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
      NOTICE_LOCALE: config.noticeLocale,
      TEMPLATE_BUCKET: rawMail.bucketName,
      TEMPLATE_PREFIX: bucketSpec.templatesPrefix,
    } satisfies EnvOf<typeof MailerEnvSchema>);
    table.grantReadWriteData(this.mailer);
    topic.alerts.grantPublish(this.mailer);
    rawMail.grantRead(this.mailer, `${bucketSpec.templatesPrefix}*`);
    // Replies come from the address the customer wrote to: only the configured recipients and their domains.
    const { region, account } = Stack.of(this);
    const identities = new Set(config.recipients.flatMap((r) => (r.includes('@') ? [r, r.split('@')[1]!] : [r])).map((r) => r.toLowerCase()));
    this.mailer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          ...[...identities].map((identity) => `arn:aws:ses:${region}:${account}:identity/${identity}`),
          `arn:aws:ses:${region}:${account}:configuration-set/${props.configurationSet.configurationSetName}`,
        ],
      }),
    );
    // Few mailers at once keep us within the SES sending rate (config.mailerConcurrency; the SQS minimum is 2).
    this.mailer.addEventSource(new SqsEventSource(queue.outbound, { batchSize: functions.mailer.batchSize, reportBatchItemFailures: true, maxConcurrency: config.mailerConcurrency }));

    this.feedback = fn(functions.feedback.logicalName, 'functions/feedback/handler.ts', functions.feedback, {} satisfies EnvOf<typeof FeedbackEnvSchema>);
    table.grantWriteData(this.feedback);
    this.feedback.addEventSource(new SqsEventSource(queue.feedback, { batchSize: functions.feedback.batchSize, reportBatchItemFailures: true }));

    this.sla = fn(scheduledFunctions.sla.logicalName, 'functions/sla/handler.ts', scheduledFunctions.sla, {
      OUTBOUND_QUEUE_URL: queue.outbound.queueUrl,
    } satisfies EnvOf<typeof SlaEnvSchema>);
    table.grantReadWriteData(this.sla);
    queue.outbound.grantSendMessages(this.sla);
    new events.Rule(this, 'SlaEveryMinute', { schedule: events.Schedule.rate(Duration.minutes(scheduledFunctions.sla.everyMinutes)), targets: [new targets.LambdaFunction(this.sla)] });
  }

  get all(): NodejsFunction[] {
    return [this.ingest, this.mailer, this.feedback, this.sla];
  }
}
