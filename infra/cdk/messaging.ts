import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueName, queues, type TopicName, topics } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';

/** The topology's queues (each with its dead-letter queue) and topics, wired as the local stack wires them. */
export class Messaging extends Construct {
  readonly queue = {} as Record<QueueName, sqs.Queue>;
  readonly deadLetters = {} as Record<QueueName, sqs.Queue>;
  readonly topic = {} as Record<TopicName, sns.Topic>;
  /** Encrypts every topic; SES and CloudWatch may use it to publish (the AWS managed SNS key admits no services). */
  readonly topicKey: kms.Key;

  constructor(scope: Construct, id: string, config: DeployConfig) {
    super(scope, id);
    this.topicKey = new kms.Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Inbox Triage SNS topics' });
    for (const service of ['ses.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      this.topicKey.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      );
    }
    for (const [name, spec] of Object.entries(queues) as Array<[QueueName, (typeof queues)[QueueName]]>) {
      this.deadLetters[name] = new sqs.Queue(this, `${spec.logicalName}Dlq`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(spec.dlqRetentionDays),
      });
      this.queue[name] = new sqs.Queue(this, spec.logicalName, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Longer than the consuming function's timeout, so a slow batch is not redelivered while it still runs.
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: this.deadLetters[name], maxReceiveCount: spec.maxReceiveCount },
      });
    }
    for (const [name, spec] of Object.entries(topics) as Array<[TopicName, (typeof topics)[TopicName]]>) {
      this.topic[name] = new sns.Topic(this, spec.logicalName, { enforceSSL: true, masterKey: this.topicKey });
      for (const q of spec.queueSubscribers) this.topic[name].addSubscription(new subs.SqsSubscription(this.queue[q as QueueName]));
    }
    for (const email of config.alertEmails) this.topic.alerts.addSubscription(new subs.EmailSubscription(email));
  }
}
