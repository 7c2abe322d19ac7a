import type { z } from 'zod/mini';
import { AgentApiEnvSchema, FeedbackEnvSchema, IngestEnvSchema, MailerEnvSchema, SlaEnvSchema } from '../lib/config/function-env.ts';
import type { Locale } from '../lib/domain/ticket.ts';
import type { BundleOptions } from './esbuild-bundle.ts';
import { bucket, functions, queues, scheduledFunctions } from './topology.ts';

type Input<S extends z.ZodMiniType> = z.input<S>;
type RequiredKeys<S extends z.ZodMiniType> = { [K in keyof Input<S>]-?: undefined extends Input<S>[K] ? never : K }[keyof Input<S>];
type OptionalKeys<S extends z.ZodMiniType> = Exclude<keyof Input<S>, RequiredKeys<S>>;

/**
 * A function's environment, typed by the zod schema that validates it at
 * cold start: leaving out a variable the schema requires fails `tsc`.
 */
export type EnvOf<S extends z.ZodMiniType> = { [K in RequiredKeys<S>]: string } & { [K in OptionalKeys<S>]?: string | undefined };

/** What the functions are wired to: resource names (CDK tokens or local names) and the admin's settings. */
export interface FunctionWiring {
  readonly tableName: string;
  readonly outboundQueueUrl: string;
  readonly alertsTopicArn: string;
  /** The support addresses, the default first: automatic mail goes out only from these. */
  readonly supportAddresses: readonly string[];
  readonly sesConfigurationSet?: string;
  /** The bucket holding template overrides under the templates prefix, when the mailer should read them. */
  readonly templateBucket?: string;
  /** Where the agent API checks sign-in tokens: the Cognito user pool, or the local stand-in. */
  readonly auth?: { readonly jwksUrl: string; readonly issuer: string; readonly audience: string };
  readonly settings: {
    readonly teamName?: string;
    /** The team's name per language, as JSON. */
    readonly teamNames?: string;
    readonly teamTimeZone?: string;
    readonly defaultLocale?: Locale;
    readonly noticeLocale?: Locale;
    /** SLA_CONFIG as JSON, when not the defaults. */
    readonly slaConfig?: string;
    /** SECOND_OPINION as JSON, when the Bedrock second opinion is enabled. */
    readonly secondOpinion?: string;
  };
}

const common = (w: FunctionWiring) => ({ TABLE_NAME: w.tableName, SLA_CONFIG: w.settings.slaConfig, SUPPORT_ADDRESSES: w.supportAddresses.join(',') });

/**
 * Every function once: where its code is, how it is sized and triggered
 * (topology), and its environment. The CDK stack and the local stack both
 * build their functions from this, so the two cannot wire them differently.
 */
export const functionRegistry = {
  ingest: {
    entry: 'functions/ingest/handler.ts',
    spec: functions.ingest,
    schema: IngestEnvSchema,
    environment: (w: FunctionWiring): EnvOf<typeof IngestEnvSchema> => ({
      ...common(w),
      OUTBOUND_QUEUE_URL: w.outboundQueueUrl,
      ALERTS_TOPIC_ARN: w.alertsTopicArn,
      DEFAULT_LOCALE: w.settings.defaultLocale,
      SECOND_OPINION: w.settings.secondOpinion,
    }),
  },
  mailer: {
    entry: 'functions/mailer/handler.ts',
    spec: functions.mailer,
    schema: MailerEnvSchema,
    environment: (w: FunctionWiring): EnvOf<typeof MailerEnvSchema> => ({
      ...common(w),
      ALERTS_TOPIC_ARN: w.alertsTopicArn,
      TEAM_NAME: w.settings.teamName,
      TEAM_NAMES: w.settings.teamNames,
      TEAM_TIME_ZONE: w.settings.teamTimeZone,
      NOTICE_LOCALE: w.settings.noticeLocale,
      SES_CONFIGURATION_SET: w.sesConfigurationSet,
      OUTBOUND_MAX_RECEIVES: String(queues.outbound.maxReceiveCount),
      ...(w.templateBucket ? { TEMPLATE_BUCKET: w.templateBucket, TEMPLATE_PREFIX: bucket.templatesPrefix } : {}),
    }),
  },
  feedback: {
    entry: 'functions/feedback/handler.ts',
    spec: functions.feedback,
    schema: FeedbackEnvSchema,
    environment: (w: FunctionWiring): EnvOf<typeof FeedbackEnvSchema> => ({ ...common(w) }),
  },
  agentApi: {
    entry: 'functions/agent-api/handler.ts',
    spec: { logicalName: 'AgentApi', timeoutSeconds: 15, memoryMb: 512 },
    /** It serves its OpenAPI document, generated from its zod schemas: its bundle keeps zod's JSON Schema code (infra/esbuild-bundle.ts). */
    bundle: { zodJsonSchema: true },
    schema: AgentApiEnvSchema,
    environment: (w: FunctionWiring): EnvOf<typeof AgentApiEnvSchema> => {
      if (!w.auth) throw new Error('The agent API needs to know where sign-in tokens come from (wiring.auth)');
      return {
        ...common(w),
        OUTBOUND_QUEUE_URL: w.outboundQueueUrl,
        AUTH_JWKS_URL: w.auth.jwksUrl,
        AUTH_ISSUER: w.auth.issuer,
        AUTH_AUDIENCE: w.auth.audience,
        TEAM_NAME: w.settings.teamName,
        TEAM_NAMES: w.settings.teamNames,
        TEAM_TIME_ZONE: w.settings.teamTimeZone,
      };
    },
  },
  sla: {
    entry: 'functions/sla/handler.ts',
    spec: scheduledFunctions.sla,
    schema: SlaEnvSchema,
    environment: (w: FunctionWiring): EnvOf<typeof SlaEnvSchema> => ({ ...common(w), OUTBOUND_QUEUE_URL: w.outboundQueueUrl }),
  },
} as const;

/** Only the variables that have a value: unset optional ones take the schema's default at cold start. */
export function definedEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** How a function is bundled: the options its registry entry gives, or none. */
export function bundleOptionsOf(f: (typeof functionRegistry)[keyof typeof functionRegistry]): BundleOptions {
  return 'bundle' in f ? f.bundle : {};
}
