import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTimer, initialPriority, onAgentReply, onCustomerReply, onPending, onResolved, startClocks, timersFor } from '../../lib/domain/sla/sla-clock.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import type { Classification } from '../../lib/domain/ticket.ts';

const config = DEFAULT_SLA_CONFIG; // Mon–Fri 09:00–18:00 UTC
const monday9 = new Date('2026-11-30T09:00:00Z');
const at = (iso: string) => new Date(iso);

describe('SLA clock state machine', () => {
  it('starts first-response and resolution clocks, threats around the clock', () => {
    const complaint = startClocks('complaint', monday9, config);
    expect(complaint.response).toMatchObject({ kind: 'first', dueAt: '2026-11-30T13:00:00.000Z', warnAt: '2026-11-30T12:00:00.000Z' });
    expect(complaint.resolution).toMatchObject({ state: 'running', dueAt: '2026-12-02T18:00:00.000Z' });
    const saturdayThreat = startClocks('threat', at('2026-11-28T03:00:00Z'), config);
    expect(saturdayThreat.response?.dueAt).toBe('2026-11-28T04:00:00.000Z');
  });

  it('counts a first answer as met or breached, and only once', () => {
    const start = startClocks('complaint', monday9, config);
    const met = onAgentReply(start, at('2026-11-30T12:59:00Z'));
    expect(met).toMatchObject({ responsesMet: 1, responsesBreached: 0, firstResponseAt: '2026-11-30T12:59:00.000Z', epoch: 2 });
    expect(met.response).toBeUndefined();
    expect(onAgentReply(met, at('2026-11-30T14:00:00Z'))).toBe(met); // nothing owed, nothing changes
    expect(onAgentReply(start, at('2026-11-30T13:01:00Z'))).toMatchObject({ responsesMet: 0, responsesBreached: 1 });
  });

  it('owes a next response after a customer follow-up, keeping an answer already owed', () => {
    const answered = onAgentReply(startClocks('routine', monday9, config), at('2026-11-30T10:00:00Z'));
    const followUp = onCustomerReply(answered, at('2026-11-30T11:00:00Z'), 'routine', config);
    expect(followUp.response).toMatchObject({ kind: 'next', startedAt: '2026-11-30T11:00:00.000Z' });
    const again = onCustomerReply(followUp, at('2026-11-30T12:00:00Z'), 'routine', config);
    expect(again.response?.dueAt).toBe(followUp.response?.dueAt);
  });

  it('pauses resolution while pending and resumes with the business time that was left', () => {
    const pending = onPending(startClocks('complaint', monday9, config), at('2026-11-30T10:00:00Z'), 'complaint', config);
    expect(pending.resolution).toEqual({ state: 'paused', remainingMinutes: 26 * 60 });
    expect(timersFor(pending, 'pending', config).map((t) => t.kind)).toEqual(['pending-reminder']);
    const resumed = onCustomerReply(pending, at('2026-12-01T09:00:00Z'), 'complaint', config);
    expect(resumed.resolution).toEqual({ state: 'running', dueAt: '2026-12-03T17:00:00.000Z' });
  });

  it('stops on resolution and schedules one follow-up', () => {
    const resolved = onResolved(startClocks('routine', monday9, config), at('2026-11-30T15:00:00Z'));
    expect(resolved.resolution.state).toBe('stopped');
    expect(timersFor(resolved, 'resolved', config)).toEqual([{ kind: 'follow-up', dueAt: '2026-12-03T15:00:00.000Z' }]);
    const followed = applyTimer('follow-up', resolved, at('2026-12-03T15:00:00Z'), config);
    expect(followed.effect).toEqual({ customer: 'follow-up' });
    expect(timersFor(followed.state, 'resolved', config)).toEqual([]);
  });

  it('escalates on breach without moving the clocks', () => {
    const start = startClocks('complaint', monday9, config);
    const warned = applyTimer('response-warn', start, at('2026-11-30T12:00:00Z'), config);
    expect(warned.effect).toEqual({ notify: 'sla-warning' });
    const breached = applyTimer('response-breach', warned.state, at('2026-11-30T13:00:00Z'), config);
    expect(breached.effect).toEqual({ notify: 'sla-breach', customer: 'still-on-it' });
    expect(breached.state).toMatchObject({ epoch: start.epoch, priority: 1 });
    expect(timersFor(breached.state, 'open', config).map((t) => t.kind)).toEqual(['resolution-breach']);
  });

  it('raises priority for harm threats, VIPs and repeat complainers', () => {
    const threat = { category: 'threat', subtype: 'violence' } as Classification;
    expect(initialPriority(threat, true, 3)).toEqual({ priority: 5, reasons: ['threat:violence', 'vip', 'repeat-complainer:3'] });
    expect(initialPriority({ category: 'routine' } as Classification, false, 0)).toEqual({ priority: 0, reasons: [] });
  });

  it('property: every clock change moves the epoch, so older timers go stale', () => {
    const step = fc.constantFrom('agent', 'customer', 'pending', 'resolved');
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 1, max: 5000 })), { minLength: 1, maxLength: 12 }), (steps) => {
        let state = startClocks('complaint', monday9, config);
        let now = monday9.getTime();
        for (const [kind, minutes] of steps) {
          now += minutes * 60_000;
          const when = new Date(now);
          const before = state;
          state =
            kind === 'agent'
              ? onAgentReply(state, when)
              : kind === 'customer'
                ? onCustomerReply(state, when, 'complaint', config)
                : kind === 'pending'
                  ? onPending(state, when, 'complaint', config)
                  : onResolved(state, when);
          if (state !== before) expect(state.epoch).toBeGreaterThan(before.epoch);
          expect(state.responsesMet + state.responsesBreached).toBeGreaterThanOrEqual(before.responsesMet + before.responsesBreached);
          for (const timer of timersFor(state, kind === 'pending' ? 'pending' : kind === 'resolved' ? 'resolved' : 'open', config)) {
            expect(Number.isNaN(Date.parse(timer.dueAt))).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
