import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BedrockSecondOpinion } from '../../lib/adapters/aws/bedrock-second-opinion.ts';
import type { bedrockClientOnDemand } from '../../lib/adapters/aws/clients/bedrock.ts';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { DynamoDeliveryLog } from '../../lib/adapters/aws/dynamo-delivery-log.ts';
import { DynamoSpendLimiter } from '../../lib/adapters/aws/dynamo-spend-limiter.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import { DynamoTicketRepository } from '../../lib/adapters/aws/dynamo-ticket-repository.ts';
import { S3RawMailStore } from '../../lib/adapters/aws/s3-raw-mail-store.ts';
import { parseInboundRecordBody, toInboundDelivery } from '../../lib/adapters/aws/ses-notification.ts';
import { SnsAlertPublisher } from '../../lib/adapters/aws/sns-alert-publisher.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { createClassifier, defaultClassifier } from '../../lib/classify/classifier.ts';
import { parseClassifierConfig } from '../../lib/classify/classifier-config.ts';
import { parseSecondOpinionSettings, type SecondOpinion } from '../../lib/classify/second-opinion.ts';
import { autoReplyPolicyOf, type IngestEnv } from '../../lib/config/function-env.ts';
import { ConfigError } from '../../lib/domain/errors.ts';
import { type Clock, systemClock } from '../../lib/domain/ports.ts';
import { loadSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { logger, METRIC, recordQueueMetric } from '../../lib/telemetry.ts';
import { ingestEmail } from '../../lib/use-cases/ingest-email.ts';
import { sqsBatchHandler } from '../sqs-batch.ts';

/** The Bedrock second opinion and its monthly cap (kept in the tickets table), from SECOND_OPINION. */
function bedrockSecondOpinion(json: string, tableName: string, clients: Parameters<typeof createIngestHandler>[1], clock: Clock): SecondOpinion {
  const settings = parseSecondOpinionSettings(json, 'SECOND_OPINION');
  if (!clients.bedrock) throw new ConfigError('SECOND_OPINION is set but the ingest function was given no Bedrock client');
  const budget = new DynamoSpendLimiter(clients.documents, tableName, 'bedrock', settings.monthlyBudgetUsd);
  return new BedrockSecondOpinion(clients.bedrock, settings, budget, clock);
}

/** Composition root of the ingest function: SQS (SNS-wrapped SES notifications) → tickets. */
export function createIngestHandler(
  env: IngestEnv,
  clients: Pick<AwsClients, 'documents' | 's3' | 'sqs'> & {
    sns: AwsClients['sns'] | (() => Promise<AwsClients['sns']>);
    /** Needed only when SECOND_OPINION is set. */
    bedrock?: ReturnType<typeof bedrockClientOnDemand>;
  },
  clock: Clock = systemClock,
) {
  const tuned = env.CLASSIFIER_CONFIG ? parseClassifierConfig(env.CLASSIFIER_CONFIG, 'CLASSIFIER_CONFIG') : undefined;
  const secondOpinion = env.SECOND_OPINION ? bedrockSecondOpinion(env.SECOND_OPINION, env.TABLE_NAME, clients, clock) : undefined;
  const deps = {
    rawMail: new S3RawMailStore(clients.s3),
    tickets: new DynamoTicketRepository(clients.documents, env.TABLE_NAME),
    deliveries: new DynamoDeliveryLog(clients.documents, env.TABLE_NAME),
    suppressions: new DynamoSuppressionStore(clients.documents, env.TABLE_NAME),
    policy: autoReplyPolicyOf(env),
    supportAddresses: env.SUPPORT_ADDRESSES,
    sla: loadSlaConfig(env.SLA_CONFIG),
    outbound: new SqsOutboundQueue(clients.sqs, env.OUTBOUND_QUEUE_URL),
    alerts: new SnsAlertPublisher(clients.sns, env.ALERTS_TOPIC_ARN),
    clock,
    classifier: tuned ? createClassifier(tuned.lexicon, tuned.thresholds) : defaultClassifier,
    ...(secondOpinion ? { secondOpinion } : {}),
    defaultLocale: env.DEFAULT_LOCALE,
  };
  return sqsBatchHandler('ingest', async (record) => {
    const delivery = toInboundDelivery(parseInboundRecordBody(record.body));
    const outcome = await ingestEmail(delivery, deps);
    if (outcome.status === 'created') recordQueueMetric(METRIC.ticketsCreated, outcome.category, MetricUnit.Count);
    logger.info('ingested', { sesMessageId: delivery.deliveryKey, ...outcome });
  });
}
