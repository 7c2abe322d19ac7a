import { DateTime } from 'luxon';
import { type Calendar, WEEKDAYS } from './sla-config.ts';

const MINUTE = 60_000;
/** A calendar open at least once a year always finds its next opening well within this. */
const MAX_DAYS = 800;

/** Open intervals of one local day, as UTC instants; empty on holidays and closed days. DST is luxon's job. */
function openIntervals(day: DateTime, calendar: Calendar): Array<[number, number]> {
  if (calendar.holidays.includes(day.toISODate() ?? '')) return [];
  const weekday = WEEKDAYS[day.weekday - 1]!;
  return calendar.weeklyHours[weekday].map(([start, end]) => [at(day, start), at(day, end)] as [number, number]);
}

function at(day: DateTime, hhmm: string): number {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  // A wall-clock time that a DST change skips resolves forward (luxon), never to an earlier instant.
  return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 }).toMillis();
}

/** The instant `minutes` of open time after `start` (around the clock when the calendar is always open). */
export function addBusinessMinutes(start: Date, minutes: number, calendar: Calendar): Date {
  if (calendar.alwaysOpen) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let day = DateTime.fromMillis(cursor, { zone: calendar.timeZone }).startOf('day');
  for (let i = 0; i < MAX_DAYS; i += 1, day = day.plus({ days: 1 }).startOf('day')) {
    for (const [open, close] of openIntervals(day, calendar)) {
      if (close <= cursor) continue;
      const from = Math.max(cursor, open);
      if (from + remaining <= close) return new Date(from + remaining);
      remaining -= close - from;
      cursor = close;
    }
  }
  throw new RangeError(`No ${minutes} open minutes within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/** Open minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, calendar: Calendar): number {
  if (to <= from) return 0;
  if (calendar.alwaysOpen) return (to.getTime() - from.getTime()) / MINUTE;
  let total = 0;
  let day = DateTime.fromMillis(from.getTime(), { zone: calendar.timeZone }).startOf('day');
  const end = to.getTime();
  for (let i = 0; i < MAX_DAYS * 5 && day.toMillis() < end; i += 1, day = day.plus({ days: 1 }).startOf('day')) {
    for (const [open, close] of openIntervals(day, calendar)) {
      const a = Math.max(open, from.getTime());
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
  }
  return total / MINUTE;
}

export function isOpen(instant: Date, calendar: Calendar): boolean {
  if (calendar.alwaysOpen) return true;
  const day = DateTime.fromMillis(instant.getTime(), { zone: calendar.timeZone }).startOf('day');
  return openIntervals(day, calendar).some(([open, close]) => instant.getTime() >= open && instant.getTime() < close);
}
