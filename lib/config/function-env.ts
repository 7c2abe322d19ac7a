import { TimeZoneSchema } from '../domain/config-values.ts';
import { ConfigError } from '../domain/errors.ts';
import { DEFAULT_AUTO_REPLY_POLICY } from '../domain/reply-policy.ts';
import { LocaleSchema } from '../domain/ticket.ts';
import * as z from '../domain/zod.ts';
import { describeZodError } from '../domain/zod-issues.ts';

/** The team's name per language, as JSON (`{"zh-Hant": "客服團隊"}`): replies in those languages are signed with it. */
const TeamNames = z.optional(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((json, ctx) => {
        try {
          return JSON.parse(json) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: 'not valid JSON', input: json });
          return z.NEVER;
        }
      }),
    ),
    z.partialRecord(LocaleSchema, z.string().check(z.minLength(1), z.maxLength(80))),
  ),
);

/** A whole number from an environment variable, within limits, or the default when unset. */
const Count = (min: number, max: number, byDefault: number) => z._default(z.coerceNumber().check(z.int(), z.minimum(min), z.maximum(max)), byDefault);

/** Limits on automatic mail (loop and storm protection), the same for first replies (ingest) and SLA mail (mailer). */
const AutoMailLimits = {
  /** Automatic mails one mailbox (all its plus-address spellings) may get per window. */
  AUTOREPLY_MAX_PER_RECIPIENT: Count(1, 100, DEFAULT_AUTO_REPLY_POLICY.maxPerRecipient),
  /** …all the mailboxes of one domain together… */
  AUTOREPLY_MAX_PER_DOMAIN: Count(1, 100_000, DEFAULT_AUTO_REPLY_POLICY.maxPerDomain),
  /** …and every recipient together. */
  AUTOREPLY_MAX_GLOBAL: Count(1, 1_000_000, DEFAULT_AUTO_REPLY_POLICY.maxGlobal),
  AUTOREPLY_WINDOW_MINUTES: Count(1, 10_080, DEFAULT_AUTO_REPLY_POLICY.windowMinutes),
  /** Days an address that bounced gets no automatic mail. */
  BOUNCE_SUPPRESSION_DAYS: Count(1, 3650, DEFAULT_AUTO_REPLY_POLICY.bounceSuppressionDays),
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
const SupportAddresses = z.pipe(
  z.pipe(
    z.string().check(z.minLength(3)),
    z.transform((s) => s.split(',').map((a) => a.trim().toLowerCase())),
  ),
  z.array(z.email()).check(z.minLength(1)),
);

const Common = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  TABLE_NAME: z.string().check(z.minLength(1)),
  SUPPORT_ADDRESSES: SupportAddresses,
  /** SLA policies and business calendar (JSON, see README "SLA"); validated at cold start. */
  SLA_CONFIG: z.optional(z.string().check(z.minLength(2))),
});

/** Environment of the ingest function; the CDK construct types its `environment` from this. */
export const IngestEnvSchema = z.lazy(() =>
  z.extend(Common, {
    OUTBOUND_QUEUE_URL: z.url(),
    /** Unreadable mail that opens no ticket (an empty message) is reported here. */
    ALERTS_TOPIC_ARN: z.string().check(z.startsWith('arn:')),
    DEFAULT_LOCALE: z._default(LocaleSchema, 'en'),
    /** Optional classifier overrides (JSON, see README "Classification"); validated at cold start. */
    CLASSIFIER_CONFIG: z.optional(z.string().check(z.minLength(2))),
    /** The Bedrock second opinion's settings (JSON, see README "A second opinion from Bedrock"); absent: none is asked. */
    SECOND_OPINION: z.optional(z.string().check(z.minLength(2))),
    /** Automatic replies one address may get per window (loop protection). */
    ...AutoMailLimits,
  }),
);
export type IngestEnv = z.infer<typeof IngestEnvSchema>;

export const MailerEnvSchema = z.lazy(() =>
  z
    .extend(Common, {
      ALERTS_TOPIC_ARN: z.string().check(z.startsWith('arn:')),
      TEAM_NAME: z._default(z.string().check(z.minLength(1), z.maxLength(80)), 'Customer Support'),
      TEAM_NAMES: TeamNames,
      TEAM_TIME_ZONE: z._default(TimeZoneSchema, 'UTC'),
      SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
      /** Language of the internal notices (threat alert, SLA warning and breach). */
      NOTICE_LOCALE: z._default(LocaleSchema, 'en'),
      /** Admins' template overrides: a bucket and key prefix holding `NAME/LOCALE/PART.hbs` files. */
      TEMPLATE_BUCKET: z.optional(z.string().check(z.minLength(3))),
      TEMPLATE_PREFIX: z.optional(z.string().check(z.minLength(1), z.endsWith('/'))),
      /** The outbound queue's maxReceiveCount: on the last delivery a failed send is recorded on the ticket as final. */
      OUTBOUND_MAX_RECEIVES: Count(1, 1000, 5),
      ...AutoMailLimits,
    })
    .check(
      z.refine((env) => (env.TEMPLATE_BUCKET === undefined) === (env.TEMPLATE_PREFIX === undefined), {
        message: 'set TEMPLATE_BUCKET and TEMPLATE_PREFIX together, or neither',
        path: ['TEMPLATE_PREFIX'],
      }),
    ),
);
export type MailerEnv = z.infer<typeof MailerEnvSchema>;

/**
 * Validates a function's environment once, at cold start; a bad value stops the function with the field named.
 * Each function's schema is built when it is first used (z.lazy): a function builds its own, not all five.
 */
export function parseEnv<S extends z.ZodMiniType>(schema: S, env: Record<string, string | undefined>, functionName: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid environment for the ${functionName} function: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Environment of the scheduled SLA sweeper. */
export const SlaEnvSchema = z.lazy(() =>
  z.extend(Common, {
    OUTBOUND_QUEUE_URL: z.url(),
  }),
);
export type SlaEnv = z.infer<typeof SlaEnvSchema>;

/** Environment of the feedback function (SES bounces and complaints). */
export const FeedbackEnvSchema = z.lazy(() =>
  z.extend(Common, {
    BOUNCE_SUPPRESSION_DAYS: Count(1, 3650, DEFAULT_AUTO_REPLY_POLICY.bounceSuppressionDays),
  }),
);
export type FeedbackEnv = z.infer<typeof FeedbackEnvSchema>;

/** Environment of the agent API: where tokens are verified, and the team settings replies use. */
export const AgentApiEnvSchema = z.lazy(() =>
  z.extend(Common, {
    OUTBOUND_QUEUE_URL: z.url(),
    /** The identity provider's signing keys (Cognito: https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json). */
    AUTH_JWKS_URL: z.url(),
    AUTH_ISSUER: z.string().check(z.minLength(1)),
    /** The app client id tokens must be issued to. */
    AUTH_AUDIENCE: z.string().check(z.minLength(1)),
    TEAM_NAME: z._default(z.string().check(z.minLength(1), z.maxLength(80)), 'Customer Support'),
    TEAM_NAMES: TeamNames,
    TEAM_TIME_ZONE: z._default(TimeZoneSchema, 'UTC'),
    /** Minutes a claimed ticket may sit untouched before it returns to the queue. */
    CLAIM_TIMEOUT_MINUTES: Count(1, 1440, 30),
  }),
);
export type AgentApiEnv = z.infer<typeof AgentApiEnvSchema>;
