import type { SlaState, TimerKind, TimerSpec } from '../sla-state.ts';
import type { Category, Classification, TicketStatus } from '../ticket.ts';
import { addBusinessMinutes, businessMinutesBetween } from './business-calendar.ts';
import type { Calendar, Policy, SlaConfig } from './sla-config.ts';

const calendarFor = (policy: Policy, config: SlaConfig): Calendar => (policy.businessHours ? config.calendar : { ...config.calendar, alwaysOpen: true });

function responseClock(kind: 'first' | 'next', from: Date, minutes: number, policy: Policy, config: SlaConfig): NonNullable<SlaState['response']> {
  const calendar = calendarFor(policy, config);
  return {
    kind,
    startedAt: from.toISOString(),
    warnAt: addBusinessMinutes(from, Math.max(1, Math.floor(minutes * config.warnAt)), calendar).toISOString(),
    dueAt: addBusinessMinutes(from, minutes, calendar).toISOString(),
  };
}

/** Priority from what we know at arrival: threats of harm first, VIPs and repeat complainers up. */
export function initialPriority(classification: Classification, vip: boolean, previousComplaints: number): { priority: number; reasons: string[] } {
  const reasons: string[] = [];
  let priority = 0;
  if (classification.category === 'threat') {
    priority += classification.subtype === 'violence' || classification.subtype === 'safety' ? 3 : 2;
    reasons.push(`threat${classification.subtype ? `:${classification.subtype}` : ''}`);
  }
  if (vip) {
    priority += 1;
    reasons.push('vip');
  }
  if (previousComplaints >= 2) {
    priority += 1;
    reasons.push(`repeat-complainer:${previousComplaints}`);
  }
  return { priority: Math.min(5, priority), reasons };
}

/** Clocks of a new ticket: first response and resolution start at receipt. */
export function startClocks(category: Category, receivedAt: Date, config: SlaConfig, priority = { priority: 0, reasons: [] as string[] }): SlaState {
  const policy = config.policies[category];
  return {
    epoch: 1,
    priority: priority.priority,
    priorityReasons: priority.reasons,
    response: responseClock('first', receivedAt, policy.firstResponseMinutes, policy, config),
    responsesMet: 0,
    responsesBreached: 0,
    resolution: { state: 'running', dueAt: addBusinessMinutes(receivedAt, policy.resolutionMinutes, calendarFor(policy, config)).toISOString() },
  };
}

/**
 * The ticket moved to another queue: an answer still owed is now due under
 * that queue's policy, counted from when it became owed; a deadline already
 * breached stays breached. Everything else (history, pauses, reminders) is
 * kept. A new epoch only when a deadline moved, so other timers stay valid.
 */
export function onRecategorised(state: SlaState, category: Category, config: SlaConfig): SlaState {
  const { response } = state;
  if (!response || response.breachedAt) return state;
  const policy = config.policies[category];
  const minutes = response.kind === 'first' ? policy.firstResponseMinutes : policy.nextResponseMinutes;
  const moved = responseClock(response.kind, new Date(response.startedAt), minutes, policy, config);
  // A warning already sent is not sent again for the same answer.
  return { ...state, epoch: state.epoch + 1, response: { ...moved, ...(response.warnedAt ? { warnedAt: response.warnedAt } : {}) } };
}

/** A person answered: the response clock stops (met or breached); automatic mail never counts. */
export function onAgentReply(state: SlaState, at: Date): SlaState {
  if (!state.response) return state;
  const met = at.toISOString() <= state.response.dueAt;
  return {
    ...state,
    epoch: state.epoch + 1,
    response: undefined,
    firstResponseAt: state.firstResponseAt ?? (state.response.kind === 'first' ? at.toISOString() : undefined),
    responsesMet: state.responsesMet + (met ? 1 : 0),
    responsesBreached: state.responsesBreached + (met ? 0 : 1),
  };
}

/** The customer wrote: a paused resolution clock resumes, and a person owes the next answer. */
export function onCustomerReply(state: SlaState, at: Date, category: Category, config: SlaConfig): SlaState {
  const policy = config.policies[category];
  const calendar = calendarFor(policy, config);
  const resolution =
    state.resolution.state === 'paused'
      ? {
          state: 'running' as const,
          dueAt: addBusinessMinutes(at, state.resolution.remainingMinutes ?? 0, calendar).toISOString(),
          ...(state.resolution.breachedAt ? { breachedAt: state.resolution.breachedAt } : {}),
        }
      : state.resolution.state === 'stopped'
        ? { state: 'running' as const, dueAt: addBusinessMinutes(at, policy.resolutionMinutes, calendar).toISOString() }
        : state.resolution;
  const kind = state.firstResponseAt || state.responsesMet + state.responsesBreached > 0 ? 'next' : 'first';
  return {
    ...state,
    epoch: state.epoch + 1,
    // An answer already owed keeps its deadline; otherwise a new one starts now.
    response: state.response ?? responseClock(kind, at, kind === 'first' ? policy.firstResponseMinutes : policy.nextResponseMinutes, policy, config),
    resolution,
    pendingSince: undefined,
    reminderSentAt: undefined,
    resolvedAt: undefined,
    followUpSentAt: undefined,
  };
}

/** Waiting on the customer: the resolution clock pauses and no answer is owed. */
export function onPending(state: SlaState, at: Date, category: Category, config: SlaConfig): SlaState {
  const calendar = calendarFor(config.policies[category], config);
  const remaining =
    state.resolution.state === 'running' && state.resolution.dueAt ? businessMinutesBetween(at, new Date(state.resolution.dueAt), calendar) : state.resolution.remainingMinutes;
  return {
    ...onAgentReply(state, at),
    epoch: state.epoch + 1,
    resolution: {
      state: 'paused',
      ...(remaining !== undefined ? { remainingMinutes: remaining } : {}),
      ...(state.resolution.breachedAt ? { breachedAt: state.resolution.breachedAt } : {}),
    },
    pendingSince: at.toISOString(),
    reminderSentAt: undefined,
  };
}

export function onResolved(state: SlaState, at: Date): SlaState {
  return {
    ...onAgentReply(state, at),
    epoch: state.epoch + 1,
    resolution: { state: 'stopped', ...(state.resolution.breachedAt ? { breachedAt: state.resolution.breachedAt } : {}) },
    resolvedAt: at.toISOString(),
    pendingSince: undefined,
  };
}

const DAY = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** The timers a state needs; everything else is stale. */
export function timersFor(state: SlaState, status: TicketStatus, config: SlaConfig): TimerSpec[] {
  const timers: TimerSpec[] = [];
  if (state.response && !state.response.warnedAt) timers.push({ kind: 'response-warn', dueAt: state.response.warnAt });
  if (state.response && !state.response.breachedAt) timers.push({ kind: 'response-breach', dueAt: state.response.dueAt });
  if (state.resolution.state === 'running' && state.resolution.dueAt && !state.resolution.breachedAt) timers.push({ kind: 'resolution-breach', dueAt: state.resolution.dueAt });
  if (status === 'pending' && state.pendingSince) {
    timers.push(
      state.reminderSentAt
        ? { kind: 'auto-close', dueAt: plusDays(state.reminderSentAt, config.autoCloseAfterDays) }
        : { kind: 'pending-reminder', dueAt: plusDays(state.pendingSince, config.pendingReminderAfterDays) },
    );
  }
  if (status === 'resolved' && state.resolvedAt && !state.followUpSentAt) timers.push({ kind: 'follow-up', dueAt: plusDays(state.resolvedAt, config.followUpAfterDays) });
  return timers;
}

export type TimerEffect =
  | { readonly notify: 'sla-warning' | 'sla-breach'; readonly customer?: 'still-on-it' }
  | { readonly customer: 'pending-reminder' | 'follow-up' }
  | { readonly close: true };

/** What a due timer does to the state. Warnings and breaches do not move the clocks (same epoch). */
export function applyTimer(kind: TimerKind, state: SlaState, at: Date, config: SlaConfig): { state: SlaState; effect: TimerEffect; close?: boolean } {
  const now = at.toISOString();
  switch (kind) {
    case 'response-warn':
      return { state: { ...state, response: state.response && { ...state.response, warnedAt: now } }, effect: { notify: 'sla-warning' } };
    case 'response-breach':
      return {
        state: {
          ...state,
          priority: Math.min(5, state.priority + 1),
          priorityReasons: [...state.priorityReasons, 'response-breach'],
          response: state.response && { ...state.response, breachedAt: now },
        },
        effect: config.stillOnItUpdate ? { notify: 'sla-breach', customer: 'still-on-it' } : { notify: 'sla-breach' },
      };
    case 'resolution-breach':
      return {
        state: {
          ...state,
          priority: Math.min(5, state.priority + 1),
          priorityReasons: [...state.priorityReasons, 'resolution-breach'],
          resolution: { ...state.resolution, breachedAt: now },
        },
        effect: { notify: 'sla-breach' },
      };
    case 'pending-reminder':
      return { state: { ...state, reminderSentAt: now }, effect: { customer: 'pending-reminder' } };
    case 'auto-close':
      return { state: { ...onResolved(state, at), followUpSentAt: undefined }, effect: { close: true }, close: true };
    case 'follow-up':
      return { state: { ...state, followUpSentAt: now }, effect: { customer: 'follow-up' } };
  }
}
