import { describe, expect, it } from 'vitest';
import { highlight, splitQuoted } from '../../console/src/highlight.ts';
import { localeFromBrowser, translator } from '../../console/src/i18n.ts';
import { formatSpan, nextDeadline, urgencyOf } from '../../console/src/time.ts';

describe('console: signal highlighting', () => {
  it('marks where a rule fired, from the excerpt the classifier wrote (normalised, with the subject in front)', () => {
    const text = 'Hi there,\n\nThe desk lamp I bought arrived with the base cracked.';
    const segments = highlight(text, [
      { rule: 'en.complaint.broken', excerpt: 'lamp arrived broken hi there, the desk lamp i bo…' },
      { rule: 'model.complaint', excerpt: '"lamp", "cracked"' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text); // nothing lost, nothing added
    const marked = segments.filter((s) => s.signal);
    expect(marked).toEqual([{ text: 'Hi there,\n\nThe desk lamp I', signal: 'en.complaint.broken' }]);
  });

  it('keeps customer markup as plain text segments and marks Chinese on two characters', () => {
    const text = '<img src=x onerror=alert(1)> 你们的服务太差了';
    const segments = highlight(text, [{ rule: 'zh.complaint.poor', excerpt: '…服务太差…' }]);
    expect(segments).toEqual([{ text: '<img src=x onerror=alert(1)> 你们的' }, { text: '服务太差', signal: 'zh.complaint.poor' }, { text: '了' }]);
    expect(highlight('abc', [{ rule: 'en.x', excerpt: 'zz' }])).toEqual([{ text: 'abc' }]);
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
