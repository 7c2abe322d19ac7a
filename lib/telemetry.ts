import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, type MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Category } from './domain/ticket.ts';

export const SERVICE_NAME = 'inbox-triage';
export const METRICS_NAMESPACE = 'InboxTriage';

/** Metric names the functions emit and the CDK dashboard and alarms read; each has the dimensions service and queue. */
export const METRIC = {
  ticketsCreated: 'TicketsCreated',
  slaAtRisk: 'SlaAtRisk',
  slaBreached: 'SlaBreached',
  slaTimerFired: 'SlaTimerFired',
  acknowledgementLatency: 'AcknowledgementLatency',
  sendRejected: 'SendRejected',
} as const;

/** One logger for every function; the function name comes from the Lambda context. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/** CloudWatch metrics as EMF log lines (SLA attainment, volume); no API calls on the hot path. */
export const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: METRICS_NAMESPACE });

/** One data point with the queue (category) as its dimension, written at once as an EMF line. */
export function recordQueueMetric(name: (typeof METRIC)[keyof typeof METRIC], queue: Category, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value = 1): void {
  const single = metrics.singleMetric();
  single.addDimension('queue', queue);
  single.addMetric(name, unit, value);
}
