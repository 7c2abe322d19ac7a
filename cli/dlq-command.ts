import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { physicalNames, type QueueName, queues } from '../infra/topology.ts';
import { type AwsClients, createAwsClients } from '../lib/adapters/aws/clients.ts';
import { type DeadLetter, DeadLetterQueue } from '../lib/adapters/aws/dead-letter-queue.ts';
import { dynamoStores } from '../lib/adapters/aws/dynamo-stores.ts';
import { S3RawMailStore } from '../lib/adapters/aws/s3-raw-mail-store.ts';
import { parseInboundRecordBody, toInboundDelivery } from '../lib/adapters/aws/ses-notification.ts';
import { NotFoundError } from '../lib/domain/errors.ts';
import { parseJsonText } from '../lib/domain/json-text.ts';
import { OutboundJobSchema } from '../lib/domain/outbound-job.ts';
import { helpText, parseCommandArgs, UsageError, unknownSubcommand } from './args.ts';

const HELP = `Usage: triage dlq list [options]
       triage dlq show QUEUE [--max N] [options]
       triage dlq redrive QUEUE [--max N] [options]

The dead-letter queues: how many messages each holds (list), why each one
died (show: the SES notification or outbound job, its receive count, and what
the stores say about it: raw mail missing, ticket missing, the failure noted on
the ticket), and replaying them into their queue once the cause is fixed
(redrive: each message is sent back before it is deleted from the DLQ).
QUEUE is one of: ${Object.keys(queues).join(', ')}.

Options:
  --prefix P              resource name prefix of a local stack (default: triage, as 'npm start' uses)
  --endpoint URL          SQS/SNS/S3 endpoint of a local stack (or TRIAGE_SQS_ENDPOINT); without one: your AWS account
  --dynamodb-endpoint URL DynamoDB endpoint of a local stack (or TRIAGE_DYNAMODB_ENDPOINT)
  --table NAME            tickets table (default: PREFIX-Tickets)
  --queue-url URL         in AWS: the source queue's URL (stack output or console)
  --dlq-url URL           in AWS: the dead-letter queue's URL
  --region R              AWS region (default: AWS_REGION or us-east-1)
  --max N                 messages to show or redrive (default 10 / 100)
  --json                  machine-readable output`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    prefix: { type: 'string' },
    endpoint: { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    table: { type: 'string' },
    'queue-url': { type: 'string' },
    'dlq-url': { type: 'string' },
    region: { type: 'string' },
    max: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  const [sub, queueArg, ...extra] = positionals;
  if (!sub || !['list', 'show', 'redrive'].includes(sub)) throw unknownSubcommand(sub, ['list', 'show', 'redrive'], "the subcommands are 'list', 'show QUEUE' and 'redrive QUEUE'");
  if (extra.length > 0 || (sub === 'list' && queueArg && !isQueue(queueArg))) throw new UsageError(`unexpected argument '${extra[0] ?? queueArg}'`);
  if (sub !== 'list' && !queueArg) throw new UsageError(`'dlq ${sub}' needs a QUEUE: one of ${Object.keys(queues).join(', ')}`);
  if (queueArg && !isQueue(queueArg)) throw new UsageError(`unknown queue '${queueArg}': one of ${Object.keys(queues).join(', ')}`, false);
  const max = values.max === undefined ? (sub === 'redrive' ? 100 : 10) : Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError(`--max must be a positive whole number, not '${values.max}'`);
  const endpoint = values.endpoint ?? process.env.TRIAGE_SQS_ENDPOINT;
  const dynamodb = values['dynamodb-endpoint'] ?? process.env.TRIAGE_DYNAMODB_ENDPOINT;
  for (const url of [endpoint, dynamodb]) if (url && !/^https?:\/\/\S+$/.test(url)) throw new UsageError(`an endpoint must be an http(s) URL, not '${url}'`);
  const clients = createAwsClients({
    region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint || dynamodb
      ? {
          endpoints: { ...(endpoint ? { sqs: endpoint, s3: endpoint, sns: endpoint } : {}), ...(dynamodb ? { dynamodb } : {}) },
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const prefix = values.prefix ?? 'triage';
  const names = physicalNames(prefix);
  const urlOf = async (name: string) => (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  try {
    const dlqOf = async (q: QueueName) => new DeadLetterQueue(clients.sqs, values['dlq-url'] ?? (await urlOf(names.deadLetterQueue(q))));
    if (sub === 'list') {
      const rows = [];
      for (const q of queueArg ? [queueArg as QueueName] : (Object.keys(queues) as QueueName[])) rows.push({ queue: q, deadLetters: await (await dlqOf(q)).depth() });
      if (values.json) console.log(JSON.stringify(rows));
      else for (const r of rows) console.log(`${r.queue.padEnd(10)} ${String(r.deadLetters).padStart(6)} dead letter${r.deadLetters === 1 ? '' : 's'}`);
      return 0;
    }
    const queue = queueArg as QueueName;
    const dlq = await dlqOf(queue);
    if (sub === 'show') {
      const letters = await dlq.peek(max);
      const explained = [];
      for (const letter of letters) explained.push({ ...letter, why: await whyDead(queue, letter, clients, values.table ?? names.table) });
      if (values.json) for (const e of explained) console.log(JSON.stringify(e));
      else if (explained.length === 0) console.log(`The ${queue} dead-letter queue is empty.`);
      else for (const e of explained) console.log(`${e.messageId}  received ${e.receiveCount}×${e.sentAt ? `  first sent ${e.sentAt}` : ''}\n  ${e.why}`);
      return 0;
    }
    const moved = await dlq.redrive(values['queue-url'] ?? (await urlOf(names.queue(queue))), max);
    console.log(values.json ? JSON.stringify({ queue, redriven: moved }) : `Sent ${moved} message${moved === 1 ? '' : 's'} back to the ${queue} queue.`);
    return 0;
  } finally {
    for (const c of Object.values(clients)) (c as { destroy?: () => void }).destroy?.();
  }
}

function isQueue(name: string): name is QueueName {
  return Object.hasOwn(queues, name);
}

/** What the stores say about a dead letter: the likeliest reason it died, in one line. */
async function whyDead(queue: QueueName, letter: DeadLetter, clients: AwsClients, table: string): Promise<string> {
  const stores = dynamoStores(clients.documents, table);
  try {
    if (queue === 'inbound') {
      const delivery = toInboundDelivery(parseInboundRecordBody(letter.body));
      const recorded = await stores.deliveries.find(delivery.deliveryKey);
      if (recorded) {
        const what = `SES message ${delivery.deliveryKey}: recorded since as ${recorded.outcome}${recorded.ticketId ? ` (${recorded.ticketId})` : ''}`;
        // The delivery that opens a ticket is recorded just before the ticket: a redrive writes what is missing and queues what it owes, sending nothing twice.
        return recorded.outcome === 'ticket-created' ? `${what}; a redrive finishes what it owes and sends nothing twice` : `${what}; a redrive changes nothing`;
      }
      try {
        await new S3RawMailStore(clients.s3).load(delivery.raw);
      } catch (error) {
        if (error instanceof NotFoundError) return `SES message ${delivery.deliveryKey}: the raw mail is missing at s3://${delivery.raw.bucket}/${delivery.raw.key}`;
        throw error;
      }
      return `SES message ${delivery.deliveryKey}: the raw mail is there; ingest failed on every attempt (search the ingest logs for sesMessageId ${delivery.deliveryKey})`;
    }
    if (queue === 'outbound') {
      const parsed = OutboundJobSchema.safeParse(parseJsonText(letter.body, 'Outbound job'));
      if (!parsed.success) return `not a valid outbound job: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
      const job = parsed.data;
      const ticket = await stores.tickets.getTicket(job.ticketId);
      if (!ticket) return `job ${job.jobId}: ticket ${job.ticketId} does not exist`;
      const notes = (await stores.tickets.getThread(job.ticketId)).filter((m) => m.messageKey.startsWith(`${job.jobId}#`));
      const last = notes.at(-1);
      return `job ${job.jobId} (${job.kind} for ${job.ticketId}): ${last ? last.text : 'failed on every attempt; nothing was noted on the ticket (search the mailer logs for the job id)'}`;
    }
    return 'an SES bounce or complaint notification the feedback function could not handle (search its logs for the message id)';
  } catch (error) {
    return `unreadable: ${(error as Error).message.split('\n')[0]}`;
  }
}
