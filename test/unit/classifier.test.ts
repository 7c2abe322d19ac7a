import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, createClassifier, MAX_CLASSIFIED_CHARS } from '../../lib/classify/classifier.ts';
import { parseMail } from '../../lib/mail/parse-mail.ts';
import { rawMail } from '../helpers/mail.ts';

const c = (body: string, subject = '') => classify({ subject, body });
const rulesOnly = createClassifier(undefined, undefined, null);
const r = (body: string, subject = '') => rulesOnly.classify({ subject, body });

describe('classify: categories in English and Chinese', () => {
  it.each([
    ['routine', 'Could you tell me when the shop opens on Saturday?'],
    ['routine', 'Please send me a copy of my last invoice.'],
    ['complaint', 'The heater stopped working after two days and I would like a refund.'],
    ['complaint', 'I have been waiting three weeks for my parcel and nobody answers my emails.'],
    ['complaint', 'You charged me twice for the same order.'],
    ['rude', 'You are useless idiots, answer my email.'],
    ['rude', 'Shut up and give me my money back.'],
    ['threat', 'If this is not fixed I will take legal action.'],
    ['threat', 'My lawyer will be in touch about this.'],
    ['threat', 'I am going to come down there and hurt somebody.'],
    ['threat', 'I know where you live.'],
    ['routine', '请问发票怎么申请？'],
    ['routine', '你好，我想修改一下收货地址，可以吗？'],
    ['complaint', '快递一直没收到，太慢了，我要退款。'],
    ['complaint', '衣服质量太差了，洗一次就掉色。'],
    ['rude', '你们客服都是废物吗'],
    ['rude', '什么狗屁服务，tmd'],
    ['threat', '再不处理我就去法院起诉你们'],
    ['threat', '我已经准备向12315举报'],
    ['threat', '你们再这样我就弄死你们'],
  ])('%s: %s', (category, body) => {
    expect(c(body).category).toBe(category);
  });

  it('puts a threat above rudeness and a complaint, and rudeness above a complaint', () => {
    expect(c('You idiots broke my phone and I will sue you.').category).toBe('threat');
    expect(c('You idiots broke my phone, I want a refund.').category).toBe('rude');
  });

  it('scores all four categories and explains the decision with rule, label and excerpt', () => {
    const result = c('I will sue you if my money is not returned.');
    expect(Object.keys(result.scores).sort()).toEqual(['complaint', 'routine', 'rude', 'threat']);
    expect(result.subtype).toBe('legal');
    const legal = result.signals.find((s) => s.category === 'threat');
    expect(legal).toMatchObject({ rule: 'en.threat.legal-action' });
    expect(legal?.excerpt).toContain('sue');
  });

  it('gives threat subtypes for violence and safety', () => {
    expect(c("I'm going to smash your shop window.").subtype).toBe('violence');
    expect(c('I feel like I want to end my life.')).toMatchObject({ category: 'threat', subtype: 'safety' });
    expect(c('我真的不想活了')).toMatchObject({ category: 'threat', subtype: 'safety' });
  });
});

describe('classify: threats by structure, whatever the words around them', () => {
  it.each([
    // A formal complaint to a body outside the company, in any tense.
    ['en.threat.legal-action', 'We have now lodged a written complaint with the state licensing board about the installer you sent.'],
    ['en.threat.legal-action', 'I am submitting a grievance to the Financial Ombudsman this week.'],
    // A deadline, then recourse, without "I will".
    ['en.threat.legal-action', 'Replace the cooker within 10 days, otherwise my solicitor will deal with it.'],
    ['en.threat.legal-action', 'Fix it by the end of the month, failing that the whole file goes to the county court.'],
    ['en.threat.legal-action', 'We will be taking this to the employment tribunal.'],
    ['en.threat.legal-counsel', 'Our solicitors already have the full correspondence.'],
    ['en.threat.legal-counsel', 'My attorney will be contacting your head office on Monday.'],
    ['en.threat.legal-action', "We won't hesitate to take this to the small claims court."],
    ['en.threat.safety', 'Honestly everyone would be better off without me.'],
    ['en.threat.menace', 'Keep sending that driver and he will end up in intensive care.'],
    ['zh.threat.authority', '月底前不解决，我会向交通运输局提出申诉。'],
    ['zh.threat.authority', '我們會向消保官申訴。'],
    ['zh.threat.legal', '我司将依法提告。'],
    ['zh.threat.legal', '合同违约一事，我方将追究贵司的违约责任。'],
    ['zh.threat.safety', '我站在天台上跳下去算了。'],
  ])('%s: %s', (rule, body) => {
    expect(r(body).signals.map((s) => s.rule)).toContain(rule);
  });

  it.each([
    'I filed a complaint with your support team last week and nobody answered.',
    'We met at the food court, where your courier handed me the parcel.',
    'Could you post the form by Friday or email it to my accountant?',
    'My lawyer needs a copy of the invoice for my tax return.',
    'We will end it here: please cancel my subscription at the end of the month.',
    "I'm not going to drag a solicitor into this over twenty pounds, I just want it sorted.",
    "We don't want to involve lawyers, we would simply like the deposit back.",
    "We're closing the sale of the flat and our attorney needs the final statement.",
    'Our lawyer will review the new terms before we sign.',
    '我们真的不想走到打官司那一步，只想把钱退回来。',
    // Ordinary mail a reviewer found the first version of these rules calling a threat.
    'I ordered the black cross-body bag in medium.',
    "I won't be around tomorrow, could you deliver on Friday instead?",
    'Please end it today, I no longer need the subscription.',
    'There is no point going on with this order if it only ships in March.',
    'Could I overdose on vitamin D if I take two of your tablets a day?',
    'We will be home when the building inspector comes on Tuesday.',
    'You can reach me by email or on social media.',
    'Please send the form by post or email it to my solicitor.',
    'I need to send a report to the tax authority, can you export my invoices?',
    'I submitted a report to the Department of Health about the survey.',
    '我去邮局问了，我要投诉快递太慢。',
    '我已经向你们客服投诉过两次了。',
    '请问营业厅几点开门？',
  ])('no threat: %s', (body) => {
    const result = r(body);
    expect(result.category).not.toBe('threat');
    // At most a mention of a lawyer or a court, which weighs too little to make a threat.
    expect(result.signals.filter((s) => s.category === 'threat' && !s.rule.endsWith('.regulator-mention'))).toEqual([]);
  });
});

describe('classify: contempt aimed at the people who answer', () => {
  it.each([
    'Honestly, the people on your phone line are a pack of muppets.',
    'Numpties, every last one of you.',
    'This is a total cowboy outfit from top to bottom.',
    'Your manager has the attention span of a goldfish.',
    'Put me through to someone with half a brain.',
    'You thieving vultures took the deposit anyway.',
  ])('%s', (body) => {
    expect(r(body).signals.map((s) => s.rule)).toContain('en.rude.contempt');
  });

  it.each([
    'Your courier was lovely and the parcel arrived on time.',
    'Is there someone in billing I can talk to about a refund?',
    'The app is useless on my old tablet, is there a lighter version?',
    'You cannot fool the spam filter with that trick, it seems.',
  ])('not contempt: %s', (body) => {
    expect(r(body).signals.map((s) => s.rule)).not.toContain('en.rude.contempt');
  });
});

describe('classify: rules and model together', () => {
  it('sends a threat only the model sees to the threat queue, flagged possible and for review', () => {
    const result = c('Keep ignoring me and see what happens to your shop.');
    expect(result.category).toBe('threat');
    expect(result.needsReview).toBe(true);
    expect(result.signals.map((s) => s.rule)).toEqual(expect.arrayContaining(['threat.possible', 'model.threat']));
    expect(r('Keep ignoring me and see what happens to your shop.').category).not.toBe('threat');
  });

  it('explains the model beside the rules, with probabilities that add up to 1', () => {
    const result = c('The blender arrived with a cracked jug and the motor smells burnt.');
    expect(result.category).toBe('complaint');
    const model = result.signals.find((s) => s.rule === 'model.complaint');
    expect(model?.excerpt).toMatch(/^"[^"]+"(, "[^"]+")*$/);
    const total = Object.values(result.scores).reduce((n, x) => n + x, 0);
    expect(total).toBeGreaterThan(0.97);
    expect(total).toBeLessThan(1.03);
    expect(result.confidence).toBe(result.scores.complaint);
  });

  it('keeps a confident decision out of review and a doubtful one in it', () => {
    expect(c('Could you tell me when the shop opens on Saturday?').needsReview).toBe(false);
    expect(c('hmm').needsReview).toBe(true);
  });
});

describe('classify: how people write', () => {
  it('ignores negated complaints and legal words', () => {
    // The rules skip a match right after a negation; the model has no notion of negation scope, so the
    // combined classifier may still call these complaints, but never a threat or rudeness.
    for (const text of ['I am not complaining, just asking how to reset my password.', 'Do not worry, we will never sue anyone over this.', '我不是要投诉，只是想问一下营业时间']) {
      expect(r(text).category).toBe('routine');
      expect(['complaint', 'routine']).toContain(c(text).category);
    }
    expect(c('我不是要投诉，只是想问一下营业时间').category).toBe('routine');
  });

  it('tells profanity aimed at staff from mild profanity about a thing', () => {
    expect(c('This damn printer needs a new driver, where do I get it?').category).toBe('routine');
    expect(c('Damn you and your printers.').category).toBe('rude');
    expect(c('You people are clueless.').category).toBe('rude');
  });

  it('reads obfuscated profanity', () => {
    expect(c('f*ck you and your shop').category).toBe('rude');
    expect(c('what a load of s h i t, answer me').category).toBe('rude');
    expect(c('you are a bunch of 1d1ots').category).toBe('rude');
  });

  it('is not thrown by capitals, exclamation marks and emoji', () => {
    expect(c('WHERE IS MY REFUND!!! 😡😡').category).toBe('complaint');
    expect(c('THANK YOU SO MUCH 😊').category).toBe('routine');
  });

  it('reads Traditional Chinese with the same lexicon', () => {
    const complaint = c('我的訂單一直沒收到，我要退款');
    expect(complaint).toMatchObject({ language: 'zh-Hant', category: 'complaint' });
    expect(c('你們這些廢物')).toMatchObject({ language: 'zh-Hant', category: 'rude' });
    expect(c('我會請律師告你們')).toMatchObject({ language: 'zh-Hant', category: 'threat' });
  });

  it('handles mixed Chinese and English mail', () => {
    expect(r('你好, my order 还没收到, please check').category).toBe('complaint');
    expect(c('Hello, 上周订的 sofa 到了但是坏了, 有一条腿断了').category).toBe('complaint');
    expect(c('Hi, 我的 refund 申请已经两个礼拜了还没到账').category).toBe('complaint');
    expect(c('Hello, 请问 invoice 怎么下载?').category).toBe('routine');
    expect(c('I will call my lawyer, 我要起诉你们').category).toBe('threat');
  });

  it('classifies only the new text of a reply, not the quoted history', async () => {
    const mail = await parseMail(
      rawMail({
        subject: 'Re: your refund',
        body: 'Thanks, that answers my question about the invoice.\n\nOn Mon, 23 Nov 2026, Support <support@example.com> wrote:\n> You said you would sue us and that our staff are idiots.',
      }),
    );
    expect(classify({ subject: mail.subject, body: mail.newText }).category).not.toBe('threat');
    expect(classify({ subject: mail.subject, body: mail.newText }).category).not.toBe('rude');
  });
});

describe('classify: bad input', () => {
  it('returns routine + needsReview where nothing is known', () => {
    for (const body of ['', '   ', '😀😀😀', '\u0000\u0001\u0002\ufffd\ufffd', 'Здравствуйте, где мой заказ?', '12345 67890']) {
      const result = c(body);
      expect(result.category).toBe('routine');
      expect(result.needsReview).toBe(true);
    }
  });

  it('classifies an attachment-only or HTML-only message from what it has', async () => {
    const attachmentOnly = await parseMail(
      Buffer.from(
        'From: a@example.net\r\nSubject: \r\nMIME-Version: 1.0\r\nContent-Type: application/pdf; name="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n',
      ),
    );
    expect(classify({ subject: attachmentOnly.subject, body: attachmentOnly.newText })).toMatchObject({ category: 'routine', needsReview: true });
    const htmlOnly = await parseMail(
      Buffer.from('From: a@example.net\r\nSubject: order\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<div><b>My order arrived broken</b>, I want a refund.</div>'),
    );
    expect(classify({ subject: htmlOnly.subject, body: htmlOnly.newText }).category).toBe('complaint');
  });

  it('classifies 1 MB of text on a bounded prefix and says so', () => {
    const result = c(`${'Where is my parcel? '.repeat(50_000)}I will sue you.`);
    expect(result.signals.some((s) => s.rule === 'input.truncated' && s.excerpt.includes(String(MAX_CLASSIFIED_CHARS)))).toBe(true);
    expect(result.category).toBe('routine'); // the threat lies past the prefix
  });

  it('survives binary garbage', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(() => c(garbage)).not.toThrow();
  });
});

describe('classify: properties', () => {
  it('never throws and is deterministic for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 80 }), (body, subject) => {
        const first = classify({ subject, body });
        const second = classify({ subject, body });
        expect(second).toEqual(first);
        expect(['threat', 'rude', 'complaint', 'routine']).toContain(first.category);
        expect(first.confidence).toBeGreaterThanOrEqual(0);
        expect(first.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('is unchanged by case and full-width forms', () => {
    fc.assert(
      fc.property(fc.constantFrom('I will sue you', 'refund please, it is broken', 'where is the shop?', 'you idiots'), (text) => {
        const fullWidth = text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        expect(classify({ subject: '', body: text.toUpperCase() }).category).toBe(classify({ subject: '', body: text }).category);
        expect(classify({ subject: '', body: fullWidth }).category).toBe(classify({ subject: '', body: text }).category);
      }),
    );
  });
});

describe('classify: signals in the customer own characters', () => {
  const marked = (s: { excerpt: string; span?: { start: number; end: number } }) =>
    s.span ? `${s.excerpt.slice(0, s.span.start)}[${s.excerpt.slice(s.span.start, s.span.end)}]${s.excerpt.slice(s.span.end)}` : s.excerpt;

  it('shows Traditional Chinese and full-width punctuation as written, with the matched words marked', () => {
    const result = r('你們這些騙子，再不退款我就去消協投訴。');
    const authority = result.signals.find((s) => s.rule === 'zh.threat.authority');
    expect(authority && marked(authority)).toBe('你們這些騙子，再不退款我就[去消協投訴]。');
    expect(result.signals.every((s) => !s.excerpt.includes('们'))).toBe(true);
  });

  it('maps back through normalisation that changes lengths (full-width letters, ligatures)', () => {
    const result = r('ﬁrst of all, this is ＴＥＲＲＩＢＬＥ service');
    const feeling = result.signals.find((s) => s.rule === 'en.complaint.feeling');
    expect(feeling && marked(feeling)).toBe('ﬁrst of all, this is [ＴＥＲＲＩＢＬＥ] service');
  });

  it('keeps the normalised words when the text cannot be lined up (letters joined back from spaces)', () => {
    const result = r('you are such an i d i o t, honestly');
    const insult = result.signals.find((s) => s.category === 'rude');
    expect(insult && marked(insult)).toBe('[you are such an idiot], honestly');
  });

  it('cuts long text around the match and collapses its whitespace', () => {
    const before = 'word '.repeat(20);
    const result = r(`${before}\n\n  this is   unacceptable\t\tand ${before}`);
    const feeling = result.signals.find((s) => s.rule === 'en.complaint.feeling')!;
    expect(feeling.excerpt.startsWith('…')).toBe(true);
    expect(feeling.excerpt.endsWith('…')).toBe(true);
    expect(marked(feeling)).toContain('this is [unacceptable] and');
  });

  it('shows the model evidence in the customer characters', () => {
    const result = c('你們的客服態度太差了，我非常不滿意，這是第三次了');
    const model = result.signals.find((s) => s.rule.startsWith('model.'));
    expect(model?.excerpt).toBeDefined();
    expect(model?.excerpt).not.toMatch(/[们这态满]/);
  });
});

describe('classify: excerpts that survive awkward text', () => {
  it('lines up a ligature and a combining accent in the same message', () => {
    const result = r('ﬁrst, this is terrible service from a cafe\u0301');
    const feeling = result.signals.find((s) => s.rule === 'en.complaint.feeling')!;
    expect(feeling.excerpt.slice(feeling.span!.start, feeling.span!.end)).toBe('terrible');
    expect(feeling.excerpt).toContain('cafe\u0301');
  });

  it('never cuts an emoji in half', () => {
    const result = r(`${'😀'.repeat(20)} this is terrible`);
    const feeling = result.signals.find((s) => s.rule === 'en.complaint.feeling')!;
    expect(feeling.excerpt).not.toMatch(/(?:^|[^\ud800-\udbff])[\udc00-\udfff]/);
    expect(feeling.excerpt.slice(feeling.span!.start, feeling.span!.end)).toBe('terrible');
  });
});
