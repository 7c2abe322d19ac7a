import { TriageError } from '../lib/domain/errors.ts';
import { UsageError } from './args.ts';

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  run: { summary: 'push .eml files (default: the sample mailbox) through the whole pipeline on the local stack', load: () => import('./run-command.ts') },
  start: { summary: 'start the local stack and keep it running; prints its endpoints', load: () => import('./start-command.ts') },
  train: {
    summary: 'train the learned classifier model from labelled JSONL files (--corpus FILE …); writes the model and a cross-validated report',
    load: () => import('./train-command.ts'),
  },
  eval: { summary: 'precision, recall, F1 and confusion matrix of the classifier on a labelled JSONL corpus', load: () => import('./eval-command.ts') },
  sla: { summary: 'SLA attainment per queue (report) from a running stack or your AWS table', load: () => import('./sla-command.ts') },
  templates: { summary: 'list the email templates, or preview one with sample data', load: () => import('./templates-command.ts') },
  parse: { summary: 'the normalised message of FILE.eml, or one JSON line per file of a manifest (--manifest)', load: () => import('./parse-command.ts') },
  classify: { summary: 'classify one message (FILE.eml or -) or a JSONL file of rows (--jsonl FILE)', load: () => import('./classify-command.ts') },
  feedback: { summary: "export agents' recategorisations as labelled JSONL for 'triage train' (feedback export)", load: () => import('./feedback-command.ts') },
  login: { summary: 'sign in to the agent API (the local stack, or a deployed one with --url)', load: () => agent('login') },
  queues: { summary: 'open and pending tickets per queue, at risk and breached', load: () => agent('queues') },
  next: { summary: 'take the most urgent unassigned ticket (of a queue, or of all)', load: () => agent('next') },
  show: { summary: 'a ticket: classification, SLA clocks, thread and audit trail', load: () => agent('show') },
  reply: { summary: 'answer the customer (free text, or a template in their language, editable)', load: () => agent('reply') },
  note: { summary: 'an internal note on a ticket (never sent)', load: () => agent('note') },
  resolve: { summary: 'resolve a ticket, optionally sending the customer a summary', load: () => agent('resolve') },
  recategorise: { summary: 'move a ticket to the right queue, with a reason', load: () => agent('recategorise') },
  flag: { summary: "flag a ticket's customer (rude, threat, VIP) for every agent", load: () => agent('flag') },
  dlq: { summary: 'dead letters: how many (list), why each died (show QUEUE), replay them (redrive QUEUE)', load: () => import('./dlq-command.ts') },
};

function agent(name: Parameters<typeof import('./agent-commands.ts').command>[0]) {
  return import('./agent-commands.ts').then((m) => m.command(name));
}

export const MAIN_HELP = `Usage: triage <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run 'triage <command> --help' for the options of a command.`;

/** Entry point of the `triage` binary; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(MAIN_HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`triage: unknown command '${name}' (try 'triage --help')`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Our own errors may list several problems, one per line; anything else is cut to its first line.
    console.error(`triage ${name}: ${error instanceof TriageError ? message : message.split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
