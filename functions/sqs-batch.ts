import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../lib/telemetry.ts';

/**
 * Wraps a per-record function as an SQS handler with partial batch failures:
 * a record that throws is logged with its reason and returned to the queue
 * alone (retried, then dead-lettered); the rest of the batch succeeds.
 */
export function sqsBatchHandler(step: string, handleRecord: (record: SQSRecord) => Promise<void>) {
  const processor = new BatchProcessor(EventType.SQS);
  const logged = async (record: SQSRecord) => {
    try {
      await handleRecord(record);
    } catch (error) {
      logger.error(`${step} failed for record`, {
        sqsMessageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        reason: (error as Error).name,
        error: error as Error,
      });
      throw error;
    }
  };
  return (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => processPartialResponse(event, logged, processor, { context });
}
