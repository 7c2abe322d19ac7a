import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { libraryFragments, MAX_LIBRARY_CHARS, readFragments, splitQuotedText } from '../../lib/mail/quoted-text.ts';

describe('splitQuotedText: one case per client style', () => {
  it.each([
    [
      'gmail',
      'Thanks, that fixed it.\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@example.com> wrote:\n> We have sent a new cable.\n> Kind regards',
      'Thanks, that fixed it.',
    ],
    [
      'outlook',
      'The part is still missing.\n\n________________________________\nFrom: Support <support@example.com>\nSent: Monday, 23 November 2026 10:00\nTo: Ann Lee\nSubject: RE: Missing part\n\nWe have shipped the part.',
      'The part is still missing.',
    ],
    ['outlook', 'Still waiting.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Order\n\nOld text', 'Still waiting.'],
    ['outlook', 'Danke, passt.\n\nVon: Support <support@example.com>\nGesendet: Montag, 23. November 2026 10:00\nAn: Jens\nBetreff: AW: Rechnung\n\nAlter Text', 'Danke, passt.'],
    ['outlook-zh', '收到，谢谢。\n\n发件人: 客服 <support@example.com>\n发送时间: 2026年11月23日 10:00\n收件人: 张三\n主题: 回复: 发票\n\n旧内容', '收到，谢谢。'],
    [
      'foxmail',
      '好的，我明天再试。\n\n------------------ 原始邮件 ------------------\n发件人: "客服"<support@example.com>;\n发送时间: 2026年11月23日(星期一) 上午10:00\n收件人: "张三"\n主题: 回复: 退款\n\n旧内容',
      '好的，我明天再试。',
    ],
    ['netease', '没问题。\n\n在 2026-11-23 10:00:00，"客服" <support@example.com> 写道：\n> 请提供订单号。', '没问题。'],
    ['apple', 'Perfect, thank you.\n\n> On 23 Nov 2026, at 10:00, Support <support@example.com> wrote:\n> \n> Your refund is on its way.', 'Perfect, thank you.'],
    ['gmail', 'Merci beaucoup.\n\nLe lun. 23 nov. 2026 à 10:00, Support <support@example.com> a écrit :\n> Bonjour', 'Merci beaucoup.'],
  ])('%s', (style, text, newText) => {
    const split = splitQuotedText(text);
    expect(split.style).toBe(style);
    expect(split.newText).toBe(newText);
    expect(split.quoted.length).toBeGreaterThan(0);
  });

  it('keeps the answers of an inline (interleaved) reply', () => {
    const split = splitQuotedText('On Mon, 23 Nov 2026, Support <support@example.com> wrote:\n> Which colour did you order?\nBlue.\n> And which size?\nMedium, please.');
    expect(split.newText).toBe('Blue.\nMedium, please.');
    expect(split.quoted).toContain('Which colour');
  });

  it('separates mobile and sig-dash signatures', () => {
    expect(splitQuotedText('Yes please.\n\nSent from my iPhone')).toMatchObject({ newText: 'Yes please.', signature: 'Sent from my iPhone' });
    expect(splitQuotedText('可以的\n\n发自我的iPhone')).toMatchObject({ newText: '可以的', signature: '发自我的iPhone' });
    expect(splitQuotedText('Fine by me.\n\n-- \nAnn Lee\nACME Ltd')).toMatchObject({ newText: 'Fine by me.', signature: expect.stringContaining('ACME Ltd') });
  });

  it('does not cut at a sentence that merely starts with "From:"', () => {
    const text = 'From: my side everything is ready.\nPlease go ahead.';
    expect(splitQuotedText(text)).toMatchObject({ newText: text, quoted: '', style: 'none' });
  });

  it('gives email-reply-parser a bounded text: what lies beyond counts as history', () => {
    const line = 'The kettle I ordered still has not arrived and nobody answers the phone.\n';
    const long = line.repeat(Math.ceil((2 * MAX_LIBRARY_CHARS) / line.length));
    const split = splitQuotedText(long);
    expect(split.newText.length).toBeLessThanOrEqual(MAX_LIBRARY_CHARS);
    expect(split.newText.length).toBeGreaterThan(MAX_LIBRARY_CHARS / 2);
    expect(`${split.newText}\n${split.quoted}`.replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
  });
});

describe('readFragments: text email-reply-parser would not react to skips it, with the same result', () => {
  it('agrees with the library on any text, triggers or not', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('> quoted', '-- ', 'Sent from my phone', 'On Mon, Ada <a@x.org> wrote:', 'Regards,', '  indented', 'tail  ', '\t', '', '发件人: 张三', '\r'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        expect(readFragments(text)).toEqual(libraryFragments(text));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the library on lines that nearly trigger it, and on the lines that do', () => {
    // Mostly plain lines, so that one line the library reacts to is often the only one in the text.
    const piece = fc.oneof(
      { weight: 12, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      // Near misses: text that goes past the library without effect.
      fc.constantFrom('------------------------------', '-----', '== Order ==', 'Original-Recipient: rfc822;a@x.org', 'The original message follows.'),
      fc.constantFrom('From: ada@x.org', 'From: Ada', 'Regards to the team', 'cheers mate', 'Sent: Monday', '--- The header of the original message'),
      // Lines it reacts to: separators, closings, reply headers in several languages.
      fc.constantFrom('--', '-- ', ' ---', '__', '++++', '===', '________________________________', 'Kind regards,', 'Best Regards!', 'Cheers', 'Cordialement'),
      fc.constantFrom('Get Outlook for Android', 'Von meinem iPhone gesendet', 'Gesendet von Mail für Windows', 'Envoyé de mon iPhone', 'Bien à vous', 'Bonne journée'),
      fc.constantFrom('From: Ada <a@x.org>', 'Von : Bea [b@x.de]', 'De: Cy', '<c@x.fr>', '----- Original Message -----', '-----Ursprüngliche Nachricht-----'),
      fc.constantFrom(
        'Le lun. 23 nov. 2026, Cy <c@x.fr> a écrit :',
        'Am 23.11.2026 um 10:00 schrieb Bea <b@x.de>:',
        '2026-11-23 10:00 GMT+01:00 Ada <a@x.org>:',
        '在 2026年11月23日，张三 写道：',
      ),
      fc.constantFrom('12.11.2026 10:00 "Ada" <a@x.org>:', '10:00, 2026, "Ada" <a@x.org>:', 'Den 23 nov skrev Bea:', 'On Mon, Ada <a@x.org> wrote:', '>', '> old'),
    );
    const spacing = fc.constantFrom('', ' ', '  ', '\t', '\r');
    const line = fc.tuple(spacing, piece, spacing).map(([before, text, after]) => `${before}${text}${after}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expect(readFragments(text)).toEqual(libraryFragments(text));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });

  it('agrees with the library on text made of the characters its rules look for', () => {
    const char = fc.constantFrom('-', '_', '=', '+', '>', '<', ':', ' ', '\n', '\r', 'F', 'r', 'o', 'm', 'a', '[', ']');
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 40 }), (text) => {
        expect(readFragments(text)).toEqual(libraryFragments(text));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});
