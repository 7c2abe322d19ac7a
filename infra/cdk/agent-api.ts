import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PUBLIC_PATHS } from '../../functions/agent-api/public-paths.ts';
import { functionRegistry } from '../function-registry.ts';
import { bucket as bucketSpec } from '../topology.ts';
import { type DeployConfig, functionSettingsOf, supportAddressesOf } from './deploy-config.ts';
import { triageFunction } from './triage-function.ts';

const _ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

export interface AgentApiProps {
  readonly config: DeployConfig;
  readonly table: dynamodb.ITableV2;
  readonly outbound: sqs.IQueue;
  /** The raw-mail bucket: agents download attachments through links this function signs. */
  readonly rawMail: s3.IBucket;
}

/**
 * The agents' way in: a Cognito user pool (groups `agent` and `supervisor`,
 * admin-created users only), an HTTP API that checks the pool's ID tokens
 * before any request reaches code (and the function checks them again), with
 * access logs and throttling, and the agent API function behind it.
 */
export class AgentApi extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    const { config, table, outbound } = props;
    const { region } = Stack.of(this);

    this.userPool = new cognito.UserPool(this, 'Agents', {
      // Admins add agents (README "Agents"); nobody signs themselves up to read customer mail.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of ['agent', 'supervisor']) new cognito.CfnUserPoolGroup(this, `${group}Group`, { userPoolId: this.userPool.userPoolId, groupName: group });
    this.client = this.userPool.addClient('Console', { authFlows: { userSrp: true }, idTokenValidity: Duration.hours(8), preventUserExistenceErrors: true });

    const issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    const { agentApi } = functionRegistry;
    const environment = agentApi.environment({
      tableName: table.tableName,
      outboundQueueUrl: outbound.queueUrl,
      alertsTopicArn: '',
      supportAddresses: supportAddressesOf(config),
      auth: { jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: this.client.userPoolClientId },
      settings: functionSettingsOf(config),
    });
    this.function = triageFunction(this, '', { entry: agentApi.entry, spec: agentApi.spec, environment, config, bundle: agentApi.bundle });
    // What the agent stores use: reads, queries on the indexes, conditional puts and updates (transactions are made of these).
    // Never Scan, BatchWriteItem or DeleteItem: the function faces the internet.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'].map((a) => `dynamodb:${a}`),
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      }),
    );
    // …and clearing its own outbox entries once their jobs are queued: DeleteItem on OUTBOX items only.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['OUTBOX'] } },
      }),
    );
    outbound.grantSendMessages(this.function);
    // A presigned link works only if its signer may read the object: GetObject under attachments/ and nothing else.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.rawMail.arnForObjects(`${bucketSpec.attachmentsPrefix}*`)] }));

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.api = new apigw.HttpApi(this, 'Http', {
      description: 'Inbox Triage agent API',
      defaultIntegration: new HttpLambdaIntegration('Agents', this.function),
      defaultAuthorizer: new HttpJwtAuthorizer('Cognito', issuer, { jwtAudience: [this.client.userPoolClientId] }),
      corsPreflight: { allowHeaders: ['authorization', 'content-type'], allowMethods: [apigw.CorsHttpMethod.ANY], allowOrigins: ['*'], maxAge: Duration.hours(1) },
    });
    // The OpenAPI document and its reference page are public: they describe the API, they hold no data.
    for (const path of PUBLIC_PATHS) {
      this.api.addRoutes({
        path,
        methods: [apigw.HttpMethod.GET],
        integration: new HttpLambdaIntegration(`Public${path.replace(/\W/g, '')}`, this.function),
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
    }
    const stage = this.api.defaultStage!.node.defaultChild as apigw.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        user: '$context.authorizer.claims.cognito:username',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
      }),
    };
    // A human clicks a few times a second; a runaway script should not eat the table's capacity.
    stage.defaultRouteSettings = { throttlingBurstLimit: 50, throttlingRateLimit: 20 };

    new CfnOutput(this, 'AgentApiUrl', { value: this.api.apiEndpoint, description: 'The agent API (triage login --url … --token …)' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Add agents here (README "Agents")' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
  }
}
