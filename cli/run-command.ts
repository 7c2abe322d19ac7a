import type { LocalStack, SentMail } from '../infra/local/local-stack.ts';
import { type Progress, silentProgress } from '../infra/local/progress.ts';
import { CATEGORIES, type Ticket } from '../lib/domain/ticket.ts';
import { nextDeadline } from '../lib/domain/urgency.ts';
import { helpText, parseCommandArgs } from './args.ts';
import { loadLocalStack, localStackSettings, serveUntilStopped } from './local-session.ts';
import { readMessageFile } from './message-file.ts';
import { emlFiles, SAMPLE_MAILBOX } from './paths.ts';
import { printable } from './terminal-text.ts';

const HELP = `Usage: triage run [PATH…] [--json] [--keep] [--quiet] [--sla-config FILE] [--templates DIR]

Starts the local stack (DynamoDB Local, SQS/SNS/S3, SES, an SMTP listener),
sends each .eml file (default: the bundled sample mailbox) to the SMTP
listener, one at a time in file-name order (so the same mailbox gets the same
ticket numbers on every run), lets the ingest and mailer functions process
everything, then prints the ticket queues with their SLA deadlines and the
mail that was sent, and stops. Settings (team name, time zone, languages,
SLA) come from cdk.json, context "inboxTriage", as for 'cdk deploy'.
On a terminal, each step shows its progress on standard error.

Options:
  --json              print one JSON object instead of tables
  --keep              keep the stack running afterwards (until Ctrl-C), so the
                      agent commands (triage login, next, reply …) work on these tickets
  -q, --quiet         no progress (it is never shown when standard error is not a terminal)
  --sla-config FILE   SLA policies and business calendar (JSON; see README "SLA"), instead of cdk.json's
  --templates DIR     template overrides (NAME/LOCALE/PART.hbs; see README "Replies")
  -h, --help          show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    keep: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    'sla-config': { type: 'string' },
    templates: { type: 'string' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  // Everything the user named is checked before anything starts.
  const files = await emlFiles(positionals.length > 0 ? positionals : [SAMPLE_MAILBOX]);
  const messages: Buffer[] = [];
  for (const file of files) messages.push(await readMessageFile(file));
  const { options, progress } = await localStackSettings(values);
  // Ctrl-C mid-run: exiting fires the 'exit' hook that stops DynamoDB Local, so no Java process is left behind.
  const interrupted = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  if (!values.keep) {
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
  }
  const { LocalStack } = await loadLocalStack(progress);
  const stack = await LocalStack.start(options);
  try {
    const report = await runMailbox(stack, messages, progress);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    if (values.keep) await keepRunning(stack, progress);
    return 0;
  } finally {
    await stack.stop();
  }
}

/** What `triage run` prints (`--json` prints exactly this). */
export interface RunReport {
  readonly delivered: number;
  readonly queues: Record<string, QueueEntry[]>;
  readonly sent: ReadonlyArray<Omit<SentMail, 'text'>>;
  readonly alerts: readonly string[];
  readonly deadLetters: number;
}

/**
 * Pushes messages through a running stack and reads back what came of them.
 * Each message is delivered and ingested before the next, so ticket numbers
 * follow the order given: the same mailbox gives the same numbers every run.
 * Replies are then sent together, as the mailer's queue fills.
 */
export async function runMailbox(stack: LocalStack, messages: readonly Buffer[], progress: Progress = silentProgress): Promise<RunReport> {
  const receivedAlerts = await stack.listenToAlerts();
  const n = messages.length;
  await progress.step(`Delivering ${n} message${n === 1 ? '' : 's'}`, async (update) => {
    for (const [i, raw] of messages.entries()) {
      update(`${i + 1}/${n}`);
      await stack.deliver(raw);
      await stack.drain(60_000, ['ingest']);
    }
  });
  return progress.step('Waiting for the replies and alerts', async (update) => {
    await stack.drain();
    const queues = await readQueues(stack);
    const sent = (await stack.sentMail()).map(({ text: _text, ...summary }) => summary).sort((a, b) => a.subject.localeCompare(b.subject));
    const alerts = (await receivedAlerts()).map((a) => a.Subject).sort();
    update(`${sent.length} sent, ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`);
    const deadLetters = await stack.queueDepth(stack.resources.queues.inbound.dlqUrl);
    return { delivered: n, queues, sent, alerts, deadLetters };
  });
}

/** Leaves the stack up for the agents' commands until Ctrl-C, polling and sweeping as `npm start` does. */
async function keepRunning(stack: LocalStack, progress: Progress): Promise<void> {
  await serveUntilStopped(stack, progress, (consoleUrl) => {
    console.error(`\nThe stack keeps running: agent API ${stack.api.url}. In another terminal: npx triage login agent1 --password agent1-local. Ctrl-C stops it.`);
    console.error(`Agent console: ${consoleUrl}/ (sign in as agent1 / agent1-local, agent2 / agent2-local or lead / lead-local)`);
  });
}

/** A queue entry of the report: the ticket and when a person must act on it next. */
type QueueEntry = Ticket & { readonly dueAt?: string };

async function readQueues(stack: LocalStack): Promise<Record<string, QueueEntry[]>> {
  const store = stack.stores.tickets;
  const queues: Record<string, QueueEntry[]> = {};
  for (const category of CATEGORIES) {
    queues[category] = (await store.listQueue(category, 'open')).map((t) => {
      const dueAt = nextDeadline(t);
      return dueAt ? { ...t, dueAt } : t;
    });
  }
  return queues;
}

function printReport({ delivered, queues, sent, alerts, deadLetters }: RunReport): void {
  const total = Object.values(queues).reduce((n, q) => n + q.length, 0);
  console.log(`Delivered ${delivered} message(s); ${total} open ticket(s).\n`);
  console.log('Queues (open tickets, most urgent first)');
  for (const [category, tickets] of Object.entries(queues)) {
    console.log(`\n  ${category} (${tickets.length})`);
    for (const t of tickets) {
      const customer = t.customer.name ? `${t.customer.name} <${t.customer.address}>` : t.customer.address;
      const flags = [t.classification.needsReview ? 'needs review' : '', t.autoReplySuppressed ?? ''].filter(Boolean).join(', ');
      console.log(`    ${t.ticketId}  due ${t.dueAt ? formatUtc(t.dueAt) : '—'}  ${printable(customer)}  “${printable(t.subject)}”${flags ? `  [${flags}]` : ''}`);
    }
  }
  console.log(`\nSent mail (${sent.length})`);
  for (const m of sent) console.log(`  → ${printable(m.to)}  “${printable(m.subject)}”`);
  console.log(`\nAlerts to supervisors (${alerts.length})`);
  for (const subject of alerts) console.log(`  ! ${printable(subject)}`);
  console.log(`\nInbound dead-letter queue: ${deadLetters === 0 ? 'empty' : `${deadLetters} message(s)`}`);
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
