import { readFile } from 'node:fs/promises';
import { ensureConsoleBuilt, serveConsole } from '../infra/local/console-server.ts';
import { LocalStack, type SentMail } from '../infra/local/local-stack.ts';
import { DynamoTicketRepository } from '../lib/adapters/aws/dynamo-ticket-repository.ts';
import { CATEGORIES, type Ticket } from '../lib/domain/ticket.ts';
import { nextDeadline } from '../lib/domain/urgency.ts';
import { announceLocalStack, forgetLocalStack } from './agent-session.ts';
import { parseCommandArgs } from './args.ts';
import { readSlaConfigFile } from './load-sla-config.ts';
import { emlFiles, SAMPLE_MAILBOX } from './paths.ts';

const HELP = `Usage: triage run [PATH…] [--json] [--sla-config FILE] [--templates DIR]

Starts the local stack (DynamoDB Local, SQS/SNS/S3, SES, an SMTP listener),
sends each .eml file (default: the bundled sample mailbox) to the SMTP
listener, lets the ingest and mailer functions process everything, then
prints the ticket queues with their SLA deadlines and the mail that was sent,
and stops.

Options:
  --json              print one JSON object instead of tables
  --keep              keep the stack running afterwards (until Ctrl-C), so the
                      agent commands (triage login, next, reply …) work on these tickets
  --sla-config FILE   SLA policies and business calendar (JSON; see README "SLA")
  --templates DIR     template overrides (NAME/LOCALE/PART.hbs; see README "Replies")
  -h, --help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, keep: { type: 'boolean' }, 'sla-config': { type: 'string' }, templates: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const files = await emlFiles(positionals.length > 0 ? positionals : [SAMPLE_MAILBOX]);
  const slaConfig = await readSlaConfigFile(values['sla-config']);
  // Ctrl-C mid-run: exiting fires the 'exit' hook that stops DynamoDB Local, so no Java process is left behind.
  const interrupted = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  if (!values.keep) {
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
  }
  const stack = await LocalStack.start({ ...(slaConfig ? { slaConfig } : {}), ...(values.templates ? { templateDir: values.templates } : {}) });
  try {
    const receivedAlerts = await stack.listenToAlerts();
    for (const file of files) await stack.deliver(await readFile(file));
    await stack.drain();
    const queues = await readQueues(stack);
    const sent = (await stack.sentMail()).map(({ text: _text, ...summary }) => summary).sort((a, b) => a.subject.localeCompare(b.subject));
    const alerts = (await receivedAlerts()).map((a) => a.Subject).sort();
    const deadLetters = await stack.queueDepth(stack.resources.queues.inbound.dlqUrl);
    if (values.json) {
      console.log(JSON.stringify({ delivered: files.length, queues, sent, alerts, deadLetters }, null, 2));
    } else {
      printReport(files.length, queues, sent, alerts, deadLetters);
    }
    if (values.keep) await keepRunning(stack);
    return 0;
  } finally {
    await stack.stop();
  }
}

/** Leaves the stack up for the agents' commands until Ctrl-C, polling and sweeping as `npm start` does. */
async function keepRunning(stack: LocalStack): Promise<void> {
  stack.startPolling((error) => console.error(`poller: ${(error as Error).message}`));
  await announceLocalStack({ apiUrl: stack.api.url, identityUrl: stack.identity.url });
  const agentConsole = await serveConsole({ apiUrl: stack.api.url, identityUrl: stack.identity.url }, await ensureConsoleBuilt());
  console.error(`\nThe stack keeps running: agent API ${stack.api.url}. In another terminal: npx triage login agent1 --password agent1-local. Ctrl-C stops it.`);
  console.error(`Agent console: ${agentConsole.url}/ (sign in as agent1 / agent1-local, agent2 / agent2-local or lead / lead-local)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await forgetLocalStack();
  await agentConsole.stop();
}

/** A queue entry of the report: the ticket and when a person must act on it next. */
type QueueEntry = Ticket & { readonly dueAt?: string };

async function readQueues(stack: LocalStack): Promise<Record<string, QueueEntry[]>> {
  const store = new DynamoTicketRepository(stack.clients.documents, stack.resources.tableName);
  const queues: Record<string, QueueEntry[]> = {};
  for (const category of CATEGORIES) {
    queues[category] = (await store.listQueue(category, 'open')).map((t) => {
      const dueAt = nextDeadline(t);
      return dueAt ? { ...t, dueAt } : t;
    });
  }
  return queues;
}

function printReport(delivered: number, queues: Record<string, QueueEntry[]>, sent: ReadonlyArray<Omit<SentMail, 'text'>>, alerts: readonly string[], deadLetters: number): void {
  const total = Object.values(queues).reduce((n, q) => n + q.length, 0);
  console.log(`Delivered ${delivered} message(s); ${total} open ticket(s).\n`);
  console.log('Queues (open tickets, most urgent first)');
  for (const [category, tickets] of Object.entries(queues)) {
    console.log(`\n  ${category} (${tickets.length})`);
    for (const t of tickets) {
      const customer = t.customer.name ? `${t.customer.name} <${t.customer.address}>` : t.customer.address;
      const flags = [t.classification.needsReview ? 'needs review' : '', t.autoReplySuppressed ?? ''].filter(Boolean).join(', ');
      console.log(`    ${t.ticketId}  due ${t.dueAt ? formatUtc(t.dueAt) : '—'}  ${customer}  “${t.subject}”${flags ? `  [${flags}]` : ''}`);
    }
  }
  console.log(`\nSent mail (${sent.length})`);
  for (const m of sent) console.log(`  → ${m.to}  “${m.subject}”`);
  console.log(`\nAlerts to supervisors (${alerts.length})`);
  for (const subject of alerts) console.log(`  ! ${subject}`);
  console.log(`\nInbound dead-letter queue: ${deadLetters === 0 ? 'empty' : `${deadLetters} message(s)`}`);
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
