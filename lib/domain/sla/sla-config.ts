import { parseConfigJson, TimeZoneSchema } from '../config-values.ts';
import { ConfigError } from '../errors.ts';
import { CATEGORIES, type Category } from '../ticket.ts';
import * as z from '../zod.ts';
import { describeZodError } from '../zod-issues.ts';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const HhMm = z.string().check(z.regex(TIME, 'use HH:MM (24-hour)'));
const IntervalSchema = z.tuple([HhMm, HhMm]).check(z.refine(([start, end]) => toMinutes(end) > toMinutes(start), 'the end must be after the start'));

const DaySchema = z._default(
  z.array(IntervalSchema).check(
    z.superRefine((intervals, ctx) => {
      const sorted = [...intervals].sort((a, b) => toMinutes(a[0]) - toMinutes(b[0]));
      for (let i = 1; i < sorted.length; i += 1) {
        if (toMinutes(sorted[i]![0]) < toMinutes(sorted[i - 1]![1])) {
          ctx.addIssue({ code: 'custom', message: `opening hours overlap: ${sorted[i - 1]!.join('–')} and ${sorted[i]!.join('–')}` });
        }
      }
    }),
  ),
  [],
);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const IsoDay = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'),
  z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date'),
);

export const CalendarSchema = z
  .strictObject({
    timeZone: TimeZoneSchema,
    /** Around the clock: weekly hours and holidays are ignored. */
    alwaysOpen: z._default(z.boolean(), false),
    weeklyHours: z._default(
      z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DaySchema])) as Record<Weekday, typeof DaySchema>),
      Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Record<Weekday, Array<[string, string]>>,
    ),
    holidays: z._default(z.array(IsoDay), []),
  })
  .check(
    z.refine((c) => c.alwaysOpen || WEEKDAYS.some((d) => c.weeklyHours[d].length > 0), {
      message: 'the calendar is never open: give opening hours for at least one day, or alwaysOpen: true',
      path: ['weeklyHours'],
    }),
  );
export type Calendar = z.infer<typeof CalendarSchema>;

const Minutes = z.int().check(z.positive(), z.maximum(60 * 24 * 365));
const Days = (max: number, byDefault: number) => z._default(z.int().check(z.minimum(1), z.maximum(max)), byDefault);

const PolicySchema = z.strictObject({
  /** Until a person first answers. */
  firstResponseMinutes: Minutes,
  /** Until a person answers a customer's follow-up. */
  nextResponseMinutes: Minutes,
  /** Until the ticket is resolved (paused while waiting on the customer). */
  resolutionMinutes: Minutes,
  /** Count in business hours (the calendar) or around the clock. */
  businessHours: z.boolean(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const SlaConfigSchema = z.strictObject({
  calendar: CalendarSchema,
  policies: z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, PolicySchema])) as Record<Category, typeof PolicySchema>),
  /** Warn the queue when this share of a response target has passed. */
  warnAt: z._default(z.number().check(z.gt(0), z.lt(1)), 0.75),
  /** Tell the customer "still on it" when a response target is breached. */
  stillOnItUpdate: z._default(z.boolean(), true),
  /** Days after resolution to ask whether the customer is satisfied. */
  followUpAfterDays: Days(90, 3),
  /** Days of customer silence before a pending ticket gets a reminder, and after that before it closes. */
  pendingReminderAfterDays: Days(90, 3),
  autoCloseAfterDays: Days(365, 7),
});
export type SlaConfig = z.infer<typeof SlaConfigSchema>;

/**
 * Defaults: a Monday–Friday 09:00–18:00 team. Threats are counted around the
 * clock (a person must see them within the hour, whatever the day); the other
 * queues in business hours: a complaint within half a working day, rudeness
 * within a working day, a routine question within two.
 */
export const DEFAULT_SLA_CONFIG: SlaConfig = SlaConfigSchema.parse({
  calendar: {
    timeZone: 'UTC',
    weeklyHours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
  },
  policies: {
    threat: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 24 * 60, businessHours: false },
    complaint: { firstResponseMinutes: 4 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 3 * 9 * 60, businessHours: true },
    rude: { firstResponseMinutes: 9 * 60, nextResponseMinutes: 9 * 60, resolutionMinutes: 5 * 9 * 60, businessHours: true },
    routine: { firstResponseMinutes: 18 * 60, nextResponseMinutes: 18 * 60, resolutionMinutes: 5 * 9 * 60, businessHours: true },
  },
});

/** Validates an SLA config (partial: missing parts come from the defaults); every problem names its field. */
export function parseSlaConfig(input: unknown, source = 'SLA config'): SlaConfig {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const object = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  // Parts left out come from the defaults; a wrong type is kept so that zod names it.
  const merged = {
    ...DEFAULT_SLA_CONFIG,
    ...given,
    calendar: object(given.calendar) ? { ...DEFAULT_SLA_CONFIG.calendar, ...object(given.calendar) } : (given.calendar ?? DEFAULT_SLA_CONFIG.calendar),
    policies: object(given.policies) ? mergePolicies(object(given.policies)!) : (given.policies ?? DEFAULT_SLA_CONFIG.policies),
  };
  const parsed = SlaConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`${source}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Each given policy laid over its default, field by field: `{"complaint": {"firstResponseMinutes": 120}}` changes that one number. */
function mergePolicies(given: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...DEFAULT_SLA_CONFIG.policies };
  for (const [name, policy] of Object.entries(given)) {
    const base = (DEFAULT_SLA_CONFIG.policies as Record<string, Policy>)[name];
    // Unknown queues and wrong types are kept as given, so that zod names them.
    merged[name] = base && typeof policy === 'object' && policy !== null && !Array.isArray(policy) ? { ...base, ...policy } : policy;
  }
  return merged;
}

/** The config in a function's SLA_CONFIG variable (JSON), or the defaults when it is unset. */
export function loadSlaConfig(json: string | undefined, source = 'SLA_CONFIG'): SlaConfig {
  return json ? parseSlaConfig(parseConfigJson(json, source), source) : DEFAULT_SLA_CONFIG;
}
