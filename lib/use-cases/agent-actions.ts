import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, TooLargeError, ValidationError } from '../domain/errors.ts';
import type { MessageRef } from '../domain/outbound-job.ts';
import type { Clock, OutboundQueue, TicketRepository } from '../domain/ports.ts';
import type { SlaConfig } from '../domain/sla/sla-config.ts';
import type { Category, CustomerFlags, CustomerProfile, Recategorisation, Ticket } from '../domain/ticket.ts';
import { AlreadyClaimedError, type Command, claimable, type Transition, transition } from '../domain/ticket-lifecycle.ts';

export interface AgentDeps {
  readonly tickets: TicketRepository;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly config: SlaConfig;
}

/** Well inside one queue message and one item, and longer than any reply a person writes. */
export const MAX_REPLY_CHARS = 50_000;
/** C0 controls other than tab and line breaks, and DEL: nothing a person types, and each would grow sixfold in a queue message. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The ticket, checked against the version the caller saw when one is given. */
async function load(ticketId: string, deps: AgentDeps, expectedVersion?: number): Promise<Ticket> {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) throw new StaleVersionError(ticketId, ticket.version);
  return ticket;
}

/**
 * Applies one lifecycle transition: saved first (conditional on the version
 * read, so a stale action fails with ConflictError and changes nothing),
 * then its jobs are queued under ids derived from that version, so a retried
 * request never sends twice.
 */
export async function apply(ticket: Ticket, command: Command, deps: AgentDeps, extra: { customer?: CustomerProfile; recategorisation?: Recategorisation } = {}): Promise<Ticket> {
  const next: Transition = transition(ticket, command, deps.config);
  try {
    await deps.tickets.saveTicket({
      next: next.ticket,
      expectedVersion: ticket.version,
      timers: next.timers,
      audit: next.audit,
      ...(next.message ? { message: next.message } : {}),
      ...(next.jobs.length > 0 ? { outbox: next.jobs } : {}),
      ...extra,
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Someone else saved first: say which version is current now.
    const current = await deps.tickets.getTicket(ticket.ticketId);
    throw new StaleVersionError(ticket.ticketId, current?.version ?? ticket.version, { cause: error });
  }
  await queueOwed(next.jobs, next.ticket.updatedAt, deps);
  return { ...next.ticket, version: ticket.version + 1 };
}

/**
 * Queues the jobs a saved transition owes and clears them from the outbox. If queueing fails, the
 * outbox keeps them and the SLA sweeper queues them within minutes (their ids make a repeat harmless).
 */
async function queueOwed(jobs: Transition['jobs'], at: string, deps: AgentDeps): Promise<void> {
  for (const job of jobs) {
    try {
      await deps.outbound.enqueue(job);
      await deps.tickets.clearOutbox(`${at}#${job.jobId}`);
    } catch {
      // Saved and kept in the outbox: the sweeper finishes it. The caller's action did happen.
    }
  }
}

/** A person answers the customer: the mail goes out as written, threaded under their latest message, and the response clock stops. */
export async function replyToCustomer(
  input: { ticketId: string; text: string; agentName: string; waitForCustomer?: boolean; expectedVersion?: number },
  deps: AgentDeps,
): Promise<Ticket> {
  if (!input.text.trim()) throw new ValidationError('A reply needs some text');
  if (input.text.length > MAX_REPLY_CHARS) throw new TooLargeError(`text: a reply has at most ${MAX_REPLY_CHARS.toLocaleString('en')} characters`);
  if (CONTROL_CHARACTERS.test(input.text)) throw new ValidationError('text: control characters have no place in mail (line breaks and tabs are fine)');
  const ticket = await load(input.ticketId, deps, input.expectedVersion);
  const replyTo = await latestInbound(ticket.ticketId, deps);
  return apply(
    ticket,
    {
      type: 'agent-reply',
      at: deps.clock.now(),
      agent: input.agentName,
      text: input.text,
      ...(input.waitForCustomer ? { waitForCustomer: true } : {}),
      ...(replyTo ? { replyTo } : {}),
    },
    deps,
  );
}

/** Waiting on the customer: the resolution clock pauses until they write. */
export async function setPending(ticketId: string, deps: AgentDeps, options: { agent?: string; expectedVersion?: number } = {}): Promise<Ticket> {
  return apply(await load(ticketId, deps, options.expectedVersion), { type: 'pending', at: deps.clock.now(), agent: options.agent ?? 'agent' }, deps);
}

/**
 * Resolved: the clocks stop and a follow-up is scheduled. With a summary, the
 * customer gets it in the resolution-summary template. Resolving a resolved
 * ticket does nothing; the job id is fixed per resolution (clock epoch).
 */
export async function resolveTicket(ticketId: string, deps: AgentDeps, options: { summary?: string; agent?: string; expectedVersion?: number } = {}): Promise<Ticket> {
  const summary = options.summary?.trim();
  if (summary !== undefined && (summary.length === 0 || summary.length > 5000)) throw new ValidationError('summary: a resolution summary needs 1 to 5,000 characters');
  const ticket = await load(ticketId, deps, options.expectedVersion);
  if (ticket.status === 'resolved') return ticket; // a second click changes nothing and sends nothing
  return apply(ticket, { type: 'resolve', at: deps.clock.now(), agent: options.agent ?? 'agent', ...(summary ? { summary } : {}) }, deps);
}

export async function reopenTicket(ticketId: string, agent: string, deps: AgentDeps, expectedVersion?: number): Promise<Ticket> {
  return apply(await load(ticketId, deps, expectedVersion), { type: 'reopen', at: deps.clock.now(), agent }, deps);
}

export async function closeTicket(ticketId: string, agent: string, deps: AgentDeps, expectedVersion?: number): Promise<Ticket> {
  return apply(await load(ticketId, deps, expectedVersion), { type: 'close', at: deps.clock.now(), agent }, deps);
}

/** An internal note for colleagues: on the thread, audited, never sent. */
export async function addNote(input: { ticketId: string; text: string; agent: string; expectedVersion?: number }, deps: AgentDeps): Promise<Ticket> {
  if (!input.text.trim()) throw new ValidationError('text: a note needs some text');
  if (input.text.length > MAX_REPLY_CHARS) throw new TooLargeError(`text: a note has at most ${MAX_REPLY_CHARS.toLocaleString('en')} characters`);
  return apply(await load(input.ticketId, deps, input.expectedVersion), { type: 'note', at: deps.clock.now(), agent: input.agent, text: input.text }, deps);
}

/** Moves the ticket to the right queue under that queue's SLA policy; the reason is kept in the audit trail. */
export async function recategorise(input: { ticketId: string; category: Category; reason: string; agent: string; expectedVersion?: number }, deps: AgentDeps): Promise<Ticket> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError('reason: recategorising needs a reason');
  const ticket = await load(input.ticketId, deps, input.expectedVersion);
  const at = deps.clock.now();
  // Kept as classifier feedback in the same write: `triage feedback export` turns it into training rows.
  const recategorisation = { ticketId: ticket.ticketId, at: at.toISOString(), from: ticket.category, label: input.category, reason, agent: input.agent };
  return apply(ticket, { type: 'recategorise', at, agent: input.agent, category: input.category, reason }, deps, { recategorisation });
}

/**
 * Hands a ticket to someone, or releases it. An agent may release only a ticket they hold, and take one
 * only when it is free (or its claim went stale); handing work to someone else is a supervisor's call.
 */
export async function assign(
  input: { ticketId: string; assignee?: string; agent: string; role: 'agent' | 'supervisor'; expectedVersion?: number; claimTimeoutMinutes?: number },
  deps: AgentDeps,
): Promise<Ticket> {
  const ticket = await load(input.ticketId, deps, input.expectedVersion);
  const now = deps.clock.now();
  if (input.role !== 'supervisor') {
    if (input.assignee === undefined && ticket.assignee !== input.agent)
      throw new ForbiddenError(`only ${ticket.assignee ?? 'its holder'} or a supervisor may release ${ticket.ticketId}`);
    if (input.assignee !== undefined && input.assignee !== input.agent) throw new ForbiddenError('only a supervisor may assign a ticket to someone else');
    if (input.assignee === input.agent && !claimable(ticket, input.agent, now, input.claimTimeoutMinutes ?? 30))
      throw new AlreadyClaimedError(ticket.ticketId, ticket.assignee ?? '');
  }
  return apply(ticket, { type: 'assign', at: now, agent: input.agent, ...(input.assignee ? { assignee: input.assignee } : {}) }, deps);
}

/** Flags the ticket's customer (rude, threat, VIP) so every agent sees it on their tickets; audited on this ticket. */
export async function flagCustomer(input: { ticketId: string; flags: CustomerFlags; agent: string; expectedVersion?: number }, deps: AgentDeps): Promise<Ticket> {
  if (Object.keys(input.flags).length === 0) throw new ValidationError('flags: name at least one of rude, threat, vip');
  const ticket = await load(input.ticketId, deps, input.expectedVersion);
  const at = deps.clock.now();
  const current = await deps.tickets.getCustomer(ticket.customer.address);
  const profile: CustomerProfile = { address: ticket.customer.address, flags: { ...current?.flags, ...input.flags }, updatedAt: at.toISOString(), updatedBy: input.agent };
  return apply(ticket, { type: 'flag-customer', at, agent: input.agent, flags: profile.flags }, deps, { customer: profile });
}

/** Hands the ticket up: a supervisor takes over, and it moves up the queue. */
export async function escalate(input: { ticketId: string; reason: string; agent: string; expectedVersion?: number }, deps: AgentDeps): Promise<Ticket> {
  if (!input.reason.trim()) throw new ValidationError('reason: say why the ticket needs a supervisor');
  return apply(await load(input.ticketId, deps, input.expectedVersion), { type: 'escalate', at: deps.clock.now(), agent: input.agent, reason: input.reason.trim() }, deps);
}

/** The customer's most recent message on the thread: what an agent's answer replies to. */
async function latestInbound(ticketId: string, deps: AgentDeps): Promise<MessageRef | undefined> {
  const inbound = (await deps.tickets.getThread(ticketId)).filter((m) => m.direction === 'inbound' && !m.automation);
  const latest = inbound.at(-1);
  return latest ? { at: latest.at, messageKey: latest.messageKey } : undefined;
}
