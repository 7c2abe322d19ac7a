import { describe, expect, it } from 'vitest';
import { attainmentByQueue } from '../../lib/domain/sla/attainment.ts';
import { startClocks } from '../../lib/domain/sla/sla-clock.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import type { Ticket } from '../../lib/domain/ticket.ts';

const ticket = (category: Ticket['category'], sla: Ticket['sla']) => ({ category, sla }) as Ticket;

describe('attainmentByQueue', () => {
  it('counts met, breached, at risk and overdue per queue', () => {
    const start = startClocks('complaint', new Date('2026-11-30T09:00:00Z'), DEFAULT_SLA_CONFIG); // warn 12:00, due 13:00
    const tickets = [
      ticket('complaint', { ...start, response: undefined, responsesMet: 2, responsesBreached: 1 }),
      ticket('complaint', start),
      ticket('complaint', { ...start, response: { ...start.response!, warnAt: '2026-11-30T09:30:00.000Z', dueAt: '2026-11-30T10:00:00.000Z' } }),
      ticket('complaint', { ...start, response: { ...start.response!, breachedAt: '2026-11-30T10:00:00.000Z' } }),
      ticket('routine', undefined),
    ];
    const report = attainmentByQueue(tickets, new Date('2026-11-30T12:30:00Z'));
    expect(report.complaint).toEqual({ tickets: 4, met: 2, breached: 2, atRisk: 1, overdue: 1, attainment: 2 / 5 });
    expect(report.routine).toEqual({ tickets: 1, met: 0, breached: 0, atRisk: 0, overdue: 0, attainment: null });
  });
});
