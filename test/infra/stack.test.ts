import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../infra/cdk/deploy-config.ts';
import { InboxTriageStack } from '../../infra/cdk/inbox-triage-stack.ts';
import { acknowledgeNagFindings } from '../../infra/cdk/nag-acknowledgements.ts';
import { queues } from '../../infra/topology.ts';

let template: Template;

// Each app synthesises into a folder of its own under one root, removed after the tests (CDK's default is a new
// /tmp/cdk.out… folder per app, never removed).
const outRoot = mkdtempSync(join(tmpdir(), 'inbox-triage-stack-test-'));
let apps = 0;
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** An app that skips asset bundling: these tests read the template, not the bundles (npm run synth builds those). */
function testApp(): App {
  apps += 1;
  return new App({ outdir: join(outRoot, `app-${apps}`), context: { 'aws:cdk:bundling-stacks': [] } });
}

/** Statements of the role of the function whose logical id starts with `prefix`. */
function statementsOf(prefix: string): Array<{ Action: string | string[]; Resource: unknown }> {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(`Processing${prefix}`));
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const FULL_CONFIG = {
  recipients: ['support@example.com', 'help.example.org'],
  senderDomain: 'example.com',
  alertEmails: ['boss@example.com'],
  opsEmails: ['oncall@example.com'],
  activateRuleSet: true,
  accessLogs: true,
  noticeLocale: 'zh-Hant',
};

/** Synthesises an app with the AwsSolutions checks on; returns the error synth raised, if any. */
function synthWithNag(build: (app: App) => void): string | undefined {
  const app = testApp();
  build(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The IAM actions granted to the role of the function whose logical id starts with `prefix`. */
function actionsOf(prefix: string): string[] {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(`Processing${prefix}`));
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`));
  return policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()));
}

describe('CDK stack (synthesised from the topology)', () => {
  beforeAll(() => {
    const app = testApp();
    const stack = new InboxTriageStack(app, 'Test', parseDeployConfig(FULL_CONFIG), {
      env: { account: '111122223333', region: 'eu-west-1' },
    });
    template = Template.fromStack(stack);
  }, 120_000);

  it('gives every queue a dead-letter queue and encrypts it', () => {
    const all = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(all).toHaveLength(Object.keys(queues).length * 2);
    const withRedrive = all.filter((q) => q.Properties.RedrivePolicy);
    expect(withRedrive).toHaveLength(Object.keys(queues).length);
    for (const q of all) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('alarms on every dead-letter queue, function errors and stuck inbound mail, routed to the ops topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const onDlq = alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(onDlq).toHaveLength(Object.keys(queues).length);
    // the four pipeline functions and the agent API
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(5);
    expect(alarms.some((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')).toBe(true);
    expect(alarms.some((a) => a.Properties.MetricName === 'Reputation.BounceRate')).toBe(true);
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
  });

  it('alarms on SLA breaches and rejected sends summed over the queues, with the dimensions the functions write', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const name of ['SlaBreached', 'SendRejected']) {
      const alarm = alarms.find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes(`"${name}"`));
      expect(alarm, name).toBeDefined();
      const metrics = (alarm!.Properties.Metrics as Array<{ MetricStat?: { Metric: { Dimensions: Array<{ Name: string; Value: string }> } } }>).filter((m) => m.MetricStat);
      expect(metrics.map((m) => m.MetricStat!.Metric.Dimensions.find((d) => d.Name === 'queue')?.Value).sort()).toEqual(['complaint', 'routine', 'rude', 'threat']);
      for (const m of metrics) expect(m.MetricStat!.Metric.Dimensions).toContainEqual({ Name: 'service', Value: 'inbox-triage' });
    }
  });

  it('has a dashboard of volume per queue, SLA attainment and receipt-to-reply latency', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const text of ['New tickets per queue', 'TicketsCreated', 'SLA attainment', 'SlaBreached', 'Receipt to first reply', 'AcknowledgementLatency', 'p95'])
      expect(body).toContain(text);
  });

  it('encrypts every topic with the stack key, which SES and CloudWatch may use to publish', () => {
    const topics = Object.values(template.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(4); // inbound mail, alerts, SES feedback, ops
    for (const t of topics) expect(t.Properties.KmsMasterKeyId).toBeDefined();
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const principals = JSON.stringify(key?.Properties.KeyPolicy);
    expect(principals).toContain('ses.amazonaws.com');
    expect(principals).toContain('cloudwatch.amazonaws.com');
    expect(key?.Properties.EnableKeyRotation).toBe(true);
  });

  it('sends bounces and complaints to the feedback topic and lets the mailer send only as the configured identities', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: Match.anyValue() }),
    });
    const send = statementsOf('MailerFunction').find((s) => [s.Action].flat().includes('ses:SendRawEmail'));
    const resources = JSON.stringify(send?.Resource);
    for (const identity of ['identity/support@example.com', 'identity/example.com', 'identity/help.example.org', 'configuration-set/']) expect(resources).toContain(identity);
    expect(resources).not.toContain('identity/*');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TEMPLATE_PREFIX: 'templates/', NOTICE_LOCALE: 'zh-Hant', SES_CONFIGURATION_SET: Match.anyValue() }) },
    });
  });

  it('lets the mailer send only from the support addresses, not from any address of a verified domain', () => {
    const send = statementsOf('MailerFunction').find((s) => [s.Action].flat().includes('ses:SendRawEmail'));
    expect((send as { Condition?: unknown } | undefined)?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': ['support@example.com'] } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SUPPORT_ADDRESSES: 'support@example.com', TEMPLATE_PREFIX: 'templates/' }) },
    });
  });

  it('activates the rule set only when asked, and creates the DKIM identity for the sender domain', () => {
    const [activation] = Object.values(template.findResources('Custom::AWS'));
    expect(JSON.stringify(activation?.Properties.Create)).toContain('setActiveReceiptRuleSet');
    expect(JSON.stringify(activation?.Properties.Delete)).toContain('setActiveReceiptRuleSet'); // deactivated on teardown
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    const plain = Template.fromStack(
      new InboxTriageStack(testApp(), 'Plain', parseDeployConfig({ recipients: ['support@example.com'] }), { env: { account: '111122223333', region: 'eu-west-1' } }),
    );
    expect(Object.keys(plain.findResources('Custom::AWS'))).toHaveLength(0);
    expect(Object.keys(plain.findResources('AWS::SES::EmailIdentity'))).toHaveLength(0);
  });

  it('serves the agent console from a private bucket through CloudFront (origin access control) with its security headers and hosted-UI sign-in', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const consoleBucket = Object.entries(buckets).find(([id]) => id.startsWith('AgentConsoleFiles'));
    expect(consoleBucket?.[1].Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    // Only CloudFront, and only for this distribution, may read the files
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket).includes(consoleBucket![0]));
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('cloudfront.amazonaws.com');
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('AWS:SourceArn');

    const headers = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["frame-ancestors 'none'", "script-src 'self'", "default-src 'none'", 'connect-src', '.amazoncognito.com']) expect(csp).toContain(directive);
    expect(csp).toContain('AgentApiHttp'); // the API's own endpoint, nothing wider
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });

    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentConsoleCdn'), 'DomainName'] }, '/']] }],
      GenerateSecret: Match.absent(),
    });

    // A redeploy refreshes the page agents load (`/` too) and keeps earlier builds' hashed scripts for cached pages
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/', '/index.html', '/config.json'], Prune: false });
  });

  it('passes the AwsSolutions checks with every finding acknowledged for a reason, and fails on a new one', () => {
    const env = { account: '111122223333', region: 'eu-west-1' };
    for (const config of [{ recipients: ['support@example.com'] }, FULL_CONFIG]) {
      expect(synthWithNag((app) => acknowledgeNagFindings(new InboxTriageStack(app, 'Nag', parseDeployConfig(config), { env })))).toBeUndefined();
    }
    const failure = synthWithNag((app) => {
      const stack = new InboxTriageStack(app, 'Nag', parseDeployConfig({ recipients: ['support@example.com'] }), { env });
      acknowledgeNagFindings(stack);
      new sqs.Queue(stack, 'Naked', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    });
    // The unencrypted queue is what fails the synth, by cdk-nag's rule for queue encryption.
    expect(failure).toMatch(/AwsSolutions-SQS2/);
    expect(failure).toContain('Naked');
  });

  it('runs every function on ARM64 and Node 22, with partial batch failures on every queue trigger', () => {
    const fns = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => id.startsWith('Processing'))
      .map(([, f]) => f);
    expect(fns).toHaveLength(4);
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
    }
    for (const m of Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))) {
      expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('scans for spam and viruses, requires TLS, and stores to S3 with the notification', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Recipients: ['support@example.com', 'help.example.org'],
        Actions: [Match.objectLike({ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/', TopicArn: Match.anyValue() }) })],
      }),
    });
    // SES may write raw mail to the bucket and publish the notification to the inbound topic.
    expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).toContain('ses.amazonaws.com');
    const inboundTopic = Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('MessagingInboundMail'));
    const inboundPolicy = Object.values(template.findResources('AWS::SNS::TopicPolicy')).find((p) => JSON.stringify(p.Properties.Topics).includes(`"${inboundTopic}"`));
    expect(JSON.stringify(inboundPolicy?.Properties.PolicyDocument)).toContain('ses.amazonaws.com');
  });

  it('encrypts and locks down storage', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', Match.objectLike({ SSESpecification: Match.objectLike({ SSEEnabled: true }) }));
    template.hasResourceProperties(
      'AWS::S3::Bucket',
      Match.objectLike({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } }),
    );
  });

  it('asks Bedrock for a second opinion only when enabled: then ingest may invoke that one model, and reads its settings', () => {
    expect(actionsOf('IngestFunction').some((a) => a.startsWith('bedrock:'))).toBe(false);
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.some((f) => JSON.stringify(f.Properties.Environment ?? {}).includes('SECOND_OPINION'))).toBe(false);

    const enabled = (modelId: string) => {
      const config = parseDeployConfig({ ...FULL_CONFIG, secondOpinion: { enabled: true, modelId, monthlyBudgetUsd: 25 } });
      let stack: InboxTriageStack | undefined;
      const error = synthWithNag((app) => {
        stack = new InboxTriageStack(app, 'WithBedrock', config, { env: { account: '111122223333', region: 'eu-west-1' } });
        acknowledgeNagFindings(stack);
      });
      expect(error).toBeUndefined();
      const synthesised = Template.fromStack(stack!);
      const roles = synthesised.findResources('AWS::IAM::Role');
      const roleIds = Object.keys(roles).filter((id) => id.startsWith('Processing'));
      const bedrock = Object.values(synthesised.findResources('AWS::IAM::Policy')).flatMap((p) =>
        (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
          .filter((st) => [st.Action].flat().some((a) => a.startsWith('bedrock:')))
          .map((st) => ({
            roles: JSON.stringify(p.Properties.Roles),
            action: st.Action,
            resource: JSON.stringify(st.Resource),
            condition: JSON.stringify((st as { Condition?: unknown }).Condition ?? null),
          })),
      );
      const ingestRole = roleIds.find((id) => id.startsWith('ProcessingIngestFunction'));
      expect(bedrock.every((b) => b.roles.includes(`"${ingestRole}"`))).toBe(true);
      const env = Object.values(synthesised.findResources('AWS::Lambda::Function'))
        .map((f) => f.Properties.Environment?.Variables?.SECOND_OPINION)
        .filter(Boolean);
      return { bedrock, env };
    };
    const direct = enabled('amazon.nova-micro-v1:0');
    expect(direct.bedrock).toHaveLength(1);
    expect(direct.bedrock[0]?.action).toBe('bedrock:InvokeModel');
    expect(direct.bedrock[0]?.resource).toContain(':bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0');
    expect(direct.env).toHaveLength(1);
    expect(JSON.parse(direct.env[0])).toMatchObject({ modelId: 'amazon.nova-micro-v1:0', monthlyBudgetUsd: 25 });
    expect(JSON.parse(direct.env[0])).not.toHaveProperty('enabled');

    const profile = enabled('eu.amazon.nova-micro-v1:0');
    expect(profile.bedrock).toHaveLength(2);
    expect(profile.bedrock[0]?.resource).toContain(':bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-micro-v1:0');
    expect(profile.bedrock[0]?.condition).toBe('null');
    // The model itself, in any region, only through that profile.
    expect(profile.bedrock[1]?.resource).toContain(':bedrock:*::foundation-model/amazon.nova-micro-v1:0');
    expect(profile.bedrock[1]?.condition).toContain('bedrock:InferenceProfileArn');
    expect(profile.bedrock[1]?.condition).toContain('inference-profile/eu.amazon.nova-micro-v1:0');
  }, 120_000);

  it('keeps each function to what it needs: ingest cannot send mail, the mailer cannot write raw mail', () => {
    const ingest = actionsOf('IngestFunction');
    const mailer = actionsOf('MailerFunction');
    expect(ingest.some((a) => a.startsWith('ses:'))).toBe(false);
    expect(mailer).toContain('ses:SendRawEmail');
    expect(mailer.some((a) => a.startsWith('s3:Put') || a === 's3:*')).toBe(false);
    expect(ingest.some((a) => a.startsWith('s3:Put'))).toBe(true);
  });

  it('grants each function the table actions and bucket prefixes it uses, and no Scan, batch writes or bucket-wide listing', () => {
    const dynamo = (fn: string) => new Set(actionsOf(fn).filter((a) => a.startsWith('dynamodb:')));
    for (const fn of ['IngestFunction', 'MailerFunction', 'FeedbackFunction', 'SlaSweeperFunction']) {
      expect(dynamo(fn).size).toBeGreaterThan(0);
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*', 'dynamodb:DeleteTable']) expect(dynamo(fn)).not.toContain(forbidden);
    }
    expect([...dynamo('IngestFunction')].sort()).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect([...dynamo('FeedbackFunction')]).toEqual(['dynamodb:PutItem']);
    // The mailer deletes nothing (releasing a claim is an update of the job's item).
    expect([...dynamo('MailerFunction')].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // The SLA sweeper may delete only outbox entries (once their jobs are queued).
    const slaDeletes = statementsOf('SlaSweeperFunction').filter((st) => [st.Action].flat().includes('dynamodb:DeleteItem'));
    expect(slaDeletes.map((st) => (st as { Condition?: unknown }).Condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['OUTBOX'] } }]);
    // No listing of the raw-mail bucket: the mailer lists templates/ only, ingest nothing.
    expect(actionsOf('IngestFunction').filter((a) => a.startsWith('s3:List') || a.startsWith('s3:GetBucket'))).toEqual([]);
    const lists = statementsOf('MailerFunction').filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:List')));
    expect(lists.map((st) => (st as { Condition?: unknown }).Condition)).toEqual([{ StringLike: { 's3:prefix': ['templates/*'] } }]);
    expect(
      JSON.stringify(
        statementsOf('IngestFunction')
          .filter((st) => [st.Action].flat().includes('s3:GetObject'))
          .map((st) => st.Resource),
      ),
    ).toContain('/inbound/*');
  });

  it('stops the CDK app on a bad cdk.json with one line naming the field, before anything is built', async () => {
    const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const app = join(import.meta.dirname, '..', '..', 'infra', 'app.ts');
    const run = promisify(execFile)(tsx, [app], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ inboxTriage: { recipients: ['support@example.com'], mailerConcurrency: 1 } }) },
    });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toMatch(/^cdk\.json context "inboxTriage": mailerConcurrency: .*2/);
  }, 60_000);

  it('puts the agent API behind Cognito: groups, JWT authorizer, access logs and throttling', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['agent', 'supervisor']);
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true }, MfaConfiguration: 'ON' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20 },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType]);
    expect(routes).toEqual(
      expect.arrayContaining([
        ['$default', 'JWT'],
        ['GET /openapi.json', 'NONE'],
        ['GET /docs', 'NONE'],
      ]),
    );
    // The agent API reads and writes tickets and queues jobs; it never sends mail, and of the bucket it may read
    // only attachments (the download links it signs work only if it could read them itself), never raw mail.
    const roleId = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('AgentApiFunction'));
    const ownStatements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const actions = ownStatements.flatMap((st) => [st.Action].flat());
    expect(actions).toContain('sqs:SendMessage');
    expect(actions.some((a) => a.startsWith('ses:'))).toBe(false);
    const s3Statements = ownStatements.filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3Statements.map((st) => st.Action)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(s3Statements[0]!.Resource)).toContain('/attachments/*');
    expect(actions.filter((a) => /dynamodb:(Scan|BatchWriteItem|\*)/.test(a))).toEqual([]);
    // it deletes only its own outbox entries
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Condition?: unknown }>);
    const deletes = statements.filter((st) => [st.Action].flat().includes('dynamodb:DeleteItem'));
    expect(deletes.map((st) => st.Condition)).toEqual([{ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['OUTBOX'] } }]);
  });

  it('rejects a bad config naming the field', () => {
    expect(() => parseDeployConfig({ recipients: [] })).toThrow(/recipients/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], alertEmails: ['not-an-email'] })).toThrow(/alertEmails\.0/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], colour: 'red' })).toThrow(/colour/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], teamTimeZone: 'Mars/Olympus' })).toThrow(/teamTimeZone/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], noticeLocale: 'fr' })).toThrow(/noticeLocale/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], sla: { warnAt: 2 } })).toThrow(/sla.*warnAt/);
  });
});
