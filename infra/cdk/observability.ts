import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CATEGORIES } from '../../lib/domain/ticket.ts';
import { METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../../lib/telemetry.ts';
import { type QueueName, queues } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';

export interface ObservabilityProps {
  readonly config: DeployConfig;
  readonly topicKey: kms.IKey;
  readonly inbound: sqs.IQueue;
  readonly deadLetters: Record<QueueName, sqs.IQueue>;
  readonly functions: readonly lambda.IFunction[];
}

type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** One of our EMF metrics for one queue (the functions write them with the dimensions service and queue). */
function queueMetric(name: MetricName, queue: string, statistic = 'Sum', period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME, queue }, statistic, period });
}

/** The sum over the four queues, as one line or one alarm. */
function allQueues(name: MetricName, label: string, period = Duration.minutes(5)): cloudwatch.MathExpression {
  const usingMetrics = Object.fromEntries(CATEGORIES.map((c) => [c, queueMetric(name, c, 'Sum', period)]));
  return new cloudwatch.MathExpression({ expression: CATEGORIES.join(' + '), usingMetrics, label, period });
}

/** Alarms to the ops topic, and a dashboard of volume, SLA attainment and time to first reply. */
export class Observability extends Construct {
  readonly ops: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.ops = new sns.Topic(this, 'Ops', { enforceSSL: true, masterKey: props.topicKey });
    for (const email of props.config.opsEmails) this.ops.addSubscription(new subs.EmailSubscription(email));
    const action = new cwActions.SnsAction(this.ops);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string) =>
      new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);

    for (const [name, dlq] of Object.entries(props.deadLetters) as Array<[QueueName, sqs.IQueue]>) {
      const spec = queues[name];
      alarm(
        `${spec.logicalName}DlqNotEmpty`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        1,
        `A ${name} message failed ${spec.maxReceiveCount} times and waits in its DLQ; the function's log has the error. Redrive it once fixed.`,
      );
    }
    alarm(
      'InboundOldestMessage',
      props.inbound.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
      300,
      'Inbound mail has waited more than 5 minutes: ingest is stuck or failing.',
    );
    for (const f of props.functions) {
      alarm(`${f.node.id}Errors`, f.metricErrors({ period: Duration.minutes(5) }), 1, `${f.node.id} threw errors in the last 5 minutes.`);
    }
    alarm('SlaBreaches', allQueues(METRIC.slaBreached, 'SLA breaches'), 1, 'An SLA target was breached; supervisors got the notice on the alerts topic.');
    alarm('SendRejected', allQueues(METRIC.sendRejected, 'Sends rejected'), 1, 'SES refused to send a reply for good; the reason is on the ticket.');
    const bounceRate = new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) });
    alarm('SesBounceRate', bounceRate, 0.05, 'The account bounce rate passed 5 %; SES reviews accounts above 5 % and may pause sending at 10 %.');

    const perQueue = (name: MetricName, statistic = 'Sum') => CATEGORIES.map((c) => queueMetric(name, c, statistic, Duration.hours(1)).with({ label: c }));
    const attainment = CATEGORIES.map(
      (c) =>
        new cloudwatch.MathExpression({
          // Share of the hour's new tickets that did not breach: a proxy that needs no per-ticket query.
          expression: `IF(created_${c} > 0, 100 * (1 - breached_${c} / created_${c}), 100)`,
          usingMetrics: {
            [`created_${c}`]: queueMetric(METRIC.ticketsCreated, c, 'Sum', Duration.hours(1)),
            [`breached_${c}`]: queueMetric(METRIC.slaBreached, c, 'Sum', Duration.hours(1)),
          },
          label: c,
          period: Duration.hours(1),
        }),
    );
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'New tickets per queue (per hour)', left: perQueue(METRIC.ticketsCreated), stacked: true, width: 12 }),
          new cloudwatch.GraphWidget({ title: 'SLA attainment per queue (% of new tickets without a breach)', left: attainment, leftYAxis: { min: 0, max: 100 }, width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Receipt to first reply (p50 and p95, ms)',
            left: [
              ...perQueue(METRIC.acknowledgementLatency, 'p50').map((m) => m.with({ label: `${m.label} p50` })),
              ...perQueue(METRIC.acknowledgementLatency, 'p95').map((m) => m.with({ label: `${m.label} p95` })),
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({ title: 'SLA at risk and breached (per hour)', left: perQueue(METRIC.slaAtRisk), right: perQueue(METRIC.slaBreached), width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Dead letters', left: Object.values(props.deadLetters).map((q) => q.metricApproximateNumberOfMessagesVisible()), width: 12 }),
          new cloudwatch.GraphWidget({ title: 'Function errors', left: props.functions.map((f) => f.metricErrors()), width: 12 }),
        ],
      ],
    });
  }
}
