import type { Category } from '../domain/ticket.ts';
import { ConflictError } from '../domain/errors.ts';
import type { OutboundJob } from '../domain/outbound-job.ts';
import type { Clock, DueTimer, OutboundQueue, TicketStore } from '../domain/ports.ts';
import { applyTimer, timersFor } from '../sla/sla-clock.ts';
import type { SlaConfig } from '../sla/sla-config.ts';
import { alertJob, customerJob } from '../sla/sla-jobs.ts';

export interface SweepDeps {
  readonly tickets: TicketStore;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly config: SlaConfig;
  readonly shards: number;
}

export type TimerOutcome = 'fired' | 'stale' | 'lost-race';

/** Timers handled at once within one shard (each shard runs in parallel with the others). */
const PER_SHARD_CONCURRENCY = 8;

export interface SweepResult {
  readonly fired: number;
  readonly stale: number;
  readonly lostRaces: number;
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
  let fired = 0;
  let stale = 0;
  let lostRaces = 0;
  const byKind: Array<{ kind: string; category: Category }> = [];
  await Promise.all(
    Array.from({ length: deps.shards }, async (_, shard) => {
      for (;;) {
        const due = await deps.tickets.dueTimers(shard, now, pageSize);
        // A few timers at a time within a shard: they belong to different tickets, so they do not contend.
        for (let i = 0; i < due.length; i += PER_SHARD_CONCURRENCY) {
          const outcomes = await Promise.all(due.slice(i, i + PER_SHARD_CONCURRENCY).map((timer) => fireTimer(timer, now, deps).then((o) => ({ o, timer }))));
          for (const { o, timer } of outcomes) {
            if (o.result === 'fired') (fired += 1), byKind.push({ kind: timer.kind, category: o.category! });
            else if (o.result === 'stale') stale += 1;
            else lostRaces += 1;
          }
        }
        if (due.length < pageSize) break;
      }
    }),
  );
  return { fired, stale, lostRaces, byKind };
}

export async function fireTimer(timer: DueTimer, now: Date, deps: Omit<SweepDeps, 'shards'>): Promise<{ result: TimerOutcome; category?: Category }> {
  const ticket = await deps.tickets.getTicket(timer.ticketId);
  if (!ticket?.sla || ticket.sla.epoch !== timer.epoch) {
    await deps.tickets.deleteTimer(timer);
    return { result: 'stale' };
  }
  const { state, effect, close } = applyTimer(timer.kind, ticket.sla, now, deps.config);
  const next = { ...ticket, sla: state, status: close ? ('resolved' as const) : ticket.status, updatedAt: now.toISOString() };
  const jobs: OutboundJob[] = [];
  if ('notify' in effect) {
    const clock = timer.kind === 'resolution-breach' ? 'resolution' : ticket.sla.response?.kind === 'next' ? 'next-response' : 'first-response';
    const dueAt = timer.kind === 'response-warn' ? (ticket.sla.response?.dueAt ?? timer.dueAt) : timer.dueAt;
    jobs.push(alertJob(next, effect.notify, timer.epoch, timer.kind, { clock, dueAt, customerUpdated: 'customer' in effect && effect.customer === 'still-on-it' }));
  }
  if ('customer' in effect && effect.customer) jobs.push(customerJob(next, effect.customer, timer.kind, { epoch: timer.epoch }));
  // Enqueue first: if the transaction below loses, the twin sweep that won enqueued the same job ids.
  for (const job of jobs) await deps.outbound.enqueue(job);
  try {
    await deps.tickets.saveTicket({ next, expectedVersion: ticket.version, timers: timersFor(state, next.status, deps.config), fired: timer });
    return { result: 'fired', category: ticket.category };
  } catch (error) {
    if (error instanceof ConflictError) return { result: 'lost-race' };
    throw error;
  }
}
