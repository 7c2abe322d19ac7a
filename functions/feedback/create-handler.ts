import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import { parseFeedbackRecordBody } from '../../lib/adapters/aws/ses-notification.ts';
import type { FeedbackEnv } from '../../lib/config/function-env.ts';
import { type Clock, systemClock } from '../../lib/domain/ports.ts';
import { logger } from '../../lib/telemetry.ts';
import { recordFeedback } from '../../lib/use-cases/record-feedback.ts';
import { sqsBatchHandler } from '../sqs-batch.ts';

/** Composition root of the feedback function: SES bounces and complaints (SNS → SQS) → suppression list. */
export function createFeedbackHandler(env: FeedbackEnv, clients: Pick<AwsClients, 'documents'>, clock: Clock = systemClock) {
  const deps = { suppressions: new DynamoSuppressionStore(clients.documents, env.TABLE_NAME), clock, bounceSuppressionDays: env.BOUNCE_SUPPRESSION_DAYS };
  return sqsBatchHandler('feedback', async (record) => {
    const outcome = await recordFeedback(parseFeedbackRecordBody(record.body), deps);
    logger.info('feedback', { ...outcome });
  });
}
