import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TriageError } from '../lib/domain/errors.ts';
import { markedExcerpt } from '../lib/domain/signal-text.ts';
import type { AuditEntry, ThreadMessage, Ticket } from '../lib/domain/ticket.ts';
import { nextDeadline } from '../lib/domain/urgency.ts';
import { loadSession, runningLocalStack, saveSession } from './agent-session.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { printable, printableLines } from './terminal-text.ts';

/** The agent API said no; its message is for the person at the terminal. */
class ApiError extends TriageError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = await loadSession();
  let response: Response;
  try {
    response = await fetch(`${session.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, `cannot reach the agent API at ${session.url}: is 'npm start' still running?`);
  }
  const payload = (await response.json().catch(() => ({}))) as { message?: string };
  if (response.status === 401) throw new ApiError(401, `${payload.message ?? 'not signed in'} (run 'triage login ${session.user}')`);
  if (!response.ok) throw new ApiError(response.status, payload.message ?? `HTTP ${response.status}`);
  return payload as T;
}

const HELP: Record<string, string> = {
  login: `Usage: triage login USER [--password P] [--url API_URL] [--identity URL] [--token JWT]

Signs in to the agent API. Against the local stack ('npm start' in another
terminal) it finds the API and the sign-in service by itself; the seeded users
are agent1, agent2 (agents) and lead (supervisor), with the passwords 'npm
start' prints. Against a deployed API give --url and a Cognito ID token
(--token). The password can also come from TRIAGE_PASSWORD.`,
  queues: 'Usage: triage queues [--json]\n\nOpen and pending tickets per queue: how many, unassigned, at risk (due within an hour), breached.',
  next: 'Usage: triage next [CATEGORY] [--json]\n\nTakes the most urgent unassigned open ticket (of CATEGORY, or of any queue) and shows it.',
  show: 'Usage: triage show T-… [--json]\n\nThe ticket: state, classification and its signals, SLA clocks, the thread and the audit trail.',
  reply: `Usage: triage reply T-… (--text TEXT | --template NAME [--locale L] | --edit) [--pending] [--json]

Answers the customer. --template starts from a template in the customer's
language (acknowledgement, apology, boundary, still-on-it, pending-reminder,
follow-up); --edit opens $EDITOR on the draft before sending; --pending waits
for the customer afterwards.`,
  note: 'Usage: triage note T-… --text TEXT [--json]\n\nAn internal note for colleagues (never sent).',
  resolve: 'Usage: triage resolve T-… [--summary TEXT] [--json]\n\nResolves the ticket; a summary is sent to the customer. A follow-up is scheduled.',
  flag: "Usage: triage flag T-… [--rude] [--threat] [--vip] [--off] [--json]\n\nFlags the ticket's customer so every agent sees it on their tickets; --off removes the flags named.",
  recategorise:
    'Usage: triage recategorise T-… CATEGORY --reason TEXT [--json]\n\nMoves the ticket to the right queue (threat, rude, complaint, routine); the reason is kept as classifier feedback.',
};

type Runner = (argv: string[]) => Promise<number>;

/** The agents' commands, one per name, over the agent API. */
export function command(name: keyof typeof HELP): { run: Runner } {
  const runners: Record<string, Runner> = { login, queues, next, show, reply, note, resolve, recategorise, flag };
  const runner = runners[name]!;
  return {
    run: async (argv) => {
      if (argv.includes('--help') || argv.includes('-h')) {
        console.log(helpText(HELP[name]!));
        return 0;
      }
      return runner(argv);
    },
  };
}

async function login(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { password: { type: 'string' }, url: { type: 'string' }, identity: { type: 'string' }, token: { type: 'string' } });
  const [user] = positionals;
  if (!user) throw new UsageError('login needs a user name (agent1, agent2 or lead on the local stack)');
  const local = await runningLocalStack();
  const url = values.url ?? local?.apiUrl;
  if (!url) throw new UsageError("no agent API: start the local stack with 'npm start', or give --url", false);
  let token = values.token;
  if (!token) {
    const identity = values.identity ?? local?.identityUrl;
    if (!identity) throw new UsageError('give --token (a Cognito ID token) for a deployed API');
    const password = values.password ?? process.env.TRIAGE_PASSWORD;
    if (!password) throw new UsageError('give --password (or set TRIAGE_PASSWORD)');
    const response = await fetch(`${identity}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password }),
    }).catch(() => {
      throw new ApiError(0, `cannot reach the sign-in service at ${identity}`);
    });
    const payload = (await response.json()) as { idToken?: string; error?: string };
    if (!payload.idToken) throw new ApiError(response.status, payload.error ?? 'sign-in failed');
    token = payload.idToken;
  }
  const file = await saveSession({ url, token, user });
  console.log(`Signed in as ${user} at ${url} (session in ${file}).`);
  return 0;
}

interface QueueSummary {
  category: string;
  status: string;
  count: number;
  unassigned: number;
  atRisk: number;
  breached: number;
  nextDueAt?: string;
}

async function queues(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  const { queues } = await api<{ queues: QueueSummary[] }>('GET', '/queues');
  if (values.json) return print(queues);
  console.log(`${'queue'.padEnd(20)}${'tickets'.padStart(8)}${'free'.padStart(6)}${'at risk'.padStart(9)}${'breached'.padStart(10)}  next due`);
  for (const q of queues) {
    console.log(
      `${`${q.category} ${q.status}`.padEnd(20)}${String(q.count).padStart(8)}${String(q.unassigned).padStart(6)}${String(q.atRisk).padStart(9)}${String(q.breached).padStart(10)}  ${q.nextDueAt ? utc(q.nextDueAt) : '—'}`,
    );
  }
  return 0;
}

async function next(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  const [category] = positionals;
  const { ticket } = await api<{ ticket: Ticket | null }>('POST', '/claims', category ? { category } : {});
  if (!ticket) {
    if (values.json) return print(null);
    console.log(`Nothing waiting${category ? ` in ${category}` : ''}.`);
    return 0;
  }
  return showTicket(ticket.ticketId, values.json === true);
}

async function show(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  return showTicket(ticketArg(positionals), values.json === true);
}

async function showTicket(id: string, json: boolean): Promise<number> {
  const view = await api<{ ticket: Ticket; thread: ThreadMessage[]; audit: AuditEntry[] }>('GET', `/tickets/${id}`);
  if (json) return print(view);
  const { ticket: t } = view;
  const due = nextDeadline(t);
  console.log(
    `${t.ticketId}  ${t.category}${t.classification.subtype ? `/${t.classification.subtype}` : ''}  ${t.status}  v${t.version}${t.assignee ? `  held by ${t.assignee}` : ''}`,
  );
  console.log(
    `  customer   ${printable(t.customer.name ? `${t.customer.name} <${t.customer.address}>` : t.customer.address)}  (${t.locale})${t.unverified ? '  NOT VERIFIED' : ''}`,
  );
  console.log(`  subject    ${printable(t.subject)}`);
  const flags = Object.entries(t.customerFlags ?? {})
    .filter(([, on]) => on)
    .map(([f]) => f);
  if (flags.length > 0) console.log(`  FLAGGED    ${flags.join(', ')}`);
  if (t.escalation) console.log(`  ESCALATED  by ${t.escalation.by}: ${printable(t.escalation.reason)}`);
  console.log(`  next due   ${due ? utc(due) : '—'}   priority ${t.sla?.priority ?? 0}${t.sla?.resolvedAt ? `   resolved ${utc(t.sla.resolvedAt)} (follow-up scheduled)` : ''}`);
  console.log(`  why        ${t.classification.category} ${Math.round(t.classification.confidence * 100)}%${t.classification.needsReview ? ' (needs review)' : ''}`);
  for (const s of t.classification.signals.slice(0, 5)) console.log(`             ${s.rule}: "${printable(markedExcerpt(s))}"`);
  console.log('\nThread');
  for (const m of view.thread) {
    const who = m.direction === 'inbound' ? `from ${m.from.address}` : m.direction === 'note' ? `note by ${m.from.address}` : `to ${m.to[0]?.address ?? ''} (${m.kind ?? 'mail'})`;
    console.log(`  ${utc(m.at)}  ${printable(who)}`);
    console.log(`    ${printableLines(m.text).split('\n').slice(0, 6).join('\n    ')}`);
  }
  console.log('\nAudit');
  for (const a of view.audit)
    console.log(
      `  ${utc(a.at)}  ${a.actor.padEnd(10)} ${a.action}${a.from !== undefined || a.to !== undefined ? ` ${a.from ?? ''} → ${a.to ?? ''}` : ''}${a.detail ? `  (${printable(a.detail)})` : ''}`,
    );
  return 0;
}

async function reply(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    text: { type: 'string' },
    template: { type: 'string' },
    locale: { type: 'string' },
    edit: { type: 'boolean' },
    pending: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const id = ticketArg(positionals);
  let text = values.text;
  if (values.template) {
    const query = values.locale ? `?locale=${encodeURIComponent(values.locale)}` : '';
    text = (await api<{ text: string }>('GET', `/tickets/${id}/drafts/${encodeURIComponent(values.template)}${query}`)).text;
  }
  if (values.edit) text = await editInEditor(text ?? '');
  if (!text?.trim()) throw new UsageError('reply needs --text, --template or --edit');
  const { ticket } = await api<{ ticket: Ticket }>('GET', `/tickets/${id}`);
  const saved = await api<{ ticket: Ticket }>('POST', `/tickets/${id}/replies`, { text, expectedVersion: ticket.version, waitForCustomer: values.pending === true });
  if (values.json) return print(saved);
  console.log(`Reply to ${id} queued for sending; the ticket is ${saved.ticket.status} (v${saved.ticket.version}).`);
  return 0;
}

async function note(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { text: { type: 'string' }, json: { type: 'boolean' } });
  const id = ticketArg(positionals);
  if (!values.text?.trim()) throw new UsageError('note needs --text');
  const { ticket } = await api<{ ticket: Ticket }>('GET', `/tickets/${id}`);
  const saved = await api<{ ticket: Ticket }>('POST', `/tickets/${id}/notes`, { text: values.text, expectedVersion: ticket.version });
  if (values.json) return print(saved);
  console.log(`Note added to ${id}.`);
  return 0;
}

async function resolve(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { summary: { type: 'string' }, json: { type: 'boolean' } });
  const id = ticketArg(positionals);
  const { ticket } = await api<{ ticket: Ticket }>('GET', `/tickets/${id}`);
  const saved = await api<{ ticket: Ticket }>('POST', `/tickets/${id}/status`, {
    status: 'resolved',
    expectedVersion: ticket.version,
    ...(values.summary ? { summary: values.summary } : {}),
  });
  if (values.json) return print(saved);
  console.log(`${id} resolved${values.summary ? '; the summary goes to the customer' : ''}. A follow-up is scheduled.`);
  return 0;
}

async function recategorise(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { reason: { type: 'string' }, json: { type: 'boolean' } });
  const id = ticketArg(positionals);
  const category = positionals[1];
  if (!category) throw new UsageError('recategorise needs a category: threat, rude, complaint or routine');
  if (!values.reason) throw new UsageError('recategorise needs --reason');
  const { ticket } = await api<{ ticket: Ticket }>('GET', `/tickets/${id}`);
  const saved = await api<{ ticket: Ticket }>('POST', `/tickets/${id}/category`, { category, reason: values.reason, expectedVersion: ticket.version });
  if (values.json) return print(saved);
  console.log(`${id} moved to ${saved.ticket.category}.`);
  return 0;
}

async function flag(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    rude: { type: 'boolean' },
    threat: { type: 'boolean' },
    vip: { type: 'boolean' },
    off: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const id = ticketArg(positionals);
  const names = (['rude', 'threat', 'vip'] as const).filter((f) => values[f]);
  if (names.length === 0) throw new UsageError('flag needs --rude, --threat or --vip');
  const flags = Object.fromEntries(names.map((f) => [f, values.off !== true]));
  const { ticket } = await api<{ ticket: Ticket }>('GET', `/tickets/${id}`);
  const saved = await api<{ ticket: Ticket }>('POST', `/tickets/${id}/customer-flags`, { flags, expectedVersion: ticket.version });
  if (values.json) return print(saved);
  console.log(`${saved.ticket.customer.address}: ${names.join(', ')} ${values.off ? 'removed' : 'set'}.`);
  return 0;
}

function ticketArg(positionals: string[]): string {
  const id = positionals[0]?.toUpperCase();
  if (!id || !/^T-\d+$/.test(id)) throw new UsageError('give a ticket number such as T-10001');
  return id;
}

/** Opens $EDITOR (or vi) on the text and returns what was saved. */
async function editInEditor(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'triage-reply-'));
  const file = join(dir, 'reply.txt');
  try {
    await writeFile(file, text);
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    const result = spawnSync(editor, [file], { stdio: 'inherit', shell: true });
    if (result.status !== 0) throw new UsageError(`${editor} exited with ${result.status}; nothing was sent`);
    return await readFile(file, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function print(value: unknown): number {
  console.log(JSON.stringify(value, null, 2));
  return 0;
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
