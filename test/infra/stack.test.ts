import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../infra/cdk/deploy-config.ts';
import { InboxTriageStack } from '../../infra/cdk/inbox-triage-stack.ts';
import { queues } from '../../infra/topology.ts';

let template: Template;

/** The IAM actions granted to the role of the function whose logical id starts with `prefix`. */
function actionsOf(prefix: string): string[] {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(prefix));
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()));
}

describe('CDK stack (synthesised from the topology)', () => {
  beforeAll(() => {
    const app = new App();
    const stack = new InboxTriageStack(app, 'Test', parseDeployConfig({ recipients: ['support@example.com'], alertEmails: ['boss@example.com'] }), {
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
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(4);
    expect(alarms.some((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')).toBe(true);
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
  });

  it('runs every function on ARM64 and Node 22, with partial batch failures on every queue trigger', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => String(f.Properties.Runtime).startsWith('nodejs'));
    expect(fns.length).toBeGreaterThanOrEqual(4);
    for (const f of fns.filter((f) => f.Properties.Handler === 'index.handler')) {
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
        Recipients: ['support@example.com'],
        Actions: [Match.objectLike({ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/', TopicArn: Match.anyValue() }) })],
      }),
    });
  });

  it('encrypts and locks down storage', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', Match.objectLike({ SSESpecification: Match.objectLike({ SSEEnabled: true }) }));
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } }));
  });

  it('keeps each function to what it needs: ingest cannot send mail, the mailer cannot write raw mail', () => {
    const ingest = actionsOf('IngestFunction');
    const mailer = actionsOf('MailerFunction');
    expect(ingest.some((a) => a.startsWith('ses:'))).toBe(false);
    expect(mailer).toContain('ses:SendRawEmail');
    expect(mailer.some((a) => a.startsWith('s3:Put') || a === 's3:*')).toBe(false);
    expect(ingest.some((a) => a.startsWith('s3:Put'))).toBe(true);
  });

  it('rejects a bad config naming the field', () => {
    expect(() => parseDeployConfig({ recipients: [] })).toThrow(/recipients/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], alertEmails: ['not-an-email'] })).toThrow(/alertEmails\.0/);
    expect(() => parseDeployConfig({ recipients: ['support@example.com'], colour: 'red' })).toThrow(/colour/);
  });
});
