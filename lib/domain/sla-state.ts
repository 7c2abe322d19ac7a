import * as z from './zod.ts';

const Iso = z.isoDateTime();
const NonNegativeInt = z.int().check(z.nonnegative());

/**
 * The SLA clocks of one ticket. `epoch` changes whenever a clock starts,
 * stops, pauses or resumes; timers and SLA mail carry the epoch they were
 * made for, so a timer made stale by a state change has no effect.
 */
export const SlaStateSchema = z.object({
  epoch: NonNegativeInt,
  priority: z.int().check(z.minimum(0), z.maximum(5)),
  priorityReasons: z.array(z.string()),
  /** The answer a person owes the customer, if any: the first one, or the next after a follow-up. */
  response: z.optional(z.object({ kind: z.enum(['first', 'next']), startedAt: Iso, warnAt: Iso, dueAt: Iso, warnedAt: z.optional(Iso), breachedAt: z.optional(Iso) })),
  firstResponseAt: z.optional(Iso),
  /** met / breached per response, for attainment reports. */
  responsesMet: NonNegativeInt,
  responsesBreached: NonNegativeInt,
  resolution: z.object({
    state: z.enum(['running', 'paused', 'stopped']),
    dueAt: z.optional(Iso),
    /** Business minutes left when the clock was paused. */
    remainingMinutes: z.optional(z.number().check(z.nonnegative())),
    breachedAt: z.optional(Iso),
  }),
  pendingSince: z.optional(Iso),
  reminderSentAt: z.optional(Iso),
  resolvedAt: z.optional(Iso),
  followUpSentAt: z.optional(Iso),
});
export type SlaState = z.infer<typeof SlaStateSchema>;

/** The deadlines a ticket's clocks set; each fires once per clock epoch. */
export type TimerKind = 'response-warn' | 'response-breach' | 'resolution-breach' | 'pending-reminder' | 'auto-close' | 'follow-up';

export interface TimerSpec {
  readonly kind: TimerKind;
  readonly dueAt: string;
}
