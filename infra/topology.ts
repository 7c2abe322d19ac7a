/**
 * The one description of the stateful resources. The local stack creates
 * them through the real AWS APIs and the CDK stack declares them
 * from the same object, so the two cannot drift apart.
 *
 * Plain data only: no AWS or CDK imports here. The table's keys and indexes
 * and the bucket's prefixes come from the layout modules the functions use.
 */
import { BUCKET_PREFIXES } from '../lib/adapters/aws/bucket-layout.ts';
import { TABLE } from '../lib/adapters/aws/table-layout.ts';

export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableSpec extends KeySchema {
  readonly logicalName: string;
  /** `projection`: ALL, KEYS_ONLY, or the non-key attributes the index copies (INCLUDE). */
  readonly globalIndexes: ReadonlyArray<KeySchema & { readonly indexName: string; readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[] }>;
  readonly ttlAttribute: string;
}

export interface QueueSpec {
  readonly logicalName: string;
  /** Longer than the consuming function's timeout, so a slow batch is not redelivered while it still runs. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly dlqRetentionDays: number;
}

export interface TopicSpec {
  readonly logicalName: string;
  /** Queues subscribed to the topic (SNS → SQS, raw delivery off, as SES notifications arrive in AWS). */
  readonly queueSubscribers: readonly QueueName[];
}

export interface FunctionSpec {
  readonly logicalName: string;
  readonly trigger: QueueName;
  readonly batchSize: number;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export const table = {
  logicalName: 'Tickets',
  partitionKey: TABLE.partitionKey,
  sortKey: TABLE.sortKey,
  globalIndexes: Object.values(TABLE.indexes),
  ttlAttribute: TABLE.ttlAttribute,
} as const satisfies TableSpec;

export const bucket = {
  logicalName: 'RawMail',
  inboundPrefix: BUCKET_PREFIXES.inbound,
  attachmentsPrefix: BUCKET_PREFIXES.attachments,
  sentPrefix: BUCKET_PREFIXES.sent,
  templatesPrefix: BUCKET_PREFIXES.templates,
} as const;

export const queues = {
  inbound: { logicalName: 'Inbound', visibilityTimeoutSeconds: 180, maxReceiveCount: 3, dlqRetentionDays: 14 },
  outbound: { logicalName: 'Outbound', visibilityTimeoutSeconds: 120, maxReceiveCount: 5, dlqRetentionDays: 14 },
  feedback: { logicalName: 'Feedback', visibilityTimeoutSeconds: 60, maxReceiveCount: 5, dlqRetentionDays: 14 },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;

export const topics = {
  inboundMail: { logicalName: 'InboundMail', queueSubscribers: ['inbound'] },
  // Threat reports and SLA warnings/breaches for supervisors, security and legal (email subscriptions in AWS).
  alerts: { logicalName: 'Alerts', queueSubscribers: [] },
  // SES bounce and complaint notifications for mail we send.
  sesFeedback: { logicalName: 'SesFeedback', queueSubscribers: ['feedback'] },
} as const satisfies Record<string, TopicSpec>;

export type TopicName = keyof typeof topics;

export const functions = {
  ingest: { logicalName: 'Ingest', trigger: 'inbound', batchSize: 10, timeoutSeconds: 60, memoryMb: 1024 },
  mailer: { logicalName: 'Mailer', trigger: 'outbound', batchSize: 10, timeoutSeconds: 30, memoryMb: 256 },
  feedback: { logicalName: 'Feedback', trigger: 'feedback', batchSize: 10, timeoutSeconds: 20, memoryMb: 256 },
} as const satisfies Record<string, FunctionSpec>;

/** Functions run on a schedule rather than from a queue. */
export const scheduledFunctions = {
  // EventBridge every minute: fires due SLA timers.
  sla: { logicalName: 'SlaSweeper', everyMinutes: 1, timeoutSeconds: 60, memoryMb: 512 },
} as const;

export type FunctionName = keyof typeof functions;

/** Physical resource names for one deployment, derived from a prefix. */
export function physicalNames(prefix: string) {
  const name = (logical: string) => `${prefix}-${logical}`;
  return {
    table: name(table.logicalName),
    bucket: name(bucket.logicalName).toLowerCase(),
    queue: (q: QueueName) => name(queues[q].logicalName),
    deadLetterQueue: (q: QueueName) => name(`${queues[q].logicalName}-dlq`),
    topic: (t: TopicName) => name(topics[t].logicalName),
  };
}
