import { useEffect, useState } from 'preact/hooks';
import type { Ticket } from './api/client.ts';

/** A ticket is at risk when its deadline is within this many minutes (the API's queue counts use the same hour). */
export const AT_RISK_MINUTES = 60;

export type Urgency = 'breached' | 'at-risk' | 'ok' | 'none';

export function urgencyOf(dueAt: string | undefined, now: number): Urgency {
  if (!dueAt) return 'none';
  const left = Date.parse(dueAt) - now;
  if (left <= 0) return 'breached';
  return left <= AT_RISK_MINUTES * 60_000 ? 'at-risk' : 'ok';
}

export interface SpanUnits {
  readonly d: string;
  readonly h: string;
  readonly m: string;
  readonly s: string;
}

const SHORT_UNITS: SpanUnits = { d: 'd', h: 'h', m: 'm', s: 's' };

/** "2 d 4 h", "3 h 05 m", "4 m 09 s": coarse far away, to the second near the deadline. */
export function formatSpan(ms: number, u: SpanUnits = SHORT_UNITS): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} ${u.d} ${h} ${u.h}`;
  if (h > 0) return `${h} ${u.h} ${two(m)} ${u.m}`;
  return `${m} ${u.m} ${two(sec)} ${u.s}`;
}

/** The deadline a person must meet next: the answer owed, else the running resolution clock. */
export function nextDeadline(ticket: Pick<Ticket, 'sla'>): string | undefined {
  const sla = ticket.sla;
  if (!sla) return undefined;
  if (sla.response) return sla.response.dueAt;
  return sla.resolution.state === 'running' ? sla.resolution.dueAt : undefined;
}

/** The current time, ticking every second, for live countdowns (one timer per hook user). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * Runs `load` now and every `everyMs` while the tab is visible, and again when it becomes visible; a tick waits
 * for the load before it. `load` is told whether it is still current: one started before the view's filters
 * changed (or it closed) must not show what it found.
 */
export function usePolling(load: (current: () => boolean) => Promise<void>, everyMs: number, deps: readonly unknown[]): void {
  useEffect(() => {
    let stopped = false;
    let loading = false;
    const current = () => !stopped;
    const tick = () => {
      if (stopped || loading || document.visibilityState !== 'visible') return;
      loading = true;
      load(current)
        .catch(() => undefined)
        .finally(() => {
          loading = false;
        });
    };
    tick();
    const id = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      stopped = true;
      clearInterval(id);
      document.removeEventListener('visibilitychange', tick);
    };
  }, deps);
}
