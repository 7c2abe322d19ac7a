import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TriageError } from '../lib/domain/errors.ts';
import { closest, UsageError } from './args.ts';
import { PACKAGE_ROOT } from './paths.ts';

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  run: { summary: 'push .eml files (default: the sample mailbox) through the whole pipeline on the local stack', load: () => import('./run-command.ts') },
  start: { summary: 'start the local stack and keep it running; prints its endpoints, then logs mail in, mail out and alerts', load: () => import('./start-command.ts') },
  train: {
    summary: 'train the learned classifier model from labelled JSONL files (--corpus FILE …); writes the model and a cross-validated report',
    load: () => import('./train-command.ts'),
  },
  eval: { summary: 'precision, recall, F1 and confusion matrix of the classifier on a labelled JSONL corpus', load: () => import('./eval-command.ts') },
  sla: { summary: 'SLA attainment per queue (report) from a running stack or your AWS table', load: () => import('./sla-command.ts') },
  templates: { summary: 'list the email templates, preview one with sample data, export or check overrides', load: () => import('./templates-command.ts') },
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
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

Options:
  -V, --version  print the version
  -h, --help     show this help ('triage <command> --help' for a command's options)

Exit codes: 0 success, 1 failure (the line on standard error says what failed
and what to do), 2 a bad command line (unknown command or option, missing or
unreadable file).`;

/** The package's version, as `triage --version` prints it. */
export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Entry point of the `triage` binary; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(MAIN_HELP);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    console.log(`triage ${version()}`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const guess = name.startsWith('-') ? undefined : closest(name, Object.keys(COMMANDS));
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
    console.error(`triage: ${what}${guess ? `; did you mean '${guess}'?` : ''} (see 'triage --help')`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    const { message, code } = explain(error, name);
    console.error(`triage ${name}: ${message}`);
    return code;
  }
}

/** What went wrong, as the line a person reads, and the exit code. */
function explain(error: unknown, name: string): { message: string; code: number } {
  const e = error instanceof Error ? error : new Error(String(error));
  if (e instanceof UsageError) return { message: e.pointsToHelp ? `${e.message} (see 'triage ${name} --help')` : e.message, code: 2 };
  // Our own errors may list several problems, one per line; anything else is cut to its first line.
  if (e instanceof TriageError) return { message: e.message, code: 1 };
  const text = `${e.message} ${(e as { code?: string }).code ?? ''} ${(e.cause as Error | undefined)?.message ?? ''}`;
  const refused = /ECONNREFUSED\s+([\d.:[\]a-f]+)/i.exec(text);
  if (refused || /ECONNREFUSED/.test(text)) {
    return {
      message: `nothing answers at ${refused?.[1] ?? 'the endpoint'}: is the local stack running? Start it with 'npm start' in another terminal, or check --endpoint / TRIAGE_*_ENDPOINT`,
      code: 1,
    };
  }
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(e.message)) {
    return {
      message: "no AWS credentials found: run 'aws configure' or 'aws sso login' (or set AWS_PROFILE), or give --endpoint to use the local stack ('npm start' prints the command)",
      code: 1,
    };
  }
  if (e.name === 'ResourceNotFoundException' || e.name === 'QueueDoesNotExist' || e.name === 'AWS.SimpleQueueService.NonExistentQueue') {
    return { message: `${e.message.split('\n')[0]} (check --table / --prefix, and that the stack is the one you mean)`, code: 1 };
  }
  return { message: e.message.split('\n')[0]!, code: 1 };
}
