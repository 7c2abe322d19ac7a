import type { Category, Ticket } from '../ticket.ts';

export interface QueueAttainment {
  readonly tickets: number;
  /** Responses given within their target; responses late (answered late, or breach recorded while still owed). */
  readonly met: number;
  readonly breached: number;
  /** Answers owed now that are past the warning point but not yet due. */
  readonly atRisk: number;
  /** Answers owed now, past due, whose breach the sweeper has not recorded yet. */
  readonly overdue: number;
  /** met / (met + breached + overdue), or null before any response was due. */
  readonly attainment: number | null;
}

/** SLA attainment per queue (category) from the tickets' clocks at `now`. */
export function attainmentByQueue(tickets: readonly Ticket[], now: Date): Record<Category, QueueAttainment> {
  const iso = now.toISOString();
  const empty = () => ({ tickets: 0, met: 0, breached: 0, atRisk: 0, overdue: 0 });
  const acc: Record<Category, ReturnType<typeof empty>> = { threat: empty(), rude: empty(), complaint: empty(), routine: empty() };
  for (const t of tickets) {
    const q = acc[t.category];
    q.tickets += 1;
    if (!t.sla) continue;
    q.met += t.sla.responsesMet;
    q.breached += t.sla.responsesBreached;
    const owed = t.sla.response;
    if (owed?.breachedAt) q.breached += 1;
    else if (owed && iso >= owed.dueAt) q.overdue += 1;
    else if (owed && iso >= owed.warnAt) q.atRisk += 1;
  }
  return Object.fromEntries(
    Object.entries(acc).map(([category, q]) => [category, { ...q, attainment: q.met + q.breached + q.overdue === 0 ? null : q.met / (q.met + q.breached + q.overdue) }]),
  ) as Record<Category, QueueAttainment>;
}
