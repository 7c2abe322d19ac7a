import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Clock, OutboundQueue, TicketStore } from '../domain/ports.ts';
import type { Ticket } from '../domain/ticket.ts';
import { onAgentReply, onPending, onResolved, timersFor } from '../sla/sla-clock.ts';
import type { SlaConfig } from '../sla/sla-config.ts';
import { customerJob } from '../sla/sla-jobs.ts';

export interface AgentDeps {
  readonly tickets: TicketStore;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly config: SlaConfig;
}

async function load(ticketId: string, deps: AgentDeps): Promise<Ticket> {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
  return ticket;
}

async function save(ticket: Ticket, next: Ticket, deps: AgentDeps): Promise<Ticket> {
  const timers = next.sla ? timersFor(next.sla, next.status, deps.config) : [];
  await deps.tickets.saveTicket({ next, expectedVersion: ticket.version, timers });
  return { ...next, version: ticket.version + 1 };
}

const MAX_REPLY_CHARS = 50_000;

/** A person answers the customer: the mail goes out as written, and the response clock stops. */
export async function replyToCustomer(input: { ticketId: string; text: string; agentName: string; waitForCustomer?: boolean }, deps: AgentDeps): Promise<Ticket> {
  if (!input.text.trim()) throw new ValidationError('A reply needs some text');
  if (input.text.length > MAX_REPLY_CHARS) throw new ValidationError(`A reply has at most ${MAX_REPLY_CHARS.toLocaleString('en')} characters`);
  const ticket = await load(input.ticketId, deps);
  const now = deps.clock.now();
  const sla = ticket.sla && (input.waitForCustomer ? onPending(ticket.sla, now, ticket.category, deps.config) : onAgentReply(ticket.sla, now));
  const next: Ticket = { ...ticket, ...(sla ? { sla } : {}), status: input.waitForCustomer ? 'pending' : 'open', updatedAt: now.toISOString() };
  await deps.outbound.enqueue({
    schemaVersion: 2,
    jobId: `reply:${ticket.ticketId}:${randomUUID()}`,
    ticketId: ticket.ticketId,
    kind: 'agent-reply',
    text: input.text,
    agentName: input.agentName,
  });
  return save(ticket, next, deps);
}

/** Waiting on the customer: the resolution clock pauses until they write. */
export async function setPending(ticketId: string, deps: AgentDeps): Promise<Ticket> {
  const ticket = await load(ticketId, deps);
  const now = deps.clock.now();
  const sla = ticket.sla && onPending(ticket.sla, now, ticket.category, deps.config);
  return save(ticket, { ...ticket, ...(sla ? { sla } : {}), status: 'pending', updatedAt: now.toISOString() }, deps);
}

/**
 * Resolved: the clocks stop and a follow-up is scheduled. With a summary, the
 * customer gets it in the resolution-summary template. Resolving a resolved
 * ticket does nothing; the job id is fixed per resolution (clock epoch).
 */
export async function resolveTicket(ticketId: string, deps: AgentDeps, options: { summary?: string } = {}): Promise<Ticket> {
  const summary = options.summary?.trim();
  if (summary !== undefined && (summary.length === 0 || summary.length > 5000)) throw new ValidationError('A resolution summary needs 1 to 5,000 characters');
  const ticket = await load(ticketId, deps);
  if (ticket.status === 'resolved') return ticket; // a second click changes nothing and sends nothing
  const now = deps.clock.now();
  const sla = ticket.sla && onResolved(ticket.sla, now);
  // The summary is kept on the ticket; the job only names it, so no free text travels through the queue.
  const next: Ticket = { ...ticket, ...(sla ? { sla } : {}), status: 'resolved', updatedAt: now.toISOString(), ...(summary ? { resolutionSummary: summary } : {}) };
  const saved = await save(ticket, next, deps);
  if (summary) await deps.outbound.enqueue(customerJob(next, 'resolution-summary', `resolved-${next.sla?.epoch ?? ticket.version}`));
  return saved;
}
