import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { DynamoOutboundLedger } from '../../lib/adapters/aws/dynamo-outbound-ledger.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import { DynamoTicketRepository } from '../../lib/adapters/aws/dynamo-ticket-repository.ts';
import { readTemplateFiles } from '../../lib/adapters/aws/s3-template-files.ts';
import { SesMailSender } from '../../lib/adapters/aws/ses-mail-sender.ts';
import { SnsAlertPublisher } from '../../lib/adapters/aws/sns-alert-publisher.ts';
import { autoReplyPolicyOf, type MailerEnv } from '../../lib/config/function-env.ts';
import { ValidationError } from '../../lib/domain/errors.ts';
import { parseJsonText } from '../../lib/domain/json-text.ts';
import { type OutboundJob, OutboundJobSchema } from '../../lib/domain/outbound-job.ts';
import { type Clock, type MailRenderer, systemClock } from '../../lib/domain/ports.ts';
import { describeZodError } from '../../lib/domain/zod-issues.ts';
import { logger, METRIC, recordQueueMetric } from '../../lib/telemetry.ts';
import { AUTO_REPLIES, type SendOutcome, sendOutboundMail } from '../../lib/use-cases/send-outbound-mail.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { TemplateMailRenderer } from '../../templates/mail-renderer.ts';
import { templateProvider } from '../../templates/template-provider.ts';
import { sqsBatchHandler } from '../sqs-batch.ts';

/** Composition root of the mailer function: SQS outbound jobs → SES. */
export function createMailerHandler(
  env: MailerEnv,
  clients: Pick<AwsClients, 'documents' | 's3' | 'ses'> & { sns: AwsClients['sns'] | (() => Promise<AwsClients['sns']>) },
  clock: Clock = systemClock,
) {
  const deps = {
    tickets: new DynamoTicketRepository(clients.documents, env.TABLE_NAME),
    ledger: new DynamoOutboundLedger(clients.documents, env.TABLE_NAME),
    sender: new SesMailSender(clients.ses, env.SES_CONFIGURATION_SET),
    alerts: new SnsAlertPublisher(clients.sns, env.ALERTS_TOPIC_ARN),
    suppressions: new DynamoSuppressionStore(clients.documents, env.TABLE_NAME),
    clock,
    teamName: env.TEAM_NAME,
    ...(env.TEAM_NAMES ? { teamNames: env.TEAM_NAMES } : {}),
    timeZone: env.TEAM_TIME_ZONE,
    noticeLocale: env.NOTICE_LOCALE,
    renderer: rendererFor(env, clients, clock),
    policy: autoReplyPolicyOf(env),
    supportAddresses: env.SUPPORT_ADDRESSES,
  };
  return sqsBatchHandler('mailer', async (record) => {
    const parsed = OutboundJobSchema.safeParse(parseJsonText(record.body, 'Outbound job'));
    if (!parsed.success) throw new ValidationError(`Outbound job is invalid: ${describeZodError(parsed.error)}`);
    const attempt = { receive: Number(record.attributes.ApproximateReceiveCount) || 1, maxReceives: env.OUTBOUND_MAX_RECEIVES };
    const outcome = await sendOutboundMail(parsed.data, deps, attempt);
    if (outcome.status === 'skipped' && outcome.reason === 'in-progress') {
      // Another attempt holds the job; fail this record so SQS offers it again after the lease.
      throw new Error(`Outbound job ${parsed.data.jobId} is being sent by another attempt`);
    }
    recordOutcome(parsed.data, outcome, clock);
    logger.info('outbound', { jobId: parsed.data.jobId, ticketId: parsed.data.ticketId, ...outcome });
  });
}

/** Time from receipt to the first reply, and permanent rejections, per queue: the dashboard and the send-failure alarm read them. */
function recordOutcome(job: OutboundJob, outcome: SendOutcome, clock: Clock): void {
  if (job.kind === 'alert' || job.kind === 'agent-reply' || !outcome.category) return;
  if (outcome.status === 'sent' && AUTO_REPLIES.has(job.kind) && outcome.receivedAt) {
    recordQueueMetric(METRIC.acknowledgementLatency, outcome.category, MetricUnit.Milliseconds, Math.max(0, clock.now().getTime() - Date.parse(outcome.receivedAt)));
  }
  if (outcome.status === 'skipped' && outcome.reason.startsWith('rejected:')) recordQueueMetric(METRIC.sendRejected, outcome.category, MetricUnit.Count);
}

/** Built-in templates, or with the overrides under TEMPLATE_PREFIX, re-read every five minutes. */
function rendererFor(env: MailerEnv, clients: Pick<AwsClients, 's3'>, clock: Clock): () => Promise<MailRenderer> {
  const catalog = catalogFor(env, clients, clock);
  return async () => new TemplateMailRenderer(await catalog());
}

function catalogFor(env: MailerEnv, clients: Pick<AwsClients, 's3'>, clock: Clock): () => Promise<TemplateCatalog> {
  const { TEMPLATE_BUCKET: bucket, TEMPLATE_PREFIX: prefix } = env;
  if (!bucket || !prefix) return () => Promise.resolve(TemplateCatalog.builtIn());
  return templateProvider({
    load: () => readTemplateFiles(clients.s3, bucket, prefix),
    origin: `s3://${bucket}/${prefix}`,
    clock,
    // A broken upload must not stop customer mail: the last good templates stay in use, and the error is logged.
    onRejected: (error) => logger.error('Template overrides rejected; the previous templates stay in use', { error: error.message }),
  });
}
