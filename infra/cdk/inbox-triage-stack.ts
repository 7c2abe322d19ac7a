import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { bucket as bucketSpec, functions, type QueueName, queues, scheduledFunctions, table as tableSpec, type TopicName, topics } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** The whole pipeline in one stack, built from the same topology as the local stack. */
export class InboxTriageStack extends Stack {
  constructor(scope: Construct, id: string, config: DeployConfig, props?: StackProps) {
    super(scope, id, props);

    const table = new dynamodb.TableV2(this, tableSpec.logicalName, {
      partitionKey: { name: tableSpec.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSpec.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      timeToLiveAttribute: tableSpec.ttlAttribute,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: tableSpec.globalIndexes.map((i) => ({
        indexName: i.indexName,
        partitionKey: { name: i.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: i.sortKey, type: dynamodb.AttributeType.STRING },
      })),
    });

    const rawMail = new s3.Bucket(this, bucketSpec.logicalName, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: bucketSpec.inboundPrefix, expiration: Duration.days(config.rawMailRetentionDays) },
        { prefix: bucketSpec.attachmentsPrefix, expiration: Duration.days(config.rawMailRetentionDays) },
      ],
    });

    // Operators hear about anything stuck: every alarm goes to this topic (subscribe on-call to it).
    const ops = new sns.Topic(this, 'Ops', { enforceSSL: true });
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) =>
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new cwActions.SnsAction(ops));

    const queue = {} as Record<QueueName, sqs.Queue>;
    for (const [name, spec] of Object.entries(queues) as Array<[QueueName, (typeof queues)[QueueName]]>) {
      const dlq = new sqs.Queue(this, `${spec.logicalName}Dlq`, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(spec.dlqRetentionDays) });
      queue[name] = new sqs.Queue(this, spec.logicalName, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Longer than the consuming function's timeout, so a slow batch is not redelivered while it still runs.
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      alarm(`${spec.logicalName}DlqNotEmpty`, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }), 1, `A ${name} message failed ${spec.maxReceiveCount} times and waits in its DLQ with its error logged.`);
    }
    alarm('InboundOldestMessage', queue.inbound.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }), 300, 'Inbound mail has waited more than 5 minutes: ingest is stuck or failing.');

    const topic = {} as Record<TopicName, sns.Topic>;
    for (const [name, spec] of Object.entries(topics) as Array<[TopicName, (typeof topics)[TopicName]]>) {
      topic[name] = new sns.Topic(this, spec.logicalName, { enforceSSL: true });
      for (const q of spec.queueSubscribers) topic[name].addSubscription(new subs.SqsSubscription(queue[q as QueueName]));
    }
    for (const email of config.alertEmails) topic.alerts.addSubscription(new subs.EmailSubscription(email));

    // SES receiving: spam and virus scanning on, TLS required; raw MIME to S3, then the notification.
    const ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRuleSet');
    ruleSet.addRule('Inbound', {
      recipients: config.recipients,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [new sesActions.S3({ bucket: rawMail, objectKeyPrefix: bucketSpec.inboundPrefix, topic: topic.inboundMail })],
    });

    const common = {
      TABLE_NAME: table.tableName,
      ...(config.sla ? { SLA_CONFIG: JSON.stringify(config.sla) } : {}),
      POWERTOOLS_SERVICE_NAME: 'inbox-triage',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    const fn = (logical: string, entry: string, memoryMb: number, timeoutSeconds: number, environment: Record<string, string>) =>
      new NodejsFunction(this, `${logical}Function`, {
        entry: join(ROOT, entry),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: memoryMb,
        timeout: Duration.seconds(timeoutSeconds),
        tracing: lambda.Tracing.ACTIVE,
        environment: { ...common, ...environment },
        logGroup: new logs.LogGroup(this, `${logical}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN }),
        bundling: { minify: true, sourceMap: true, format: 'esm' as never, mainFields: ['module', 'main'], banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      });

    const ingest = fn(functions.ingest.logicalName, 'functions/ingest/handler.ts', functions.ingest.memoryMb, functions.ingest.timeoutSeconds, { OUTBOUND_QUEUE_URL: queue.outbound.queueUrl });
    table.grantReadWriteData(ingest);
    rawMail.grantRead(ingest, `${bucketSpec.inboundPrefix}*`);
    rawMail.grantPut(ingest, `${bucketSpec.attachmentsPrefix}*`);
    queue.outbound.grantSendMessages(ingest);
    ingest.addEventSource(new SqsEventSource(queue.inbound, { batchSize: functions.ingest.batchSize, reportBatchItemFailures: true }));

    const mailer = fn(functions.mailer.logicalName, 'functions/mailer/handler.ts', functions.mailer.memoryMb, functions.mailer.timeoutSeconds, {
      ALERTS_TOPIC_ARN: topic.alerts.topicArn,
      TEAM_NAME: config.teamName,
      TEAM_TIME_ZONE: config.teamTimeZone,
    });
    table.grantReadWriteData(mailer);
    topic.alerts.grantPublish(mailer);
    mailer.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendRawEmail'], resources: [`arn:aws:ses:${this.region}:${this.account}:identity/*`] }));
    // At most two mailers at once keeps us within the SES sending rate of a new account.
    mailer.addEventSource(new SqsEventSource(queue.outbound, { batchSize: functions.mailer.batchSize, reportBatchItemFailures: true, maxConcurrency: 2 }));

    const feedback = fn(functions.feedback.logicalName, 'functions/feedback/handler.ts', functions.feedback.memoryMb, functions.feedback.timeoutSeconds, {});
    table.grantWriteData(feedback);
    feedback.addEventSource(new SqsEventSource(queue.feedback, { batchSize: functions.feedback.batchSize, reportBatchItemFailures: true }));

    const sla = fn(scheduledFunctions.sla.logicalName, 'functions/sla/handler.ts', scheduledFunctions.sla.memoryMb, scheduledFunctions.sla.timeoutSeconds, {
      OUTBOUND_QUEUE_URL: queue.outbound.queueUrl,
    });
    table.grantReadWriteData(sla);
    queue.outbound.grantSendMessages(sla);
    for (const f of [ingest, mailer, feedback, sla]) {
      alarm(`${f.node.id}Errors`, f.metricErrors({ period: Duration.minutes(5) }), 1, `${f.node.id} threw errors in the last 5 minutes.`);
    }
    alarm('SlaBreaches', new cloudwatch.Metric({ namespace: 'InboxTriage', metricName: 'SlaBreached', statistic: 'Sum', period: Duration.minutes(5) }), 1, 'An SLA target was breached.');

    new events.Rule(this, 'SlaEveryMinute', { schedule: events.Schedule.rate(Duration.minutes(scheduledFunctions.sla.everyMinutes)), targets: [new targets.LambdaFunction(sla)] });
  }
}
