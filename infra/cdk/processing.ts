import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { foundationModelOf } from '../../lib/classify/second-opinion.ts';
import { bundleOptionsOf, type FunctionWiring, functionRegistry } from '../function-registry.ts';
import { bucket as bucketSpec } from '../topology.ts';
import { type DeployConfig, functionSettingsOf, supportAddressesOf } from './deploy-config.ts';
import type { Messaging } from './messaging.ts';
import { triageFunction } from './triage-function.ts';

const _ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

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
  readonly ingest: lambda.Function;
  readonly mailer: lambda.Function;
  readonly feedback: lambda.Function;
  readonly sla: lambda.Function;
  /** The model an inference profile runs, when the second opinion uses one (its grant names every region). */
  readonly secondOpinionProfileModel: string | undefined;

  constructor(scope: Construct, id: string, props: ProcessingProps) {
    super(scope, id);
    const { config, table, rawMail, messaging } = props;
    const { queue, topic } = messaging;
    const wiring: FunctionWiring = {
      tableName: table.tableName,
      outboundQueueUrl: queue.outbound.queueUrl,
      alertsTopicArn: topic.alerts.topicArn,
      supportAddresses: supportAddressesOf(config),
      sesConfigurationSet: props.configurationSet.configurationSetName,
      templateBucket: rawMail.bucketName,
      settings: functionSettingsOf(config),
    };
    const fn = (name: 'ingest' | 'mailer' | 'feedback' | 'sla') => {
      const f = functionRegistry[name];
      const { entry, spec } = f;
      return triageFunction(this, spec.logicalName, { entry, spec, environment: f.environment(wiring), config, bundle: bundleOptionsOf(f) });
    };

    const { ingest, mailer, feedback } = functionRegistry;
    // Each function gets the table actions its stores use, never Scan, BatchWriteItem or a whole-table DeleteItem.
    const grantTable = (fn: lambda.Function, actions: readonly string[], options: { indexes?: boolean; leadingKeys?: readonly string[] } = {}) =>
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: actions.map((a) => `dynamodb:${a}`),
          resources: [table.tableArn, ...(options.indexes ? [`${table.tableArn}/index/*`] : [])],
          ...(options.leadingKeys ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...options.leadingKeys] } } } : {}),
        }),
      );
    // Reading raw mail under one prefix: GetObject there and nothing else (no listing of the bucket).
    const grantObjects = (fn: lambda.Function, actions: readonly string[], prefix: string) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: actions.map((a) => `s3:${a}`), resources: [rawMail.arnForObjects(`${prefix}*`)] }));

    this.ingest = fn('ingest');
    grantTable(this.ingest, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem']);
    grantObjects(this.ingest, ['GetObject'], bucketSpec.inboundPrefix);
    grantObjects(this.ingest, ['PutObject', 'AbortMultipartUpload'], bucketSpec.attachmentsPrefix);
    queue.outbound.grantSendMessages(this.ingest);
    topic.alerts.grantPublish(this.ingest); // unreadable mail that opens no ticket is reported, never dropped
    this.ingest.addEventSource(new SqsEventSource(queue.inbound, { batchSize: ingest.spec.batchSize, reportBatchItemFailures: true }));
    // The second opinion, when enabled: that one model, through Converse (which Bedrock authorises as InvokeModel).
    const modelId = config.secondOpinion?.enabled ? config.secondOpinion.modelId : undefined;
    for (const grant of modelId ? bedrockGrants(Stack.of(this), modelId) : []) this.ingest.addToRolePolicy(grant);
    const runs = modelId ? foundationModelOf(modelId) : undefined;
    this.secondOpinionProfileModel = runs?.viaProfile ? runs.model : undefined;

    this.mailer = fn('mailer');
    // Releasing a claim is an update of the job's item: the mailer deletes nothing.
    grantTable(this.mailer, ['GetItem', 'Query', 'PutItem', 'UpdateItem']);
    topic.alerts.grantPublish(this.mailer);
    grantObjects(this.mailer, ['GetObject'], bucketSpec.templatesPrefix);
    this.mailer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [rawMail.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${bucketSpec.templatesPrefix}*`] } },
      }),
    );
    // Replies come only from the support addresses: SES checks the identity (the address or its verified domain),
    // and the condition pins the From address, so a domain identity does not let the mailer write as ceo@ that domain.
    const { region, account } = Stack.of(this);
    const support = supportAddressesOf(config);
    const identities = new Set([...config.recipients.map((r) => r.toLowerCase()), ...support].flatMap((r) => (r.includes('@') ? [r, r.split('@')[1]!] : [r])));
    this.mailer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          ...[...identities].map((identity) => `arn:aws:ses:${region}:${account}:identity/${identity}`),
          `arn:aws:ses:${region}:${account}:configuration-set/${props.configurationSet.configurationSetName}`,
        ],
        conditions: { StringEquals: { 'ses:FromAddress': support } },
      }),
    );
    // Few mailers at once keep us within the SES sending rate (config.mailerConcurrency; the SQS minimum is 2).
    this.mailer.addEventSource(new SqsEventSource(queue.outbound, { batchSize: mailer.spec.batchSize, reportBatchItemFailures: true, maxConcurrency: config.mailerConcurrency }));

    this.feedback = fn('feedback');
    grantTable(this.feedback, ['PutItem'], { leadingKeys: ['SUPPRESS#*'] });
    this.feedback.addEventSource(new SqsEventSource(queue.feedback, { batchSize: feedback.spec.batchSize, reportBatchItemFailures: true }));

    this.sla = fn('sla');
    grantTable(this.sla, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], { indexes: true });
    // Relaying an agent action's outbox deletes the entry once its jobs are queued: DeleteItem on OUTBOX items only.
    grantTable(this.sla, ['DeleteItem'], { leadingKeys: ['OUTBOX'] });
    queue.outbound.grantSendMessages(this.sla);
    new events.Rule(this, 'SlaEveryMinute', {
      schedule: events.Schedule.rate(Duration.minutes(functionRegistry.sla.spec.everyMinutes)),
      targets: [new targets.LambdaFunction(this.sla)],
    });
  }

  get all(): lambda.Function[] {
    return [this.ingest, this.mailer, this.feedback, this.sla];
  }
}

/**
 * What invoking one model needs: the foundation model in this region; or an inference profile, and the foundation
 * model it routes to in the regions it may pick, only when called through that profile.
 */
function bedrockGrants(stack: Stack, modelId: string): iam.PolicyStatement[] {
  const { model, viaProfile } = foundationModelOf(modelId);
  const foundation = (region: string) => `arn:${stack.partition}:bedrock:${region}::foundation-model/${model}`;
  if (!viaProfile) return [new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [foundation(stack.region)] })];
  const profileArn = `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:inference-profile/${modelId}`;
  return [
    new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [profileArn] }),
    new iam.PolicyStatement({
      actions: ['bedrock:InvokeModel'],
      resources: [foundation('*')],
      conditions: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
    }),
  ];
}
