import { describe, expect, it } from 'vitest';
import { draftReply } from '../../functions/agent-api/reply-drafts.ts';
import { teamNameIn } from '../../lib/domain/team-name.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { formatDeadline } from '../../templates/deadline.ts';
import { excerptWithoutSignOff } from '../../templates/excerpt.ts';
import { MAX_GREETED_NAME_CHARS, nameToGreet, TemplateMailRenderer } from '../../templates/mail-renderer.ts';
import { aTicket } from '../helpers/tickets.ts';

const at = new Date('2026-12-03T13:11:00Z');

describe('deadlines as a person in each locale writes them', () => {
  it.each([
    ['en', 'Etc/GMT-8', 'Thursday, 3 December 2026 at 21:11 GMT+8'],
    ['en', 'Europe/London', 'Thursday, 3 December 2026 at 13:11 GMT'],
    ['zh-Hans', 'Etc/GMT-8', '2026年12月3日（星期四）21:11（GMT+8）'],
    ['zh-Hans', 'Asia/Shanghai', '2026年12月3日（星期四）21:11（北京时间）'],
    ['zh-Hant', 'Etc/GMT-8', '2026年12月3日（星期四）晚上9:11（GMT+8）'],
    ['zh-Hant', 'Asia/Taipei', '2026年12月3日（星期四）晚上9:11（台灣時間）'],
    ['zh-Hant', 'Europe/London', '2026年12月3日（星期四）下午1:11（英國時間）'],
    ['zh-Hant', 'Asia/Hong_Kong', '2026年12月3日（星期四）晚上9:11（GMT+8）'],
    ['zh-Hant', 'America/New_York', '2026年12月3日（星期四）上午8:11（GMT-5）'],
  ] as const)('%s in %s: %s', (locale, zone, expected) => {
    expect(formatDeadline(at, locale, zone)).toBe(expected);
  });

  it('never writes the machine forms: a zero-padded 12-hour clock or a bracketed zone', () => {
    for (const hour of [0, 3, 9, 12, 15, 21]) {
      const text = formatDeadline(new Date(Date.UTC(2026, 11, 3, hour, 5)), 'zh-Hant', 'UTC');
      expect(text).not.toMatch(/[上下]午0\d|\[|星期.\s/);
      expect(text).toMatch(/^2026年12月3日（星期四）(凌晨|清晨|早上|上午|中午|下午|晚上)\d{1,2}:05（UTC）$/);
    }
  });
});

describe('excerpts leave out the greeting and stop before the sign-off', () => {
  it.each([
    ['I am really disappointed. Please give me a full refund. Priya', 'Priya Shah', 'I am really disappointed. Please give me a full refund.'],
    ['…return the broken one. Regards, James', "James O'Neill", '…return the broken one.'],
    ['The lamp arrived broken. It is so disappointing. Olivia', 'Olivia Brown', 'The lamp arrived broken. It is so disappointing.'],
    ['Please cancel one of the charges. Thanks, Priya', 'Priya 🌻 Raman', 'Please cancel one of the charges.'],
    ['请尽快给我发货，不然就请退款。 陈明', '陈明', '请尽快给我发货，不然就请退款。'],
    ['收到的卻是黑色的。謝謝！ 美玲', '林美玲', '收到的卻是黑色的。'],
    // A name or "thank you" inside the sentence is the customer's words, not a sign-off.
    ['I got a parcel meant for James', "James O'Neill", 'I got a parcel meant for James'],
    ['I just want to thank you', 'Bob', 'I just want to thank you'],
    // Nor the greeting at the start.
    ['Hi there, The desk lamp arrived cracked.', "James O'Neill", 'The desk lamp arrived cracked.'],
    ['Dear Sir or Madam, my order is late. Regards, Ann', 'Ann Lee', 'my order is late.'],
    ['您好，快递一直没到。', '王芳', '快递一直没到。'],
    ['Hello? Is anyone there', 'Bob', 'Hello? Is anyone there'],
    ['Highly disappointed, the lamp broke.', 'Bob', 'Highly disappointed, the lamp broke.'],
  ])('%j', (excerpt, name, expected) => {
    expect(excerptWithoutSignOff(excerpt, name)).toBe(expected);
  });
});

describe("the renderer signs in the reader's language", () => {
  const facts = {
    kind: 'apology' as const,
    customerName: '林美玲',
    ticketId: 'T-10013',
    customerSubject: '商品寄錯了',
    answerBy: at.toISOString(),
    timeZone: 'Etc/GMT-8',
    teamName: 'Example Support',
    excerpt: '我訂的是藍色的外套，收到的卻是黑色的。 林美玲',
  };

  it('signs with the team name it is given, with the natural deadline and the excerpt without the name', () => {
    const renderer = new TemplateMailRenderer(TemplateCatalog.builtIn());
    const mail = renderer.customerMail({
      ...facts,
      locale: 'zh-Hant',
      teamName: teamNameIn('zh-Hant', { teamName: 'Example Support', teamNames: { 'zh-Hant': 'Example 客服團隊' } }),
    });
    expect(mail.text).toMatch(/敬祝 順心\nExample 客服團隊$/);
    expect(mail.text).toContain('並在2026年12月3日（星期四）晚上9:11（GMT+8）之前親自回覆您');
    expect(mail.text).toContain('您在來信中提到：「我訂的是藍色的外套，收到的卻是黑色的。」');
    expect(mail.html).toContain('Example 客服團隊</p>');
    // A language with no name of its own is signed with the one name given.
    const english = teamNameIn('en', { teamName: 'Example Support', teamNames: { 'zh-Hant': 'Example 客服團隊' } });
    expect(renderer.customerMail({ ...facts, locale: 'en', customerName: 'Lin', teamName: english }).text).toMatch(/Kind regards,\nExample Support$/);
  });

  it("signs an agent's draft with the agent's name and the team's name in the draft's language", () => {
    const ticket = aTicket({ ticketId: 'T-10042', locale: 'zh-Hant', subject: '商品寄錯了' });
    const renderer = new TemplateMailRenderer(TemplateCatalog.builtIn());
    const settings = { teamName: 'Example Support', teamNames: { 'zh-Hant': 'Example 客服團隊' }, timeZone: 'UTC' };
    const agent = { name: 'agent1', role: 'agent' as const };
    expect(draftReply(ticket, 'still-on-it', undefined, agent, renderer, settings).text).toMatch(/agent1 \(Example 客服團隊\)$/);
    expect(draftReply(ticket, 'still-on-it', 'en', agent, renderer, settings).text).toMatch(/agent1 \(Example Support\)$/);
  });

  it('closes Simplified Chinese mail the way a letter does (此致 敬礼), not with 此致 alone', () => {
    const mail = new TemplateMailRenderer(TemplateCatalog.builtIn()).customerMail({ ...facts, locale: 'zh-Hans', customerName: '陈明' });
    expect(mail.text).toMatch(/此致\n敬礼！\nExample Support$/);
  });
});

describe('the greeting uses a display name only when it is one', () => {
  const renderer = new TemplateMailRenderer(TemplateCatalog.builtIn());
  const facts = {
    kind: 'acknowledgement' as const,
    locale: 'en' as const,
    ticketId: 'T-10042',
    customerSubject: 'Invoice',
    answerBy: at.toISOString(),
    timeZone: 'UTC',
    teamName: 'Example Support',
    excerpt: '',
  };

  it('greets by a name on one line, and never by a paragraph, a link or an address someone wrote into From', () => {
    expect(renderer.customerMail({ ...facts, customerName: 'Ada\r\n  Lovelace' }).text).toMatch(/^Hello Ada Lovelace,/);
    const phishing = 'Dear customer, your account is locked.\r\n\r\nVerify at https://evil.example/login now.\r\n';
    for (const customerName of [phishing, `${'A'.repeat(3000)}`, 'Visit www.evil.example', 'ada@example.net', 'Ann <ann@example.net>']) {
      const mail = renderer.customerMail({ ...facts, customerName });
      expect(mail.text, customerName.slice(0, 30)).toMatch(/^Hello there,/);
      expect(mail.text + mail.html).not.toMatch(/evil\.example|AAAAAAAA|locked/);
    }
    for (const lure of ['bit.ly/reset-now', 'paypal.com-secure.help', 'HTTPS：//evil', 'w\u200bww.evil', 'Ann \u202Emoc.live', 'Call +1 800 555 0100 now']) {
      expect(nameToGreet(lure), lure).toBeUndefined();
    }
    for (const name of ["Sean O'Brien", '李小龙', 'Smith, John', 'X (Acme Ltd.)', 'J.R.R. Tolkien', 'Dr. Ann Lee', 'Müller-Lüdenscheidt']) {
      expect(nameToGreet(name), name).toBe(name);
    }
    expect(nameToGreet('x'.repeat(MAX_GREETED_NAME_CHARS))).toBe('x'.repeat(MAX_GREETED_NAME_CHARS));
    expect(nameToGreet('x'.repeat(MAX_GREETED_NAME_CHARS + 1))).toBeUndefined();
  });

  it("shows supervisors the customer's name on one line, bounded", () => {
    const notice = renderer.notice({
      alert: 'threat',
      locale: 'en',
      ticketId: 'T-10042',
      category: 'threat',
      priority: 1,
      customer: { address: 'x@example.net', name: `Line one\r\nBcc: everyone@example.org\r\n${'B'.repeat(500)}` },
      customerSubject: 'Hi',
      unverified: false,
      timeZone: 'UTC',
      signals: [],
      customerUpdated: false,
      teamName: 'Example Support',
    });
    const line = notice.text.split('\n').find((l) => l.includes('<x@example.net>'))!;
    expect(line).toContain('Line one Bcc: everyone@example.org BBB');
    expect(line.length).toBeLessThan(MAX_GREETED_NAME_CHARS + 60);
  });
});
