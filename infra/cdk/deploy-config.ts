import { type SecondOpinionSettings, secondOpinionFields, withListPrices } from '../../lib/classify/second-opinion.ts';
import { TimeZoneSchema } from '../../lib/domain/config-values.ts';
import { ConfigError } from '../../lib/domain/errors.ts';
import { parseSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { LocaleSchema } from '../../lib/domain/ticket.ts';
import * as z from '../../lib/domain/zod.ts';
import { describeZodError } from '../../lib/domain/zod-issues.ts';

const Domain = z.string().check(z.regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i, 'a domain name such as example.com'));

/** What an admin sets for one deployment (cdk.json context `inboxTriage`); validated before anything is built. */
export const DeployConfigSchema = z.strictObject({
  /** Addresses (or whole domains) the receipt rule accepts, e.g. support@example.com. */
  recipients: z.array(z.string().check(z.regex(/^([^@\s]+@)?[a-z0-9.-]+\.[a-z]{2,}$/i, 'an address or a domain'))).check(z.minLength(1)),
  /**
   * The domain replies are sent from. When set, the stack creates its SES identity with Easy DKIM
   * and prints the three DNS records to add; leave it out if the domain is already verified in SES.
   */
  senderDomain: z.optional(Domain),
  /** Display name on every reply. */
  teamName: z._default(z.string().check(z.minLength(1), z.maxLength(80)), 'Customer Support'),
  /** The team's name in other languages, e.g. {"zh-Hans": "示例客服团队", "zh-Hant": "示例客服團隊"}: replies in those languages are signed with it. */
  teamNames: z.optional(z.partialRecord(LocaleSchema, z.string().check(z.minLength(1), z.maxLength(80)))),
  /** Business hours and the deadlines in replies are in this zone. */
  teamTimeZone: z._default(TimeZoneSchema, 'UTC'),
  /** Reply language when the customer's cannot be told. */
  defaultLocale: z._default(LocaleSchema, 'en'),
  /** Language of the notices to supervisors. */
  noticeLocale: z._default(LocaleSchema, 'en'),
  /** Emails subscribed to the alerts topic (threats, SLA warnings and breaches); each confirms by email. */
  alertEmails: z._default(z.array(z.email()), []),
  /** Emails subscribed to the ops topic (alarms: stuck queues, errors, send failures). */
  opsEmails: z._default(z.array(z.email()), []),
  /** Days raw mail and attachments are kept in S3. */
  rawMailRetentionDays: z._default(z.int().check(z.minimum(1), z.maximum(3650)), 365),
  /** SLA policies and business calendar, as in SLA_CONFIG (see README "SLA"); checked here, at synth. */
  sla: z.optional(z.record(z.string(), z.unknown())),
  /** Make this stack's receipt rule set the active one (an account has one; see README "Deploy to AWS"). */
  activateRuleSet: z._default(z.boolean(), false),
  deletionProtection: z._default(z.boolean(), true),
  /** S3 server access logs for the raw-mail bucket, in a bucket of their own. */
  accessLogs: z._default(z.boolean(), false),
  /** Mailers running at once; raise it with your SES sending quota (a new account sends 1 message/s). */
  mailerConcurrency: z._default(z.int().check(z.minimum(2), z.maximum(100)), 2),
  logLevel: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /**
   * A second opinion from Amazon Bedrock on mail the local classifier leaves for review (README "A second opinion
   * from Bedrock"). Off unless `enabled`; the ingest function may then invoke that one model and nothing else.
   */
  secondOpinion: z.optional(z.pipe(z.extend(secondOpinionFields(), { enabled: z._default(z.boolean(), false) }), z.transform(withListPrices))),
});
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

/**
 * The addresses automatic mail may come from: the addresses among `recipients`
 * (the first is the default), or `support@` the first domain when only domains are listed.
 */
export function supportAddressesOf(config: Pick<DeployConfig, 'recipients'>): string[] {
  const addresses = config.recipients.filter((r) => r.includes('@')).map((r) => r.toLowerCase());
  return addresses.length > 0 ? addresses : [`support@${config.recipients[0]!.toLowerCase()}`];
}

export function parseDeployConfig(input: unknown): DeployConfig {
  const parsed = DeployConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(`cdk.json context "inboxTriage": ${describeZodError(parsed.error)}`);
  // The functions would reject a bad SLA config at cold start; better to stop the deploy now.
  if (parsed.data.sla) parseSlaConfig(parsed.data.sla, 'cdk.json context "inboxTriage".sla');
  return parsed.data;
}

/** The admin's settings as the functions receive them (FunctionWiring.settings), for the CDK stack and the local stack alike. */
export function functionSettingsOf(config: DeployConfig) {
  return {
    teamName: config.teamName,
    ...(config.teamNames && Object.keys(config.teamNames).length > 0 ? { teamNames: JSON.stringify(config.teamNames) } : {}),
    teamTimeZone: config.teamTimeZone,
    defaultLocale: config.defaultLocale,
    noticeLocale: config.noticeLocale,
    ...(config.sla ? { slaConfig: JSON.stringify(config.sla) } : {}),
    ...(config.secondOpinion?.enabled ? { secondOpinion: JSON.stringify(secondOpinionSettingsOf(config.secondOpinion)) } : {}),
  };
}

/** The settings the function reads (the `enabled` switch stays in the stack). */
function secondOpinionSettingsOf({ enabled: _, ...settings }: NonNullable<DeployConfig['secondOpinion']>): SecondOpinionSettings {
  return settings;
}
