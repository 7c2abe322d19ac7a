import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { createAgentApiApp } from '../../functions/agent-api/create-app.ts';
import { createFeedbackHandler } from '../../functions/feedback/create-handler.ts';
import { createIngestHandler } from '../../functions/ingest/create-handler.ts';
import { createMailerHandler } from '../../functions/mailer/create-handler.ts';
import { createSlaHandler } from '../../functions/sla/create-handler.ts';
import { type AwsClients, createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { parseEnv } from '../../lib/config/function-env.ts';
import { TriageError } from '../../lib/domain/errors.ts';
import { type Clock, systemClock } from '../../lib/domain/ports.ts';
import type { Locale } from '../../lib/domain/ticket.ts';
import { findHeaderEnd } from '../../lib/mail/charset.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { readTemplateDir } from '../../templates/template-dir.ts';
import { definedEnvironment, type FunctionWiring, functionRegistry } from '../function-registry.ts';
import { bucket as bucketSpec, type FunctionName, functions, type QueueName, queues } from '../topology.ts';
import { type EmulatorEndpoints, type RunningEmulators, startEmulators } from './emulators.ts';
import { type RunningHttpServer, serveOnLoopback } from './http-server.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-credentials.ts';
import { type LocalIdentity, type LocalUser, startLocalIdentity } from './local-identity.ts';
import { type LocalEvent, type Progress, silentProgress } from './progress.ts';
import { type LocalResources, provision } from './provision.ts';
import { recordSentMail } from './sent-mail-recorder.ts';
import { type ReceiptVerdicts, type RunningSmtpReceiver, startSmtpReceiver } from './smtp-receiver.ts';
import { type SqsHandler, SqsPoller } from './sqs-poller.ts';

/** An alert as an SQS subscriber of the alerts topic receives it (the SNS envelope). */
export interface AlertMessage {
  readonly Subject: string;
  readonly Message: string;
}

export interface SentMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly inReplyTo?: string;
  /** The References header as sent. */
  readonly references?: string;
  readonly autoSubmitted?: string;
}

export interface LocalStackOptions {
  /** Prefix of every resource name; tests use a unique one each so they do not share state. */
  readonly prefix?: string;
  /** Domains the SMTP listener receives for. */
  readonly domains?: readonly string[];
  /** Support addresses, the default first (default: `support@` each domain): automatic mail goes out only from these. */
  readonly supportAddresses?: readonly string[];
  readonly clock?: Clock;
  /** Reuse emulators that are already running (tests start them once in a global setup). */
  readonly emulators?: EmulatorEndpoints;
  readonly teamName?: string;
  /** The team's name per language as JSON (TEAM_NAMES), as cdk.json's teamNames. */
  readonly teamNames?: string;
  readonly timeZone?: string;
  /**
   * Offer a failed record again after this many seconds rather than after its queue's visibility
   * timeout (topology.ts), which the pollers honour by default, on the stack's clock.
   */
  readonly retryDelaySeconds?: number;
  /** SLA policies and calendar as JSON (the functions' SLA_CONFIG); defaults when absent. */
  readonly slaConfig?: string;
  /** A folder of template overrides (`NAME/LOCALE/PART.hbs`): checked first, then uploaded where the mailer reads them. */
  readonly templateDir?: string;
  /** Language of the notices to supervisors (the mailer's NOTICE_LOCALE). */
  readonly noticeLocale?: Locale;
  /** Who may sign in to the agent API (default: agent1, agent2, lead). */
  readonly agents?: readonly LocalUser[];
  /** The receiving checks' verdicts per message (default: all pass, as for an authenticated sender); tests play forgeries with it. */
  readonly verdicts?: ReceiptVerdicts;
  /** Reply language when the customer's cannot be told (the ingest function's DEFAULT_LOCALE). */
  readonly defaultLocale?: Locale;
  /** Shows the long steps of starting (a terminal's spinner in the CLI); silent by default. */
  readonly progress?: Progress;
  /** Told of each message received, each mail sent and each alert published (`npm start` logs them). */
  readonly onEvent?: (event: LocalEvent) => void;
}

type SweepHandler = ReturnType<typeof createSlaHandler>;

/**
 * The whole pipeline on one machine: emulators, the topology's resources,
 * the SMTP stand-in for SES receiving, and the same function handlers AWS
 * runs, invoked by local event-source pollers.
 */
export class LocalStack {
  private constructor(
    readonly endpoints: EmulatorEndpoints,
    readonly resources: LocalResources,
    readonly clients: AwsClients,
    readonly smtp: RunningSmtpReceiver,
    readonly handlers: Readonly<Record<FunctionName, SqsHandler>>,
    private readonly pollers: Readonly<Record<FunctionName, SqsPoller>>,
    private readonly sweeper: SweepHandler,
    /** The agent API on a loopback port, and the sign-in service whose tokens it accepts. */
    readonly api: RunningHttpServer,
    readonly identity: LocalIdentity,
    private readonly ownEmulators: RunningEmulators | undefined,
    private readonly clock: Clock,
  ) {}

  private sweepTimer: NodeJS.Timeout | undefined;

  /** The stack's DynamoDB stores, for reports and tests. */
  get stores(): DynamoStores {
    return dynamoStores(this.clients.documents, this.resources.tableName);
  }

  static async start(options: LocalStackOptions = {}): Promise<LocalStack> {
    // Bad overrides stop the start with every problem listed, before anything runs.
    const templateFiles = options.templateDir ? await readTemplateDir(options.templateDir) : [];
    TemplateCatalog.withOverrides(templateFiles, options.templateDir ?? '');
    const progress = options.progress ?? silentProgress;
    const ownEmulators = options.emulators ? undefined : await startEmulators(progress);
    const endpoints = options.emulators ?? ownEmulators!.endpoints;
    try {
      const clients = createAwsClients({ region: LOCAL_REGION, endpoints, credentials: LOCAL_CREDENTIALS });
      const resources = await progress.step('Creating the table, queues, topics and bucket', () => provision(clients, options.prefix ?? 'triage'));
      const clock = options.clock ?? systemClock;
      const onEvent = options.onEvent;
      const sentEvent = (raw: Uint8Array) => {
        const at = clock.now();
        headlineOf(raw).then(
          (headline) => onEvent?.({ kind: 'sent', at, ...headline }),
          () => undefined,
        );
      };
      recordSentMail(clients, resources.bucket, onEvent ? sentEvent : undefined);
      if (onEvent) reportAlerts(clients, resources.topics.alerts, (subject) => onEvent({ kind: 'alert', at: clock.now(), subject }));
      const wiring: FunctionWiring = {
        tableName: resources.tableName,
        outboundQueueUrl: resources.queues.outbound.url,
        alertsTopicArn: resources.topics.alerts,
        supportAddresses: options.supportAddresses ?? (options.domains ?? ['example.com']).map((d) => `support@${d}`),
        ...(templateFiles.length > 0 ? { templateBucket: resources.bucket } : {}),
        settings: {
          ...(options.teamName ? { teamName: options.teamName } : {}),
          ...(options.teamNames ? { teamNames: options.teamNames } : {}),
          ...(options.timeZone ? { teamTimeZone: options.timeZone } : {}),
          ...(options.noticeLocale ? { noticeLocale: options.noticeLocale } : {}),
          ...(options.defaultLocale ? { defaultLocale: options.defaultLocale } : {}),
          ...(options.slaConfig ? { slaConfig: options.slaConfig } : {}),
        },
      };
      // The same environments the CDK stack gives the functions, validated by the same schemas.
      const { ingest, mailer, feedback, sla } = functionRegistry;
      const local = (env: Record<string, string | undefined>) => ({ AWS_REGION: LOCAL_REGION, ...definedEnvironment(env) });
      for (const file of templateFiles) {
        await clients.s3.send(new PutObjectCommand({ Bucket: resources.bucket, Key: `${bucketSpec.templatesPrefix}${file.path}`, Body: file.content }));
      }
      const smtp = await startSmtpReceiver({
        clients,
        bucket: resources.bucket,
        topicArn: resources.topics.inboundMail,
        domains: options.domains ?? ['example.com'],
        clock,
        ...(options.verdicts ? { verdicts: options.verdicts } : {}),
        ...(onEvent
          ? {
              onReceived: (n, raw) => {
                const at = clock.now();
                headlineOf(raw).then(
                  ({ subject }) => onEvent({ kind: 'received', at, from: n.mail.source, to: n.receipt.recipients, subject }),
                  () => undefined,
                );
              },
            }
          : {}),
      });
      const handlers: Record<FunctionName, SqsHandler> = {
        ingest: createIngestHandler(parseEnv(ingest.schema, local(ingest.environment(wiring)), 'ingest'), clients, clock),
        mailer: createMailerHandler(parseEnv(mailer.schema, local(mailer.environment(wiring)), 'mailer'), clients, clock),
        feedback: createFeedbackHandler(parseEnv(feedback.schema, local(feedback.environment(wiring)), 'feedback'), clients, clock),
      };
      const poller = (name: FunctionName) => {
        const spec = functions[name];
        const queue = resources.queues[spec.trigger];
        return new SqsPoller({
          sqs: clients.sqs,
          functionName: name,
          queueUrl: queue.url,
          queueArn: queue.arn,
          region: LOCAL_REGION,
          batchSize: spec.batchSize,
          timeoutSeconds: spec.timeoutSeconds,
          memoryMb: spec.memoryMb,
          handler: handlers[name],
          visibilityTimeoutSeconds: queues[spec.trigger].visibilityTimeoutSeconds,
          clock,
          ...(options.retryDelaySeconds !== undefined ? { retryDelaySeconds: options.retryDelaySeconds } : {}),
        });
      };
      const pollers = { ingest: poller('ingest'), mailer: poller('mailer'), feedback: poller('feedback') };
      const sweeper = createSlaHandler(parseEnv(sla.schema, local(sla.environment(wiring)), 'sla'), clients, clock);
      const { agentApi } = functionRegistry;
      const identity = await startLocalIdentity(options.agents);
      const apiEnv = parseEnv(agentApi.schema, local(agentApi.environment({ ...wiring, auth: identity })), 'agent-api');
      const api = await serveOnLoopback(createAgentApiApp(apiEnv, clients, clock).fetch);
      return new LocalStack(endpoints, resources, clients, smtp, handlers, pollers, sweeper, api, identity, ownEmulators, clock);
    } catch (error) {
      await ownEmulators?.stop();
      throw error;
    }
  }

  get sesViewerUrl(): string {
    return `${this.endpoints.ses}/`;
  }

  /** Sends raw MIME to the local SMTP listener, as a customer's mail server would. */
  async deliver(raw: Buffer, envelope?: { from: string; to: readonly string[] }): Promise<void> {
    const env = envelope ?? (await envelopeOf(raw));
    const transport = nodemailer.createTransport({ host: this.smtp.host, port: this.smtp.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: env.from, to: [...env.to] }, raw });
    } finally {
      transport.close();
    }
  }

  /**
   * Runs the pollers until every queue is empty: the whole pipeline settles.
   * Failed records come back after their queue's visibility timeout, as in
   * AWS; with a clock that can be advanced (a test clock), the wait is a jump
   * of that clock. Records that keep failing end in their DLQ along the way.
   */
  async drain(timeoutMs = 60_000, only: readonly FunctionName[] = Object.keys(this.pollers) as FunctionName[]): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let handled = 0;
      for (const name of only) handled += await this.pollers[name].pollOnce(0);
      if (handled > 0) continue;
      if ((await this.pendingMessages(only)) === 0) return;
      const retries = only.flatMap((name) => this.pollers[name].nextRetryAt() ?? []);
      const now = this.clock.now().getTime();
      if (retries.length > 0 && isAdjustable(this.clock) && Math.min(...retries) > now) {
        this.clock.advance(Math.min(...retries) - now);
        continue;
      }
      await new Promise((r) => setTimeout(r, 50)); // records in flight or waiting out their visibility timeout
    }
    throw new TriageError(`The local pipeline did not settle within ${timeoutMs} ms`);
  }

  /** Messages visible or in flight across the function queues (not the DLQs), or the queues of some functions. */
  async pendingMessages(of?: readonly FunctionName[]): Promise<number> {
    const names = of ? [...new Set(of.map((f) => functions[f].trigger))] : (Object.keys(this.resources.queues) as QueueName[]);
    let total = 0;
    for (const name of names) total += await this.queueDepth(this.resources.queues[name].url);
    return total;
  }

  /** Every message sent through SES so far, read back from the exact raw copies under `sent/`. */
  async sentMail(): Promise<SentMail[]> {
    const { bucket } = this.resources;
    const sent: SentMail[] = [];
    let token: string | undefined;
    do {
      const page = await this.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: bucketSpec.sentPrefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const out = await this.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
        const mail = await simpleParser(Buffer.from(await out.Body!.transformToByteArray()));
        const autoSubmitted = mail.headers.get('auto-submitted');
        sent.push({
          from: mail.from?.value[0]?.address ?? '',
          to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          ...(typeof mail.headers.get('references') === 'string' || Array.isArray(mail.headers.get('references'))
            ? { references: [mail.headers.get('references') as string | string[]].flat().join(' ') }
            : {}),
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
          ...(typeof autoSubmitted === 'string' ? { autoSubmitted } : {}),
        });
      }
      token = page.NextContinuationToken;
    } while (token);
    return sent;
  }

  /**
   * Subscribes a queue to the alerts topic, as supervisors' tooling would;
   * the function returned drains what was published since it was last called.
   */
  async listenToAlerts(): Promise<() => Promise<AlertMessage[]>> {
    const { QueueUrl } = await this.clients.sqs.send(new CreateQueueCommand({ QueueName: `${this.resources.tableName}-alerts-listener` }));
    const { Attributes } = await this.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await this.clients.sns.send(new SubscribeCommand({ TopicArn: this.resources.topics.alerts, Protocol: 'sqs', Endpoint: Attributes!.QueueArn }));
    return async () => {
      const out: AlertMessage[] = [];
      for (;;) {
        const { Messages = [] } = await this.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        if (Messages.length === 0) return out;
        out.push(...Messages.map((m) => JSON.parse(m.Body!) as AlertMessage));
      }
    };
  }

  async queueDepth(queueUrl: string): Promise<number> {
    const { Attributes: a = {} } = await this.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
  }

  /** What EventBridge does every minute: one sweep of due SLA timers (at the stack's clock). */
  sweep() {
    return this.sweeper({
      version: '0',
      id: 'local',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: LOCAL_REGION,
      resources: [],
      detail: {},
    });
  }

  /** Long-lived mode (`npm start`): poll continuously and sweep every minute until stop(). */
  startPolling(onError: (error: unknown) => void): void {
    for (const p of Object.values(this.pollers)) p.start(onError);
    this.sweepTimer = setInterval(() => this.sweep().catch(onError), 60_000);
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all(Object.values(this.pollers).map((p) => p.stop()));
    await this.smtp.stop();
    await this.api.stop();
    await this.identity.stop();
    for (const c of Object.values(this.clients)) (c as { destroy?: () => void }).destroy?.();
    await this.ownEmulators?.stop();
  }
}

/** A clock tests move by hand (test/helpers/clock.ts). */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}

/** Recipients and subject of a message, for the event log: only its header block is read (a message may be 40 MB). */
async function headlineOf(raw: Uint8Array): Promise<{ to: string[]; subject: string }> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const window = bytes.subarray(0, 256 * 1024);
  const head = window.subarray(0, findHeaderEnd(window));
  const mail = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((o) => o.value.map((a) => a.address ?? ''));
  return { to: to.filter(Boolean), subject: mail.subject ?? '' };
}

/** Tells of every alert published to the alerts topic, as a subscriber would hear of it at once. */
function reportAlerts(clients: AwsClients, topicArn: string, onAlert: (subject: string) => void): void {
  clients.sns.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as { TopicArn?: string; Subject?: string; Message?: string };
      if (context.commandName === 'PublishCommand' && input.TopicArn === topicArn) onAlert(input.Subject ?? input.Message?.split('\n', 1)[0] ?? '');
      return result;
    },
    { step: 'initialize', name: 'reportLocalAlerts' },
  );
}

async function envelopeOf(raw: Buffer): Promise<{ from: string; to: string[] }> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const list = (v: typeof mail.to) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((o) => o.value.map((a) => a.address ?? ''));
  const to = [...list(mail.to), ...list(mail.cc)].filter(Boolean);
  const from = mail.from?.value[0]?.address ?? '';
  if (to.length === 0) throw new TriageError('The message has no To or Cc address to deliver it to');
  return { from, to };
}
