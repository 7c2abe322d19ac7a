import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_REPLY_POLICY, mailboxOf, standingAutoMailBlocker, takeAutoMailAllowance } from '../../lib/domain/reply-policy.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import { receive, timerFired } from '../../lib/domain/ticket-lifecycle.ts';
import { inMemoryStores } from '../fakes/in-memory-stores.ts';
import { aTicket } from '../helpers/tickets.ts';

const at = new Date('2026-11-24T10:00:00Z');

describe('automatic mail allowances', () => {
  it('counts a mailbox, not its plus-address spellings or its case', () => {
    expect(mailboxOf('Robot+1@Example.ORG')).toBe('robot@example.org');
    expect(mailboxOf('robot+a+b@example.org')).toBe('robot@example.org');
    expect(mailboxOf('plain@example.org')).toBe('plain@example.org');
  });

  it('stops at the mailbox, the domain and the global ceiling, naming which', async () => {
    const { suppressions } = inMemoryStores();
    const policy = { ...DEFAULT_AUTO_REPLY_POLICY, maxPerRecipient: 2, maxPerDomain: 3, maxGlobal: 4 };
    const take = (address: string) => takeAutoMailAllowance(suppressions, address, at, policy);
    expect([await take('a+1@robots.example'), await take('A+2@robots.example'), await take('a+3@robots.example')]).toEqual([undefined, undefined, 'rate-limit:2-per-180min']);
    expect([await take('b@robots.example'), await take('c@robots.example')]).toEqual([undefined, 'rate-limit-domain:3-per-180min']);
    expect([await take('d@other.example'), await take('e@third.example')]).toEqual([undefined, 'rate-limit-global:4-per-180min']);
    // A new window starts afresh.
    expect(await takeAutoMailAllowance(suppressions, 'a@robots.example', new Date(at.getTime() + 181 * 60_000), policy)).toBeUndefined();
  });
});

describe('the standing guard on automatic mail', () => {
  it('keeps who-sent-it reasons and drops the ones that are checked again at each send', () => {
    expect(standingAutoMailBlocker({ autoReplySuppressed: 'autoreply-suppressed:dmarc-fail' })).toBe('dmarc-fail');
    expect(standingAutoMailBlocker({ autoReplySuppressed: 'autoreply-suppressed:list:list-headers' })).toBe('list:list-headers');
    expect(standingAutoMailBlocker({ autoReplySuppressed: 'autoreply-suppressed:rate-limit:5-per-180min' })).toBeUndefined();
    expect(standingAutoMailBlocker({ autoReplySuppressed: 'autoreply-suppressed:address-suppressed:bounced:x' })).toBeUndefined();
    expect(standingAutoMailBlocker({})).toBeUndefined();
  });

  it('makes a breach alert supervisors but queue no still-on-it mail to a noreply sender', () => {
    const draft = aTicket({ ticketId: 'T-10001', autoReplySuppressed: 'autoreply-suppressed:auto-generated:noreply-sender' });
    const { ticket, timers } = receive(draft, at, { at: at.toISOString(), messageKey: 'd1' }, DEFAULT_SLA_CONFIG);
    const breach = timers.find((t) => t.kind === 'response-breach')!;
    const fired = timerFired(
      ticket,
      { ticketId: 'T-10001', kind: 'response-breach', dueAt: breach.dueAt, epoch: ticket.sla!.epoch },
      new Date('2026-12-01T10:00:00Z'),
      DEFAULT_SLA_CONFIG,
    );
    if (fired === 'stale') throw new Error('stale');
    expect(fired.jobs.map((j) => j.kind)).toEqual(['alert']);
    const person = receive(aTicket({ ticketId: 'T-10002' }), at, { at: at.toISOString(), messageKey: 'd2' }, DEFAULT_SLA_CONFIG).ticket;
    const firedForPerson = timerFired(
      person,
      { ticketId: 'T-10002', kind: 'response-breach', dueAt: breach.dueAt, epoch: person.sla!.epoch },
      new Date('2026-12-01T10:00:00Z'),
      DEFAULT_SLA_CONFIG,
    );
    if (firedForPerson === 'stale') throw new Error('stale');
    expect(firedForPerson.jobs.map((j) => j.kind)).toEqual(['alert', 'still-on-it']);
  });
});
