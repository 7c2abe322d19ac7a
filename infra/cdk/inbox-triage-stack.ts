import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AgentApi } from './agent-api.ts';
import { AgentConsole } from './agent-console.ts';
import type { DeployConfig } from './deploy-config.ts';
import { Messaging } from './messaging.ts';
import { Observability } from './observability.ts';
import { Processing } from './processing.ts';
import { Receiving } from './receiving.ts';
import { Storage } from './storage.ts';

/**
 * The whole pipeline, built from the same topology as the local stack:
 * storage, messaging (queues and topics), receiving (SES), processing (the
 * functions), observability (alarms, dashboard) and the agent API (an HTTP
 * API behind a Cognito user pool) and the agent console (S3 + CloudFront).
 */
export class InboxTriageStack extends Stack {
  readonly storage: Storage;
  readonly messaging: Messaging;
  readonly receiving: Receiving;
  readonly processing: Processing;
  readonly observability: Observability;
  readonly agentApi: AgentApi;
  readonly agentConsole: AgentConsole;

  constructor(
    scope: Construct,
    id: string,
    readonly config: DeployConfig,
    props?: StackProps,
  ) {
    super(scope, id, props);
    this.storage = new Storage(this, 'Storage', config);
    this.messaging = new Messaging(this, 'Messaging', config);
    this.receiving = new Receiving(this, 'Receiving', {
      config,
      rawMail: this.storage.rawMail,
      inboundMail: this.messaging.topic.inboundMail,
      sesFeedback: this.messaging.topic.sesFeedback,
    });
    this.processing = new Processing(this, 'Processing', {
      config,
      table: this.storage.table,
      rawMail: this.storage.rawMail,
      messaging: this.messaging,
      configurationSet: this.receiving.configurationSet,
    });
    this.agentApi = new AgentApi(this, 'AgentApi', { config, table: this.storage.table, outbound: this.messaging.queue.outbound, rawMail: this.storage.rawMail });
    this.agentConsole = new AgentConsole(this, 'AgentConsole', {
      userPool: this.agentApi.userPool,
      client: this.agentApi.client,
      api: this.agentApi.api,
      accessLogs: this.storage.accessLogs,
    });
    this.observability = new Observability(this, 'Observability', {
      config,
      topicKey: this.messaging.topicKey,
      inbound: this.messaging.queue.inbound,
      deadLetters: this.messaging.deadLetters,
      functions: [...this.processing.all, this.agentApi.function],
    });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.messaging.topic.alerts.topicArn, description: 'Subscribe supervisors, security and legal here' });
    new CfnOutput(this, 'OpsTopicArn', { value: this.observability.ops.topicArn, description: 'Subscribe on-call here: every alarm publishes to it' });
    new CfnOutput(this, 'RawMailBucket', { value: this.storage.rawMail.bucketName, description: 'Raw mail (inbound/), attachments, and template overrides (templates/)' });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
  }
}
