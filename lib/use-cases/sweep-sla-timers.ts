import { ConflictError } from '../domain/errors.ts';
import type { Clock, DueTimer, OutboundQueue, TicketRepository, TimerIndex } from '../domain/ports.ts';
import type { SlaConfig } from '../domain/sla/sla-config.ts';
import type { Category } from '../domain/ticket.ts';
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
 * Fires every timer due by now, shard by shard. Each effect happens once:
 * jobs carry deterministic ids (the mailer sends each id once), and the
 * ticket update and the timer's deletion are one conditional transaction,
 * so a second or overlapping sweep finds nothing left to do.
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
      for (;;) {
        const due = await deps.timers.due(shard, now, pageSize);
        // A few timers at a time within a shard: they belong to different tickets, so they do not contend.
        for (let i = 0; i < due.length; i += PER_SHARD_CONCURRENCY) {
          const outcomes = await Promise.all(due.slice(i, i + PER_SHARD_CONCURRENCY).map((timer) => fireTimer(timer, now, deps).then((o) => ({ o, timer }))));
          for (const { o, timer } of outcomes) {
            if (o.result === 'fired') {
              fired += 1;
              byKind.push({ kind: timer.kind, category: o.category! });
            } else if (o.result === 'stale') stale += 1;
            else lostRaces += 1;
          }
        }
        if (due.length < pageSize) break;
      }
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

export async function fireTimer(timer: DueTimer, now: Date, deps: Omit<SweepDeps, 'shards'>): Promise<{ result: TimerOutcome; category?: Category }> {
  const ticket = await deps.tickets.getTicket(timer.ticketId);
  const fired = ticket ? timerFired(ticket, timer, now, deps.config) : 'stale';
  if (!ticket || fired === 'stale') {
    await deps.timers.remove(timer);
    return { result: 'stale' };
  }
  // Enqueue first: if the transaction below loses, the twin sweep that won enqueued the same job ids.
  for (const job of fired.jobs) await deps.outbound.enqueue(job);
  try {
    await deps.tickets.saveTicket({ next: fired.ticket, expectedVersion: ticket.version, timers: fired.timers, audit: fired.audit, fired: timer });
    return { result: 'fired', category: ticket.category };
  } catch (error) {
    if (error instanceof ConflictError) return { result: 'lost-race' };
    throw error;
  }
}
