import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { DynamoTicketRepository } from '../../lib/adapters/aws/dynamo-ticket-repository.ts';
import { DynamoTimerIndex } from '../../lib/adapters/aws/dynamo-timer-index.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import type { SlaEnv } from '../../lib/config/function-env.ts';
import { type Clock, systemClock } from '../../lib/domain/ports.ts';
import { loadSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { logger, METRIC, recordQueueMetric } from '../../lib/telemetry.ts';
import { type SweepResult, sweepSlaTimers } from '../../lib/use-cases/sweep-sla-timers.ts';

/** Composition root of the SLA sweeper: EventBridge every minute → fire due timers. */
export function createSlaHandler(env: SlaEnv, clients: Pick<AwsClients, 'documents' | 'sqs'>, clock: Clock = systemClock) {
  const deps = {
    tickets: new DynamoTicketRepository(clients.documents, env.TABLE_NAME),
    timers: new DynamoTimerIndex(clients.documents, env.TABLE_NAME),
    outbound: new SqsOutboundQueue(clients.sqs, env.OUTBOUND_QUEUE_URL),
    clock,
    config: loadSlaConfig(env.SLA_CONFIG),
  };
  return async (_event: ScheduledEvent): Promise<SweepResult> => {
    const result = await sweepSlaTimers(deps);
    for (const { kind, category } of result.byKind) {
      const name = kind === 'response-warn' ? METRIC.slaAtRisk : kind.endsWith('breach') ? METRIC.slaBreached : METRIC.slaTimerFired;
      recordQueueMetric(name, category, MetricUnit.Count);
    }
    logger.info('sla sweep', { fired: result.fired, stale: result.stale, lostRaces: result.lostRaces, relayed: result.relayed });
    return result;
  };
}
