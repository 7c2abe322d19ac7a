import * as z from 'zod';
import { TimeZoneSchema } from '../domain/config-values.ts';
import { ConfigError } from '../domain/errors.ts';
import { DEFAULT_AUTO_REPLY_POLICY } from '../domain/reply-policy.ts';
import { LocaleSchema } from '../domain/ticket.ts';
import { describeZodError } from '../domain/zod-issues.ts';

/** The team's name per language, as JSON (`{"zh-Hant": "客服團隊"}`): replies in those languages are signed with it. */
const TeamNames = z
  .string()
  .transform((json, ctx) => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(LocaleSchema, z.string().min(1).max(80)))
  .optional();

/** Limits on automatic mail (loop and storm protection), the same for first replies (ingest) and SLA mail (mailer). */
const AutoMailLimits = {
  /** Automatic mails one mailbox (all its plus-address spellings) may get per window. */
  AUTOREPLY_MAX_PER_RECIPIENT: z.coerce.number().int().min(1).max(100).default(DEFAULT_AUTO_REPLY_POLICY.maxPerRecipient),
  /** …all the mailboxes of one domain together… */
  AUTOREPLY_MAX_PER_DOMAIN: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_AUTO_REPLY_POLICY.maxPerDomain),
  /** …and every recipient together. */
  AUTOREPLY_MAX_GLOBAL: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_AUTO_REPLY_POLICY.maxGlobal),
  AUTOREPLY_WINDOW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(DEFAULT_AUTO_REPLY_POLICY.windowMinutes),
  /** Days an address that bounced gets no automatic mail. */
  BOUNCE_SUPPRESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_AUTO_REPLY_POLICY.bounceSuppressionDays),
};

/** The policy the limits describe. */
export function autoReplyPolicyOf(env: { [K in keyof typeof AutoMailLimits]: number }) {
  return {
    maxPerRecipient: env.AUTOREPLY_MAX_PER_RECIPIENT,
    maxPerDomain: env.AUTOREPLY_MAX_PER_DOMAIN,
    maxGlobal: env.AUTOREPLY_MAX_GLOBAL,
    windowMinutes: env.AUTOREPLY_WINDOW_MINUTES,
    bounceSuppressionDays: env.BOUNCE_SUPPRESSION_DAYS,
  };
}

/** Comma-separated support addresses, the first the default: automatic mail goes out only from these. */
const SupportAddresses = z
  .string()
  .min(3)
  .transform((s) => s.split(',').map((a) => a.trim().toLowerCase()))
  .pipe(z.array(z.email()).min(1));

const Common = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: z.string().min(1),
  SUPPORT_ADDRESSES: SupportAddresses,
  /** SLA policies and business calendar (JSON, see README "SLA"); validated at cold start. */
  SLA_CONFIG: z.string().min(2).optional(),
});

/** Environment of the ingest function; the CDK construct types its `environment` from this. */
export const IngestEnvSchema = Common.extend({
  OUTBOUND_QUEUE_URL: z.url(),
  /** Unreadable mail that opens no ticket (an empty message) is reported here. */
  ALERTS_TOPIC_ARN: z.string().startsWith('arn:'),
  DEFAULT_LOCALE: LocaleSchema.default('en'),
  /** Optional classifier overrides (JSON, see README "Classification"); validated at cold start. */
  CLASSIFIER_CONFIG: z.string().min(2).optional(),
  /** The Bedrock second opinion's settings (JSON, see README "A second opinion from Bedrock"); absent: none is asked. */
  SECOND_OPINION: z.string().min(2).optional(),
  /** Automatic replies one address may get per window (loop protection). */
  ...AutoMailLimits,
});
export type IngestEnv = z.infer<typeof IngestEnvSchema>;

export const MailerEnvSchema = Common.extend({
  ALERTS_TOPIC_ARN: z.string().startsWith('arn:'),
  TEAM_NAME: z.string().min(1).max(80).default('Customer Support'),
  TEAM_NAMES: TeamNames,
  TEAM_TIME_ZONE: TimeZoneSchema.default('UTC'),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Language of the internal notices (threat alert, SLA warning and breach). */
  NOTICE_LOCALE: LocaleSchema.default('en'),
  /** Admins' template overrides: a bucket and key prefix holding `NAME/LOCALE/PART.hbs` files. */
  TEMPLATE_BUCKET: z.string().min(3).optional(),
  TEMPLATE_PREFIX: z.string().min(1).endsWith('/').optional(),
  /** The outbound queue's maxReceiveCount: on the last delivery a failed send is recorded on the ticket as final. */
  OUTBOUND_MAX_RECEIVES: z.coerce.number().int().min(1).max(1000).default(5),
  ...AutoMailLimits,
}).refine((env) => (env.TEMPLATE_BUCKET === undefined) === (env.TEMPLATE_PREFIX === undefined), {
  message: 'set TEMPLATE_BUCKET and TEMPLATE_PREFIX together, or neither',
  path: ['TEMPLATE_PREFIX'],
});
export type MailerEnv = z.infer<typeof MailerEnvSchema>;

/** Validates a function's environment once, at cold start; a bad value stops the function with the field named. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>, functionName: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid environment for the ${functionName} function: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Environment of the scheduled SLA sweeper. */
export const SlaEnvSchema = Common.extend({
  OUTBOUND_QUEUE_URL: z.url(),
});
export type SlaEnv = z.infer<typeof SlaEnvSchema>;

/** Environment of the feedback function (SES bounces and complaints). */
export const FeedbackEnvSchema = Common.extend({
  BOUNCE_SUPPRESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_AUTO_REPLY_POLICY.bounceSuppressionDays),
});
export type FeedbackEnv = z.infer<typeof FeedbackEnvSchema>;

/** Environment of the agent API: where tokens are verified, and the team settings replies use. */
export const AgentApiEnvSchema = Common.extend({
  OUTBOUND_QUEUE_URL: z.url(),
  /** The identity provider's signing keys (Cognito: https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json). */
  AUTH_JWKS_URL: z.url(),
  AUTH_ISSUER: z.string().min(1),
  /** The app client id tokens must be issued to. */
  AUTH_AUDIENCE: z.string().min(1),
  TEAM_NAME: z.string().min(1).max(80).default('Customer Support'),
  TEAM_NAMES: TeamNames,
  TEAM_TIME_ZONE: TimeZoneSchema.default('UTC'),
  /** Minutes a claimed ticket may sit untouched before it returns to the queue. */
  CLAIM_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
});
export type AgentApiEnv = z.infer<typeof AgentApiEnvSchema>;
