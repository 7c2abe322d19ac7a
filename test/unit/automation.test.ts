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

  it('keeps a customer writing about a failed delivery a person, in English and Chinese', () => {
    const parcel = {
      from: 'kate@example.net',
      subject: 'Delivery failed - where is my parcel?',
      text: 'My order 4471 was not delivered to my address. The courier says the address does not exist, but I have lived here for years.',
    };
    expect(detectAutomation(input(parcel)).kind).toBe('human');
    const zh = input({ from: 'zhao@example.cn', subject: '快递无法投递，怎么办？', text: '我的包裹显示无法投递，说收件人地址不存在，可是地址没有错。请帮忙查一下。' });
    expect(detectAutomation(zh).kind).toBe('human');
    // The same subject over what only a mail server writes is a bounce, whoever the sender.
    expect(detectAutomation(input({ ...parcel, text: 'Delivery to the following recipient failed permanently:\n  gone@example.org\n550 5.1.1 user unknown' })).kind).toBe('bounce');
  });

  it('keeps customers a person when their subject only sounds like a mail system, or forwards a bounce to ask about it', () => {
    const person = (subject: string, text: string) => detectAutomation(input({ from: 'lin@example.net', subject, text })).kind;
    expect(person('Undeliverable address?', 'The courier says my address does not exist.')).toBe('human');
    expect(person('Parcel returned to sender', 'It came back: the shop says the recipient does not exist.')).toBe('human');
    expect(person('退信了怎么办', '快递被退回了，说收件人不存在。')).toBe('human');
    expect(person('Fwd: Undeliverable: Invoice 123', 'Why did my mail to you bounce?\n\n> 550 5.1.1 user unknown')).toBe('human');
    // What mail systems write at the start of their subjects still marks a bounce from an ordinary sender.
    expect(person('Undeliverable: Invoice 123', 'Your message to sales@example.org could not be delivered: the mailbox does not exist.')).toBe('bounce');
    expect(person('邮件投递失败', '您发送的邮件无法投递，收件人邮箱不存在。')).toBe('bounce');
  });

  it('opens a ticket for mail from postmaster@ that shows nothing of a bounce, without an automatic reply', () => {
    const result = detectAutomation(input({ from: 'postmaster@example.org', subject: 'Our invoice address changed', text: 'Please use our new address for invoices.' }));
    expect(result).toEqual({ kind: 'auto-generated', reason: 'daemon-sender', failedRecipients: [] });
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
