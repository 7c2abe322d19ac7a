import { NotFoundError, StaleVersionError, ValidationError } from '../domain/errors.ts';
import type { AttachmentLinks, SuppressionStore } from '../domain/ports.ts';
import { attainmentByQueue, type QueueAttainment } from '../domain/sla/attainment.ts';
import { subjectWords } from '../domain/subject-words.ts';
import { type AuditEntry, CATEGORIES, type Category, type CustomerFlags, type ThreadMessage, type Ticket, type TicketStatus } from '../domain/ticket.ts';
import { AlreadyClaimedError, claimable } from '../domain/ticket-lifecycle.ts';
import { TICKET_ID } from '../domain/ticket-token.ts';
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
  const queues = CATEGORIES.flatMap((category) => (['open', 'pending'] as const).map((status) => ({ category, status })));
  // The queues are read together, as slaReport reads them: the board asks for this on every refresh.
  const lists = await Promise.all(queues.map(({ category, status }) => deps.tickets.listQueue(category, status)));
  return queues.map(({ category, status }, i) => {
    const tickets = lists[i]!;
    const deadlines = tickets.map(nextDeadline).filter((d): d is string => Boolean(d));
    return {
      category,
      status,
      count: tickets.length,
      unassigned: tickets.filter((t) => !t.assignee).length,
      atRisk: deadlines.filter((d) => Date.parse(d) - now <= AT_RISK_MINUTES * 60_000 && Date.parse(d) > now).length,
      breached: deadlines.filter((d) => Date.parse(d) <= now).length,
      ...(deadlines[0] ? { nextDueAt: deadlines.sort()[0] } : {}),
    };
  });
}

/** Statuses whose tickets count in SLA attainment: every ticket a person has worked or still owes an answer. */
const REPORTED_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;

export interface SlaReport {
  readonly at: string;
  readonly queues: Array<QueueAttainment & { readonly category: Category }>;
}

/** SLA attainment per queue at the clock's now: the supervisors' view and `triage sla report` alike. */
export async function slaReport(deps: Pick<AgentDeps, 'tickets' | 'clock'>): Promise<SlaReport> {
  const now = deps.clock.now();
  const lists = await Promise.all(CATEGORIES.flatMap((c) => REPORTED_STATUSES.map((s) => deps.tickets.listQueue(c, s))));
  const byQueue = attainmentByQueue(lists.flat(), now);
  return { at: now.toISOString(), queues: CATEGORIES.map((category) => ({ category, ...byQueue[category] })) };
}

export interface TicketFilter {
  readonly category?: Category;
  readonly status: TicketStatus;
  readonly assignee?: string;
  readonly unassigned?: boolean;
  readonly needsReview?: boolean;
  /** Only tickets of customers flagged rude, threat or VIP. */
  readonly flagged?: boolean;
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
    (filter.needsReview === undefined || t.classification.needsReview === filter.needsReview) &&
    (filter.flagged === undefined || Object.values(t.customerFlags ?? {}).some(Boolean) === filter.flagged);
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

export interface CustomerView {
  readonly address: string;
  readonly flags: CustomerFlags;
  /** Why automatic mail to them is held back, if it is (a bounce, a complaint about our mail). */
  readonly suppressed?: string;
  /** Their tickets, newest first. */
  readonly tickets: Array<Pick<Ticket, 'ticketId' | 'subject' | 'category' | 'status' | 'createdAt'>>;
}

export interface TicketView {
  readonly ticket: Ticket;
  readonly thread: ThreadMessage[];
  readonly audit: AuditEntry[];
  readonly customer: CustomerView;
}

const HISTORY = 20;

/** The whole story of one ticket: its state, every message and note, who did what, and who the customer is. */
export async function viewTicket(ticketId: string, deps: AgentDeps & { readonly suppressions: SuppressionStore; readonly attachments?: AttachmentLinks }): Promise<TicketView> {
  const found = await deps.tickets.getTicketWithHistory(ticketId);
  if (!found) throw new NotFoundError(`Ticket ${ticketId} does not exist`);
  const { ticket, thread, audit } = found;
  const [linked, customer] = await Promise.all([deps.attachments ? withLinks(thread, deps.attachments) : thread, viewCustomer(ticket.customer.address, deps)]);
  return { ticket, thread: linked, audit, customer };
}

/** Each attachment with a short-lived link (attachments live beside the raw mail, in its bucket). */
async function withLinks(thread: ThreadMessage[], links: AttachmentLinks): Promise<ThreadMessage[]> {
  return Promise.all(
    thread.map(async (m) => {
      const bucket = m.raw?.bucket;
      if (!m.attachments?.length || !bucket) return m;
      return { ...m, attachments: await Promise.all(m.attachments.map(async (a) => ({ ...a, url: await links.linkFor(bucket, a.key, a.filename) }))) };
    }),
  );
}

/** A customer: flags, suppression, and their tickets. */
export async function viewCustomer(address: string, deps: AgentDeps & { readonly suppressions: SuppressionStore }): Promise<CustomerView> {
  const [profile, tickets, suppressed] = await Promise.all([
    deps.tickets.getCustomer(address),
    deps.tickets.ticketsOfCustomer(address, HISTORY),
    deps.suppressions.suppressedReason(address, deps.clock.now()),
  ]);
  return {
    address: address.toLowerCase(),
    flags: profile?.flags ?? {},
    ...(suppressed ? { suppressed } : {}),
    tickets: tickets.map(({ ticketId, subject, category, status, createdAt }) => ({ ticketId, subject, category, status, createdAt })),
  };
}

/**
 * Finds tickets by number (`T-10001`) or by customer address, each with one
 * key lookup or one index query, never a scan.
 */
export async function search(query: string, deps: AgentDeps): Promise<Ticket[]> {
  const q = query.trim();
  if (TICKET_ID.test(q.toUpperCase())) {
    const ticket = await deps.tickets.getTicket(q.toUpperCase());
    return ticket ? [ticket] : [];
  }
  if (q.includes('@')) return deps.tickets.ticketsOfCustomer(q, HISTORY);
  const words = subjectWords(q, 3);
  if (words.length === 0) throw new ValidationError('q: give a ticket number (T-10001), a customer address, or subject words of three letters or more');
  return deps.tickets.ticketsWithWords(words, HISTORY);
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

/** One training row, as `triage train` reads them. */
export interface FeedbackRow {
  readonly id: string;
  readonly lang: 'en' | 'zh' | 'other';
  readonly label: Category;
  readonly subject: string;
  readonly body: string;
}

/**
 * Every recategorisation as a labelled row: the customer's first message
 * (new text only, quoted history cut) with the category an agent chose. A
 * ticket recategorised twice gives one row, with the last label.
 */
export async function* recategorisationRows(deps: Pick<AgentDeps, 'tickets'>): AsyncGenerator<FeedbackRow> {
  const latest = new Map<string, Category>();
  let cursor: string | undefined;
  do {
    const page = await deps.tickets.recategorisations({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const r of page.items) latest.set(r.ticketId, r.label);
    cursor = page.cursor;
  } while (cursor);
  for (const [ticketId, label] of latest) {
    const ticket = await deps.tickets.getTicket(ticketId);
    const first = (await deps.tickets.getThread(ticketId)).find((m) => m.direction === 'inbound');
    if (!ticket || !first) continue;
    const body = first.quoted && first.text.endsWith(first.quoted) ? first.text.slice(0, -first.quoted.length).trim() : first.text;
    const language = ticket.classification.language;
    yield { id: `feedback-${ticketId}`, lang: language === 'en' ? 'en' : language === 'other' ? 'other' : 'zh', label, subject: ticket.subject, body };
  }
}
