import { NotFoundError, StaleVersionError } from '../domain/errors.ts';
import { type AuditEntry, CATEGORIES, type Category, type ThreadMessage, type Ticket, type TicketStatus } from '../domain/ticket.ts';
import { AlreadyClaimedError, claimable } from '../domain/ticket-lifecycle.ts';
import { nextDeadline, urgencyKey } from '../domain/urgency.ts';
import { type AgentDeps, apply } from './agent-actions.ts';

/** A ticket is at risk when a person must act within this many minutes (or should have already). */
export const AT_RISK_MINUTES = 60;

export interface QueueSummary {
  readonly category: Category;
  readonly status: TicketStatus;
  readonly count: number;
  readonly unassigned: number;
  readonly atRisk: number;
  readonly breached: number;
  /** The most urgent ticket's deadline. */
  readonly nextDueAt?: string;
}

/** Counts per category × working status (open, pending), with what is at risk and breached. */
export async function queueOverview(deps: AgentDeps): Promise<QueueSummary[]> {
  const now = deps.clock.now().getTime();
  const summaries: QueueSummary[] = [];
  for (const category of CATEGORIES) {
    for (const status of ['open', 'pending'] as const) {
      const tickets = await deps.tickets.listQueue(category, status);
      const deadlines = tickets.map(nextDeadline).filter((d): d is string => Boolean(d));
      summaries.push({
        category,
        status,
        count: tickets.length,
        unassigned: tickets.filter((t) => !t.assignee).length,
        atRisk: deadlines.filter((d) => Date.parse(d) - now <= AT_RISK_MINUTES * 60_000 && Date.parse(d) > now).length,
        breached: deadlines.filter((d) => Date.parse(d) <= now).length,
        ...(deadlines[0] ? { nextDueAt: deadlines.sort()[0] } : {}),
      });
    }
  }
  return summaries;
}

export interface TicketFilter {
  readonly category?: Category;
  readonly status: TicketStatus;
  readonly assignee?: string;
  readonly unassigned?: boolean;
  readonly needsReview?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Tickets most urgent first. With a category, page by page through that
 * queue; without one, the most urgent `limit` across every category.
 */
export async function listTickets(filter: TicketFilter, deps: AgentDeps): Promise<{ tickets: Ticket[]; cursor?: string }> {
  const keep = (t: Ticket) =>
    (filter.assignee === undefined || t.assignee === filter.assignee) &&
    (filter.unassigned !== true || !t.assignee) &&
    (filter.needsReview === undefined || t.classification.needsReview === filter.needsReview);
  if (filter.category) {
    const page = await deps.tickets.queuePage(filter.category, filter.status, { limit: filter.limit, ...(filter.cursor ? { cursor: filter.cursor } : {}) });
    return { tickets: page.tickets.filter(keep), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
  const all = await Promise.all(CATEGORIES.map((c) => deps.tickets.listQueue(c, filter.status)));
  return { tickets: byUrgency(all.flat().filter(keep)).slice(0, filter.limit) };
}

export interface ClaimResult {
  readonly ticket?: Ticket;
  /** Tickets a colleague took first while this claim looked at them. */
  readonly conflicts: number;
}

/** Tickets read per page while looking for one to claim: the top of a queue is mostly claimable. */
const CLAIM_PAGE = 25;
/** Claimable tickets gathered per queue before trying them, most urgent first. */
const CLAIM_CANDIDATES = 5;

/**
 * Gives the caller the most urgent open ticket nobody holds (of one queue,
 * or of all): one conditional write per attempt, so two agents claiming at
 * once never both get a ticket; the loser moves on to the next one. Reads
 * the queues a page at a time, never whole.
 */
export async function claimNext(input: { agent: string; category?: Category; claimTimeoutMinutes: number }, deps: AgentDeps): Promise<ClaimResult> {
  const categories = input.category ? [input.category] : CATEGORIES;
  const now = deps.clock.now();
  const cursors = new Map<Category, string | undefined>(categories.map((c) => [c, undefined]));
  const exhausted = new Set<Category>();
  let conflicts = 0;
  while (exhausted.size < categories.length) {
    const candidates: Ticket[] = [];
    for (const category of categories) {
      if (exhausted.has(category)) continue;
      let found = 0;
      while (found < CLAIM_CANDIDATES) {
        const cursor = cursors.get(category);
        const page = await deps.tickets.queuePage(category, 'open', { limit: CLAIM_PAGE, ...(cursor ? { cursor } : {}) });
        const claimableHere = page.tickets.filter((t) => t.assignee !== input.agent && claimable(t, input.agent, now, input.claimTimeoutMinutes));
        candidates.push(...claimableHere);
        found += claimableHere.length;
        cursors.set(category, page.cursor);
        if (!page.cursor) {
          exhausted.add(category);
          break;
        }
      }
    }
    for (const ticket of spreadFor(input.agent, byUrgency(candidates))) {
      try {
        const claimed = await apply(ticket, { type: 'claim', at: now, agent: input.agent, claimTimeoutMinutes: input.claimTimeoutMinutes }, deps);
        return { ticket: claimed, conflicts };
      } catch (error) {
        if (!(error instanceof StaleVersionError) && !(error instanceof AlreadyClaimedError)) throw error;
        conflicts += 1;
      }
    }
  }
  return { conflicts };
}

export interface TicketView {
  readonly ticket: Ticket;
  readonly thread: ThreadMessage[];
  readonly audit: AuditEntry[];
}

/** The whole story of one ticket: its state, every message and note, and who did what. */
export async function viewTicket(ticketId: string, deps: AgentDeps): Promise<TicketView> {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
  const [thread, audit] = await Promise.all([deps.tickets.getThread(ticketId), deps.tickets.getAudit(ticketId)]);
  return { ticket, thread, audit };
}

/**
 * The candidates in urgency order, but each agent starts at its own place
 * among the first few: fifty agents claiming at once then mostly try
 * different tickets instead of all racing for the first one. Nobody gets a
 * ticket more than CLAIM_CANDIDATES places below the most urgent one.
 */
function spreadFor(agent: string, candidates: Ticket[]): Ticket[] {
  const window = Math.min(CLAIM_CANDIDATES, candidates.length);
  if (window < 2) return candidates;
  let hash = 0;
  for (let i = 0; i < agent.length; i += 1) hash = (hash * 31 + agent.charCodeAt(i)) >>> 0;
  const start = hash % window;
  const head = candidates.slice(0, window);
  return [...head.slice(start), ...head.slice(0, start), ...candidates.slice(window)];
}

function byUrgency(tickets: Ticket[]): Ticket[] {
  return tickets.sort((a, b) => `${urgencyKey(a)}#${a.ticketId}`.localeCompare(`${urgencyKey(b)}#${b.ticketId}`));
}
