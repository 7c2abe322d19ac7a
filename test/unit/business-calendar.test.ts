import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TimeZoneSchema } from '../../lib/domain/config-values.ts';
import { ConfigError } from '../../lib/domain/errors.ts';
import { addBusinessMinutes, businessMinutesBetween, isOpen } from '../../lib/domain/sla/business-calendar.ts';
import { type Calendar, CalendarSchema, parseSlaConfig } from '../../lib/domain/sla/sla-config.ts';

const weekdays = (hours: Array<[string, string]>) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const paris: Calendar = CalendarSchema.parse({ timeZone: 'Europe/Paris', weeklyHours: weekdays([['09:00', '18:00']]), holidays: ['2026-12-25'] });
const split: Calendar = CalendarSchema.parse({
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    ...weekdays([
      ['09:00', '12:00'],
      ['13:30', '18:00'],
    ]),
    sat: [['10:00', '14:00']],
  },
});

describe('business calendar arithmetic', () => {
  it('carries a Friday 17:55 complaint over the weekend to Monday', () => {
    // Friday 27 November 2026, 17:55 in Paris (UTC+1); 4 business hours = 5 min Friday + 3 h 55 Monday.
    const due = addBusinessMinutes(new Date('2026-11-27T16:55:00Z'), 240, paris);
    expect(due.toISOString()).toBe('2026-11-30T11:55:00.000Z'); // Monday 12:55 Paris
  });

  it('starts counting at opening time for mail that arrives at night, and skips holidays', () => {
    expect(addBusinessMinutes(new Date('2026-11-24T02:00:00Z'), 60, paris).toISOString()).toBe('2026-11-24T09:00:00.000Z'); // 10:00 Paris
    // Thursday 24 December 17:00 Paris + 2 h: 1 h on the 24th, the 25th is a holiday, 1 h on Monday 28th.
    expect(addBusinessMinutes(new Date('2026-12-24T16:00:00Z'), 120, paris).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it('is correct across DST changes', () => {
    // Paris springs forward on Sunday 29 March 2026: Friday 17:00 (UTC+1) + 2 h → Monday 10:00 (UTC+2).
    expect(addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120, paris).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // …and falls back on Sunday 25 October 2026: Friday 17:00 (UTC+2) + 2 h → Monday 10:00 (UTC+1).
    expect(addBusinessMinutes(new Date('2026-10-23T15:00:00Z'), 120, paris).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('honours split days and Saturday hours', () => {
    // Friday 11:30 Shanghai + 90 min: 30 min before lunch, 60 after → 14:30.
    expect(addBusinessMinutes(new Date('2026-11-27T03:30:00Z'), 90, split).toISOString()).toBe('2026-11-27T06:30:00.000Z');
    // Friday 17:30 + 60 min → 30 min Friday, 30 min Saturday from 10:00.
    expect(addBusinessMinutes(new Date('2026-11-27T09:30:00Z'), 60, split).toISOString()).toBe('2026-11-28T02:30:00.000Z');
  });

  it('counts around the clock when always open', () => {
    const always = CalendarSchema.parse({ timeZone: 'UTC', alwaysOpen: true });
    expect(addBusinessMinutes(new Date('2026-11-28T23:30:00Z'), 60, always).toISOString()).toBe('2026-11-29T00:30:00.000Z');
  });

  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
  const minutes = fc.integer({ min: 0, max: 5000 });

  it('property: adding is monotonic and additive, and agrees with counting', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, fc.constantFrom(paris, split), (start, a, b, calendar) => {
        const afterA = addBusinessMinutes(start, a, calendar);
        const afterAB = addBusinessMinutes(start, a + b, calendar);
        expect(afterAB.getTime()).toBeGreaterThanOrEqual(afterA.getTime());
        if (a > 0) expect(addBusinessMinutes(afterA, b, calendar).getTime()).toBe(afterAB.getTime());
        expect(Math.round(businessMinutesBetween(start, afterAB, calendar))).toBe(a + b);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a deadline of at least one minute ends inside open hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 5000 }), fc.constantFrom(paris, split), (start, m, calendar) => {
        const due = addBusinessMinutes(start, m, calendar);
        expect(isOpen(new Date(due.getTime() - 1), calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SLA config validation', () => {
  it('fills what is missing from the defaults', () => {
    const config = parseSlaConfig({ warnAt: 0.5 });
    expect(config.warnAt).toBe(0.5);
    expect(config.policies.threat.firstResponseMinutes).toBe(60);
  });

  it('lays a partial policy over its default, field by field (README: "overrides any part")', () => {
    const config = parseSlaConfig({ policies: { complaint: { firstResponseMinutes: 120 } } });
    expect(config.policies.complaint).toEqual({ firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 1620, businessHours: true });
    expect(config.policies.routine.firstResponseMinutes).toBe(18 * 60);
    expect(() => parseSlaConfig({ policies: { complaint: { firstResponseMinutes: -5 } } })).toThrow('policies.complaint.firstResponseMinutes');
    expect(() => parseSlaConfig({ policies: { vip: { firstResponseMinutes: 5 } } })).toThrow('vip');
  });

  it('accepts UTC without asking Intl (its zone data would load at every cold start), and other zones by asking it', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(TimeZoneSchema.safeParse('UTC').success).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      expect(TimeZoneSchema.safeParse('Asia/Shanghai').success).toBe(true);
      expect(TimeZoneSchema.safeParse('utc/nowhere').success).toBe(false);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it.each([
    [{ calendar: { timeZone: 'Mars/Olympus' } }, 'calendar.timeZone: unknown time zone'],
    [
      {
        calendar: {
          timeZone: 'UTC',
          weeklyHours: {
            mon: [
              ['09:00', '12:00'],
              ['11:00', '14:00'],
            ],
          },
        },
      },
      'calendar.weeklyHours.mon: opening hours overlap: 09:00–12:00 and 11:00–14:00',
    ],
    [{ calendar: { timeZone: 'UTC', weeklyHours: { mon: [['18:00', '09:00']] } } }, 'calendar.weeklyHours.mon.0: the end must be after the start'],
    [{ calendar: { timeZone: 'UTC', weeklyHours: { mon: [['9am', '5pm']] } } }, 'calendar.weeklyHours.mon.0.0: use HH:MM'],
    [{ calendar: { timeZone: 'UTC', weeklyHours: {} } }, 'calendar.weeklyHours: the calendar is never open'],
    [{ calendar: { timeZone: 'UTC', weeklyHours: { mon: [['09:00', '17:00']] }, holidays: ['25/12/2026'] } }, 'calendar.holidays.0: use YYYY-MM-DD'],
    [{ calendar: { timeZone: 'UTC', weeklyHours: { mon: [['09:00', '17:00']] }, holidays: ['2026-02-30'] } }, 'calendar.holidays.0: is not a real date'],
    [{ policies: { threat: { firstResponseMinutes: -5, nextResponseMinutes: 60, resolutionMinutes: 60, businessHours: false } } }, 'policies.threat.firstResponseMinutes'],
    [{ warnAt: 1.5 }, 'warnAt'],
    [{ escalateTo: 'boss' }, 'escalateTo'],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => parseSlaConfig(input)).toThrow(ConfigError);
    expect(() => parseSlaConfig(input)).toThrow(message);
  });
});
