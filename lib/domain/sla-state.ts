import * as z from 'zod';

const Iso = z.iso.datetime();

/**
 * The SLA clocks of one ticket. `epoch` changes whenever a clock starts,
 * stops, pauses or resumes; timers and SLA mail carry the epoch they were
 * made for, so a timer made stale by a state change has no effect.
 */
export const SlaStateSchema = z.object({
  epoch: z.number().int().nonnegative(),
  priority: z.number().int().min(0).max(5),
  priorityReasons: z.array(z.string()),
  /** The answer a person owes the customer, if any: the first one, or the next after a follow-up. */
  response: z.object({ kind: z.enum(['first', 'next']), startedAt: Iso, warnAt: Iso, dueAt: Iso, warnedAt: Iso.optional(), breachedAt: Iso.optional() }).optional(),
  firstResponseAt: Iso.optional(),
  /** met / breached per response, for attainment reports. */
  responsesMet: z.number().int().nonnegative(),
  responsesBreached: z.number().int().nonnegative(),
  resolution: z.object({
    state: z.enum(['running', 'paused', 'stopped']),
    dueAt: Iso.optional(),
    /** Business minutes left when the clock was paused. */
    remainingMinutes: z.number().nonnegative().optional(),
    breachedAt: Iso.optional(),
  }),
  pendingSince: Iso.optional(),
  reminderSentAt: Iso.optional(),
  resolvedAt: Iso.optional(),
  followUpSentAt: Iso.optional(),
});
export type SlaState = z.infer<typeof SlaStateSchema>;

/** The deadlines a ticket's clocks set; each fires once per clock epoch. */
export type TimerKind = 'response-warn' | 'response-breach' | 'resolution-breach' | 'pending-reminder' | 'auto-close' | 'follow-up';

export interface TimerSpec {
  readonly kind: TimerKind;
  readonly dueAt: string;
}
