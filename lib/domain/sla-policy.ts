import type { Category } from './ticket.ts';

/**
 * First-response targets per category. Threats first: a person must see them
 * within the hour. A simple 24×7 policy; the SLA engine (issue #5) adds
 * business-hours calendars and configurable policies.
 */
export const DEFAULT_FIRST_RESPONSE_MINUTES: Readonly<Record<Category, number>> = {
  threat: 60,
  complaint: 4 * 60,
  rude: 8 * 60,
  routine: 24 * 60,
};

export interface Deadline {
  readonly dueAt: Date;
  readonly reasons: readonly string[];
}

export function firstResponseDeadline(
  category: Category,
  receivedAt: Date,
  targets: Readonly<Record<Category, number>> = DEFAULT_FIRST_RESPONSE_MINUTES,
): Deadline {
  const minutes = targets[category];
  return {
    dueAt: new Date(receivedAt.getTime() + minutes * 60_000),
    reasons: [`first response within ${formatMinutes(minutes)} for ${category} (24x7 policy)`],
  };
}

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
