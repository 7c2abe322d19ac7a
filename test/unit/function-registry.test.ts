import { describe, expect, it } from 'vitest';
import { definedEnvironment, type EnvOf, type FunctionWiring, functionRegistry } from '../../infra/function-registry.ts';
import type { IngestEnvSchema } from '../../lib/config/function-env.ts';

const wiring: FunctionWiring = {
  tableName: 'triage-Tickets',
  outboundQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/triage-Outbound',
  alertsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:triage-Alerts',
  templateBucket: 'triage-rawmail',
  auth: {
    jwksUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/jwks.json',
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    audience: 'client-1',
  },
  supportAddresses: ['support@example.com', 'help@example.com'],
  settings: { teamName: 'Acme Support', noticeLocale: 'zh-Hant' },
};

describe('function registry: one wiring for the CDK stack and the local stack', () => {
  it.each(Object.keys(functionRegistry) as Array<keyof typeof functionRegistry>)('gives %s an environment its own schema accepts', (name) => {
    const { schema, environment } = functionRegistry[name];
    const parsed = schema.safeParse({ AWS_REGION: 'eu-west-1', ...definedEnvironment(environment(wiring)) });
    expect(parsed.success).toBe(true);
  });

  it('passes the admin settings through', () => {
    expect(functionRegistry.mailer.environment(wiring)).toMatchObject({
      TEAM_NAME: 'Acme Support',
      NOTICE_LOCALE: 'zh-Hant',
      TEMPLATE_BUCKET: 'triage-rawmail',
      TEMPLATE_PREFIX: 'templates/',
    });
  });

  it('types required variables as required (a missing one fails tsc)', () => {
    // @ts-expect-error OUTBOUND_QUEUE_URL is required by IngestEnvSchema
    const missing: EnvOf<typeof IngestEnvSchema> = { TABLE_NAME: 't' };
    const complete: EnvOf<typeof IngestEnvSchema> = {
      TABLE_NAME: 't',
      OUTBOUND_QUEUE_URL: 'https://example.com/q',
      SUPPORT_ADDRESSES: 'support@example.com',
      ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:a',
    };
    expect(Object.keys(missing)).not.toContain('OUTBOUND_QUEUE_URL');
    expect(Object.keys(complete)).toContain('OUTBOUND_QUEUE_URL');
  });
});
