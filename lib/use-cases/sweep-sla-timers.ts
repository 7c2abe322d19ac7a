import { ConflictError } from '../domain/errors.ts';
import type { Clock, DueTimer, OutboundQueue, TicketRepository, TimerIndex } from '../domain/ports.ts';
import { timersFor } from '../domain/sla/sla-clock.ts';
import type { SlaConfig } from '../domain/sla/sla-config.ts';
import type { TimerKind, TimerSpec } from '../domain/sla-state.ts';
import type { Category, Ticket } from '../domain/ticket.ts';
import { timerFired } from '../domain/ticket-lifecycle.ts';

export interface SweepDeps {
  readonly tickets: TicketRepository;
  readonly timers: TimerIndex;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly config: SlaConfig;
}

export type TimerOutcome = 'fired' | 'stale' | 'lost-race';

/** Timers handled at once within one shard (each shard runs in parallel with the others). */
const PER_SHARD_CONCURRENCY = 8;

export interface SweepResult {
  readonly fired: number;
  readonly stale: number;
  readonly lostRaces: number;
  /** Jobs queued from the outbox, whose first queueing had failed. */
  readonly relayed: number;
  /** Fired timers per kind and category, for metrics. */
  readonly byKind: ReadonlyArray<{ kind: string; category: Category }>;
}

/**
 * Fires every timer due by now, shard by shard, each shard read once from
 * start to end (page after page from where the last stopped). Each effect
 * happens once: jobs carry deterministic ids (the mailer sends each id once),
 * a timer fires only while the ticket's state still owes it, and the ticket
 * update is conditional on the version that was read, so a second or
 * overlapping sweep, or a stale entry of the eventually consistent index,
 * finds nothing left to do.
 */
export async function sweepSlaTimers(deps: SweepDeps, pageSize = 100): Promise<SweepResult> {
  const now = deps.clock.now();
  const relayed = await relayOutbox(now, deps);
  let fired = 0;
  let stale = 0;
  let lostRaces = 0;
  const byKind: Array<{ kind: string; category: Category }> = [];
  await Promise.all(
    Array.from({ length: deps.timers.shards }, async (_, shard) => {
      let cursor: string | undefined;
      do {
        const page = await deps.timers.due(shard, now, pageSize, cursor);
        const due = page.timers;
        // A few timers at a time within a shard: they belong to different tickets, so they do not contend.
        for (let i = 0; i < due.length; i += PER_SHARD_CONCURRENCY) {
          const outcomes = await Promise.all(due.slice(i, i + PER_SHARD_CONCURRENCY).map((timer) => fireOverdue(timer, now, deps)));
          for (const o of outcomes.flat()) {
            if (o.result === 'fired') {
              fired += 1;
              byKind.push({ kind: o.kind, category: o.category! });
            } else if (o.result === 'stale') stale += 1;
            else lostRaces += 1;
          }
        }
        cursor = page.cursor;
      } while (cursor);
    }),
  );
  return { fired, stale, lostRaces, byKind, relayed };
}

/** Jobs an agent action saved but could not queue (the outbox), older than this, are queued by the sweep. */
const OUTBOX_GRACE_MS = 2 * 60_000;

/** Queues what agent actions saved but could not queue; the jobs' ids make a repeat harmless. */
async function relayOutbox(now: Date, deps: SweepDeps): Promise<number> {
  const stuck = await deps.tickets.pendingOutbox(new Date(now.getTime() - OUTBOX_GRACE_MS), 100);
  for (const { entry, job } of stuck) {
    await deps.outbound.enqueue(job);
    await deps.tickets.clearOutbox(entry);
  }
  return stuck.length;
}

/**
 * Fires a due timer and then, in order, each further deadline of the same ticket that is overdue too
 * (a sweep after a pause): the ticket holds only its next deadline, so the index shows one at a time.
 */
async function fireOverdue(first: DueTimer, now: Date, deps: Omit<SweepDeps, 'shards'>): Promise<Array<{ result: TimerOutcome; kind: TimerKind; category?: Category }>> {
  const outcomes: Array<{ result: TimerOutcome; kind: TimerKind; category?: Category }> = [];
  let timer: DueTimer | undefined = first;
  let known: Ticket | undefined;
  while (timer) {
    const outcome = await fireTimer(timer, now, deps, known);
    outcomes.push({ result: outcome.result, kind: timer.kind, ...(outcome.category ? { category: outcome.category } : {}) });
    const saved = outcome.saved;
    const next = saved && [...saved.timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind))[0];
    timer =
      saved && next && next.dueAt <= now.toISOString() ? { ticketId: saved.ticket.ticketId, kind: next.kind, dueAt: next.dueAt, epoch: saved.ticket.sla?.epoch ?? 0 } : undefined;
    known = saved?.ticket;
  }
  return outcomes;
}

/** Fires one due timer; `known` is the ticket as this sweep just saved it, when it is. */
export async function fireTimer(
  timer: DueTimer,
  now: Date,
  deps: Omit<SweepDeps, 'shards'>,
  known?: Ticket,
): Promise<{ result: TimerOutcome; category?: Category; saved?: { ticket: Ticket; timers: readonly TimerSpec[] } }> {
  const ticket = known ?? (await deps.tickets.getTicket(timer.ticketId));
  if (!ticket) return { result: 'stale' };
  // The index lags the table: an entry may name a timer that already fired (its state moved on) or was
  // rescheduled. Only a timer the ticket's current state still needs fires.
  const owed = ticket.sla ? timersFor(ticket.sla, ticket.status, deps.config) : [];
  const stillOwed = ticket.sla?.epoch === timer.epoch && owed.some((t) => t.kind === timer.kind && t.dueAt === timer.dueAt);
  const fired = stillOwed ? timerFired(ticket, timer, now, deps.config) : 'stale';
  if (fired === 'stale') {
    await deps.timers.reschedule(timer, owed, ticket.sla?.epoch ?? 0);
    return { result: 'stale' };
  }
  // Enqueue first: if the transaction below loses, the twin sweep that won enqueued the same job ids.
  for (const job of fired.jobs) await deps.outbound.enqueue(job);
  try {
    await deps.tickets.saveTicket({ next: fired.ticket, expectedVersion: ticket.version, timers: fired.timers, audit: fired.audit });
    return { result: 'fired', category: ticket.category, saved: { ticket: { ...fired.ticket, version: ticket.version + 1 }, timers: fired.timers } };
  } catch (error) {
    if (error instanceof ConflictError) return { result: 'lost-race' };
    throw error;
  }
}
