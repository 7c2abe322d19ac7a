import { describe, expect, it } from 'vitest';
import { CATEGORIES, LOCALES, STATUSES, TEMPLATES } from '../../console/src/api/client.ts';
import { highlight, matchedTerm, splitQuoted } from '../../console/src/highlight.ts';
import { localeFromBrowser, translator } from '../../console/src/i18n.ts';
import { AT_RISK_MINUTES as CONSOLE_AT_RISK_MINUTES, formatSpan, nextDeadline, urgencyOf } from '../../console/src/time.ts';
import { DRAFT_TEMPLATES } from '../../functions/agent-api/reply-drafts.ts';
import { classify } from '../../lib/classify/classifier.ts';
import { CATEGORIES as DOMAIN_CATEGORIES, LOCALES as DOMAIN_LOCALES, TICKET_STATUSES } from '../../lib/domain/ticket.ts';
import { nextDeadline as domainNextDeadline } from '../../lib/domain/urgency.ts';
import { AT_RISK_MINUTES } from '../../lib/use-cases/agent-queries.ts';

describe('console: signal highlighting', () => {
  /** How the classifier quotes a match: 30 characters each side, a cut side marked '…' (lib/classify/rules.ts). */
  const quote = (text: string, term: string) => {
    const folded = text.toLowerCase();
    const index = folded.indexOf(term);
    const start = Math.max(0, index - 30);
    const end = Math.min(folded.length, index + term.length + 30);
    return `${start > 0 ? '…' : ''}${folded.slice(start, end).replace(/\s+/g, ' ').trim()}${end < folded.length ? '…' : ''}`;
  };

  it("marks the words the classifier's rules matched, at the place they matched (its excerpt and span)", () => {
    const subject = 'Lamp arrived broken';
    const body = 'Hi there,\n\nThe lamp is broken and I am really disappointed.\nI want a full refund, not another broken lamp.';
    const { signals } = classify({ subject, body });
    expect(signals.some((s) => s.span)).toBe(true);
    const segments = highlight(body, signals);
    expect(segments.map((s) => s.text).join('')).toBe(body);
    const marked = segments.filter((s) => s.signal).map((s) => s.text);
    expect(marked).toEqual(expect.arrayContaining(['disappointed', 'refund']));
    for (const text of marked) expect(body).toContain(text);
  });

  it('marks what a rule matched for signals stored without a span, recovered from the excerpt around it', () => {
    const subject = 'Lamp arrived broken';
    const body = 'Hi there,\nThe desk lamp I bought arrived with the base cracked. I am really disappointed, please send a new one or a full refund.';
    const signals = [
      { rule: 'en.complaint.broken', excerpt: quote(`${subject}\n${body}`, 'broken') }, // matched in the subject only
      { rule: 'en.complaint.feeling', excerpt: quote(`${subject}\n${body}`, 'disappointed') },
      { rule: 'en.complaint.money', excerpt: quote(`${subject}\n${body}`, 'refund') },
      { rule: 'model.complaint', excerpt: '"lamp", "cracked"' },
    ];
    const segments = highlight(body, signals);
    expect(segments.map((s) => s.text).join('')).toBe(body); // nothing lost, nothing added
    expect(segments.filter((s) => s.signal)).toEqual([
      { text: 'disappointed', signal: 'en.complaint.feeling' },
      { text: 'refund', signal: 'en.complaint.money' },
    ]);
  });

  it('keeps customer markup as plain text segments and marks Chinese by its characters', () => {
    const text = '<img src=x onerror=alert(1)> 你好，我十号下的订单，说好三天内发货，到现在已经过了一个星期还没收到。真的很失望。请尽快给我发货';
    const segments = highlight(text, [{ rule: 'zh.complaint.feeling', excerpt: quote(text, '失望') }]);
    expect(segments.filter((s) => s.signal)).toEqual([{ text: '失望', signal: 'zh.complaint.feeling' }]);
    expect(segments[0]!.text.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(matchedTerm('a short whole text')).toBeUndefined(); // no cut side: the match could be anywhere
  });

  it('folds quoted history under the new text', () => {
    const quoted = 'On Mon, Ann wrote:\n> the old text';
    expect(splitQuoted(`Thanks, that works.\n\n${quoted}`, quoted)).toEqual({ fresh: 'Thanks, that works.', history: quoted });
    expect(splitQuoted('Only new text', undefined)).toEqual({ fresh: 'Only new text' });
  });
});

describe('console: language and time', () => {
  it("picks the UI language from the browser's list", () => {
    expect(localeFromBrowser(['zh-TW', 'en'])).toBe('zh-Hant');
    expect(localeFromBrowser(['zh-HK'])).toBe('zh-Hant');
    expect(localeFromBrowser(['zh-CN'])).toBe('zh-Hans');
    expect(localeFromBrowser(['zh'])).toBe('zh-Hans');
    expect(localeFromBrowser(['fr-FR', 'en-GB'])).toBe('en');
    expect(localeFromBrowser(['de'])).toBe('en');
    expect(translator('zh-Hant')('dueIn', { time: '5 m' })).toBe('還剩 5 m');
  });

  it('counts down and colours deadlines: at risk within the hour, breached after', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(urgencyOf('2026-12-01T12:00:00Z', now)).toBe('ok');
    expect(urgencyOf('2026-12-01T10:59:00Z', now)).toBe('at-risk');
    expect(urgencyOf('2026-12-01T10:00:00Z', now)).toBe('breached');
    expect(urgencyOf(undefined, now)).toBe('none');
    expect(formatSpan(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
    expect(formatSpan(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 05 m');
    expect(formatSpan(-(4 * 60_000 + 9_000))).toBe('4 m 09 s');
    expect(formatSpan(26 * 3_600_000, { d: '天', h: '小时', m: '分', s: '秒' })).toBe('1 天 2 小时');
  });

  it('takes the answer owed as the next deadline, else a running resolution clock', () => {
    const resolution = { state: 'running' as const, dueAt: '2026-12-04T10:00:00Z' };
    const base = { epoch: 1, priority: 0, priorityReasons: [], responsesMet: 0, responsesBreached: 0 };
    expect(nextDeadline({ sla: { ...base, resolution, response: { kind: 'first', startedAt: 'a', warnAt: 'b', dueAt: '2026-12-01T14:00:00Z' } } })).toBe('2026-12-01T14:00:00Z');
    expect(nextDeadline({ sla: { ...base, resolution } })).toBe('2026-12-04T10:00:00Z');
    expect(nextDeadline({ sla: { ...base, resolution: { state: 'paused' } } })).toBeUndefined();
  });
});

describe('console: the facts it keeps of its own agree with the server', () => {
  // The console may not import lib/ (it stands alone, .dependency-cruiser.cjs); these copies are checked here instead.
  it('has the same categories, statuses, locales, reply templates and at-risk hour', () => {
    expect([...CATEGORIES]).toEqual([...DOMAIN_CATEGORIES]);
    expect([...STATUSES]).toEqual([...TICKET_STATUSES]);
    expect([...LOCALES]).toEqual([...DOMAIN_LOCALES]);
    expect([...TEMPLATES].sort()).toEqual([...DRAFT_TEMPLATES].sort());
    expect(CONSOLE_AT_RISK_MINUTES).toBe(AT_RISK_MINUTES);
  });

  it("reads a ticket's next deadline as the server does", () => {
    const sla = (response: boolean, state: 'running' | 'paused' | 'stopped') => ({
      epoch: 1,
      priority: 0,
      priorityReasons: [],
      responsesMet: 0,
      responsesBreached: 0,
      ...(response ? { response: { kind: 'first' as const, startedAt: '2026-12-01T09:00:00.000Z', warnAt: '2026-12-01T11:00:00.000Z', dueAt: '2026-12-01T12:00:00.000Z' } } : {}),
      resolution: { state, dueAt: '2026-12-03T18:00:00.000Z' },
    });
    for (const ticket of [{}, { sla: sla(true, 'running') }, { sla: sla(false, 'running') }, { sla: sla(false, 'paused') }, { sla: sla(true, 'stopped') }]) {
      expect(nextDeadline(ticket as never)).toBe(domainNextDeadline(ticket as never));
    }
  });
});
