import { describe, expect, it } from 'vitest';
import { type AutomationInput, detectAutomation } from '../../lib/mail/automation.ts';

const input = (over: Partial<Omit<AutomationInput, 'headers'>> & { headers?: Record<string, string> }): AutomationInput => ({
  from: 'ann@example.net',
  subject: 'Question',
  text: 'Hello',
  partTypes: [],
  deliveryStatus: [],
  ...over,
  headers: new Map(Object.entries(over.headers ?? {})),
});

describe('detectAutomation', () => {
  it('sees a person in ordinary mail', () => {
    expect(detectAutomation(input({ headers: { 'auto-submitted': 'no' } })).kind).toBe('human');
  });

  it('reads a DSN and the recipients that failed', () => {
    const result = detectAutomation(
      input({
        headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' },
        deliveryStatus: ['Final-Recipient: rfc822; gone@example.net\nAction: failed'],
      }),
    );
    expect(result).toEqual({ kind: 'bounce', reason: 'dsn', failedRecipients: ['gone@example.net'] });
  });

  it('treats a bounce that says auto-replied as a bounce, not an out-of-office', () => {
    const result = detectAutomation(
      input({ from: 'MAILER-DAEMON@mx.example.net', subject: 'Mail delivery failed', headers: { 'auto-submitted': 'auto-replied' }, text: '550 5.1.1 user unknown' }),
    );
    expect(result.kind).toBe('bounce');
  });

  it('finds plain-text bounces, Chinese ones too, by their content', () => {
    expect(detectAutomation(input({ from: 'system@mail.example.cn', subject: '系统退信', text: '您发送的邮件无法投递，收件人地址不存在。' })).kind).toBe('bounce');
    expect(detectAutomation(input({ from: 'postmaster@example.org', subject: 'Returned mail', text: 'see below' })).kind).toBe('bounce');
    expect(detectAutomation(input({ headers: { 'x-failed-recipients': 'lost@example.net' } }))).toMatchObject({ kind: 'bounce', failedRecipients: ['lost@example.net'] });
  });

  it('recognises out-of-office replies by header and by subject, in several languages', () => {
    expect(detectAutomation(input({ headers: { 'auto-submitted': 'auto-replied' } })).kind).toBe('auto-reply');
    expect(detectAutomation(input({ headers: { 'x-autoreply': 'yes' } })).kind).toBe('auto-reply');
    for (const subject of ['Out of Office: Question', 'Automatic reply: Question', '自动回复: 问题', 'Automatische Antwort: Frage']) {
      expect(detectAutomation(input({ subject })).kind).toBe('auto-reply');
    }
  });

  it('recognises lists, bulk mail and other robots', () => {
    expect(detectAutomation(input({ headers: { 'list-id': '<news.example.org>' } })).kind).toBe('list');
    expect(detectAutomation(input({ headers: { precedence: 'bulk' } })).kind).toBe('list');
    expect(detectAutomation(input({ headers: { 'auto-submitted': 'auto-generated' } })).kind).toBe('auto-generated');
    expect(detectAutomation(input({ from: 'no-reply@shop.example.org' })).kind).toBe('auto-generated');
    expect(detectAutomation(input({ headers: { 'return-path': '<>' } })).kind).toBe('auto-generated');
    expect(detectAutomation(input({ headers: { 'content-type': 'multipart/report; report-type=feedback-report' } })).kind).toBe('feedback-report');
  });
});
