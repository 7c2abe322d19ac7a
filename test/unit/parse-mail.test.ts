import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedMailError } from '../../lib/domain/errors.ts';
import { MAX_ADDRESSES, MAX_FILENAME_CHARS, MAX_NAME_CHARS, MAX_SUBJECT_CHARS, parseMail } from '../../lib/mail/parse-mail.ts';
import { timeZoneFromDateHeader } from '../../lib/mail/sender-time-zone.ts';
import { rawMail } from '../helpers/mail.ts';

describe('parseMail', () => {
  it('reads sender, recipients, threading headers and body', async () => {
    const parsed = await parseMail(
      rawMail({
        from: 'Ada Customer <Ada@Example.NET>',
        to: 'support@example.com, Billing <billing@example.com>',
        messageId: '<m-2@mail.example.net>',
        headers: { 'In-Reply-To': '<m-1@mail.example.net>', References: '<m-0@mail.example.net> <m-1@mail.example.net>' },
      }),
    );
    expect(parsed.from).toEqual({ address: 'ada@example.net', name: 'Ada Customer' });
    expect(parsed.to.map((a) => a.address)).toEqual(['support@example.com', 'billing@example.com']);
    expect(parsed.messageId).toBe('<m-2@mail.example.net>');
    expect(parsed.inReplyTo).toBe('<m-1@mail.example.net>');
    expect(parsed.references).toEqual(['<m-0@mail.example.net>', '<m-1@mail.example.net>']);
    expect(parsed.text).toContain('when my order ships');
  });

  it('decodes encoded-word subjects and names', async () => {
    const parsed = await parseMail(rawMail({ from: '=?UTF-8?B?546L6Iqz?= <wf@example.cn>', subject: '=?UTF-8?B?6K+36Zeu5aaC5L2V5byA5YW35Y+R56Wo?=' }));
    expect(parsed.from?.name).toBe('王芳');
    expect(parsed.subject).toBe('请问如何开具发票');
  });

  it('replaces what no UTF-8 service can store, and counts it', async () => {
    // UTF-16 with a high surrogate and no low one after it: decoders pass such a half character through
    const halfPair = Buffer.from([0xd8, 0x3d, 0x00, 0x41]).toString('base64');
    const mail = await parseMail(rawMail({ subject: `=?UTF-16BE?B?${halfPair}?= \u{1F92C}`, body: 'fine \u{20BB7}' }));
    expect(mail.subject).toBe('\uFFFDA \u{1F92C}');
    expect(mail.text).toBe('fine \u{20BB7}');
    expect(mail.replacementCharacters).toBe(1);
  });

  it('bounds a huge subject, cutting between characters', async () => {
    const mail = await parseMail(rawMail({ subject: '\u{1F92C}'.repeat(60_000) }));
    expect(mail.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(mail.subject.endsWith('\u{1F92C}…')).toBe(true);
  });

  it('turns an HTML-only message into text', async () => {
    const raw = Buffer.from(
      'From: a@example.net\r\nTo: support@example.com\r\nSubject: html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>My <b>parcel</b> is late.</p>',
    );
    const parsed = await parseMail(raw);
    expect(parsed.text).toContain('My parcel is late.');
  });

  it('still reads an HTML-only message nested far deeper than the converter walks', async () => {
    // 30,000 nested elements overflowed html-to-text's recursive walk (RangeError, outside MalformedMailError)
    const nest = (levels: number, inner: string) => `${'<div>'.repeat(levels)}${inner}${'</div>'.repeat(levels)}`;
    const html = `<p>My parcel is late.</p>${nest(100, `<p>Order 4471</p>${nest(29_900, 'deep')}`)}<p>Thanks, Ada</p>`;
    const raw = Buffer.from(`From: a@example.net\r\nTo: support@example.com\r\nSubject: html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`);
    const parsed = await parseMail(raw);
    expect(parsed.text).toContain('My parcel is late.');
    expect(parsed.text).toContain('Order 4471');
    expect(parsed.text).toContain('Thanks, Ada');
  });

  it('lists attachments without keeping their content', async () => {
    const raw = Buffer.from(
      [
        'From: a@example.net',
        'To: support@example.com',
        'Subject: receipt',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Receipt attached.',
        '--b1',
        'Content-Type: application/pdf; name="receipt.pdf"',
        'Content-Disposition: attachment; filename="receipt.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 fake').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const parsed = await parseMail(raw);
    expect(parsed.attachments).toMatchObject([{ filename: 'receipt.pdf', contentType: 'application/pdf', size: 13, inline: false }]);
    expect(parsed.attachments[0]?.content.toString()).toBe('%PDF-1.4 fake');
    expect(parsed.text).toBe('Receipt attached.');
  });

  it('bounds a huge display name and puts it on one line', async () => {
    // Prepare: an encoded-word carries the line breaks and tab into the decoded name
    const name = `Ada\r\n\tLovelace ${'Customer '.repeat(11_200)}`;
    const from = `=?UTF-8?B?${Buffer.from(name).toString('base64')}?= <bigname@example.org>`;

    // Act
    const parsed = await parseMail(rawMail({ from }));

    // Assess
    expect(name.length).toBeGreaterThan(100_000);
    expect(parsed.from?.address).toBe('bigname@example.org');
    expect(parsed.from?.name).toHaveLength(MAX_NAME_CHARS);
    expect(parsed.from?.name).toMatch(/^Ada Lovelace Customer Customer .*…$/);
    expect(parsed.from?.name).not.toMatch(/[\r\n\t]/);
  });

  it('puts a short name on one line and keeps it whole', async () => {
    const parsed = await parseMail(rawMail({ from: `=?UTF-8?B?${Buffer.from(' Ada\r\n\tLovelace\t').toString('base64')}?= <ada@example.org>` }));
    expect(parsed.from).toEqual({ address: 'ada@example.org', name: 'Ada Lovelace' });
  });

  it('leaves out addresses too long to answer and Message-IDs too long to be keys', async () => {
    // Prepare
    const longId = `<${'m'.repeat(300)}@mail.example.net>`;
    const raw = rawMail({
      from: `Ada <${'a'.repeat(300)}@example.org>`,
      to: `support@example.com, <${'b'.repeat(300)}@example.org>`,
      messageId: longId,
      headers: { 'In-Reply-To': longId, References: `<m-0@mail.example.net> ${longId} <m-1@mail.example.net>` },
    });

    // Act
    const parsed = await parseMail(raw);

    // Assess
    expect(parsed.from).toBeUndefined();
    expect(parsed.to).toEqual([{ address: 'support@example.com' }]);
    expect(parsed.messageId).toBeUndefined();
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toEqual(['<m-0@mail.example.net>', '<m-1@mail.example.net>']);
  });

  it(`keeps the first ${MAX_ADDRESSES} addresses of a To header`, async () => {
    const to = Array.from({ length: MAX_ADDRESSES + 50 }, (_, i) => `Person ${i} <p${i}@example.org>`).join(', ');
    const parsed = await parseMail(rawMail({ to }));
    expect(parsed.to).toHaveLength(MAX_ADDRESSES);
    expect(parsed.to.at(-1)).toEqual({ address: `p${MAX_ADDRESSES - 1}@example.org`, name: `Person ${MAX_ADDRESSES - 1}` });
  });

  it('bounds attachment file names, keeping the extension, and drops content types that name nothing', async () => {
    // Prepare
    const part = (type: string, filename: string) => ['--b1', `Content-Type: ${type}`, `Content-Disposition: attachment; filename="${filename}"`, '', 'data'];
    const raw = Buffer.from(
      [
        'From: a@example.net',
        'Subject: files',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        ...part('application/pdf', `${'invoice '.repeat(1_000)}.pdf`),
        ...part(`application/${'x'.repeat(300)}`, 'notes.txt'),
        ...part('text/plain', `=?UTF-8?B?${Buffer.from('line\r\none.txt').toString('base64')}?=`),
        '--b1--',
        '',
      ].join('\r\n'),
    );

    // Act
    const [long, oddType, twoLines] = (await parseMail(raw)).attachments;

    // Assess
    expect(long?.filename).toHaveLength(MAX_FILENAME_CHARS);
    expect(long?.filename).toMatch(/^invoice invoice .*…\.pdf$/);
    expect(oddType).toMatchObject({ filename: 'notes.txt', contentType: 'application/octet-stream' });
    expect(twoLines?.filename).toBe('line one.txt');
  });

  it('separates the new text from a quoted reply and a signature', async () => {
    const parsed = await parseMail(
      rawMail({
        body: 'Still nothing has arrived.\n\nSent from my phone\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@example.com> wrote:\n> Thank you for your message.',
      }),
    );
    expect(parsed.newText).toBe('Still nothing has arrived.');
    expect(parsed.text).toContain('Thank you for your message.');
  });

  it('rejects empty input and input over 40 MB', async () => {
    await expect(parseMail(Buffer.alloc(0))).rejects.toThrow(MalformedMailError);
    await expect(parseMail(Buffer.from('   \r\n\r\n'))).rejects.toThrow('empty');
    await expect(parseMail(Buffer.alloc(41 * 1024 * 1024, 0x61))).rejects.toThrow('over the 40 MB limit');
  });

  it('calls input empty exactly when its start, read as latin1, is only what String#trim removes', async () => {
    // Bytes trim removes (tab to carriage return, space, no-break space) and near misses (NUL, the C0 separators, NEL, 'A').
    const byte = fc.constantFrom(0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x00, 0x1c, 0x1f, 0x85, 0x41);
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { maxLength: 12 }), async (bytes) => {
        const raw = Buffer.from(bytes);
        const empty = raw.toString('latin1').trim() === '';
        const outcome = await parseMail(raw).then(
          () => 'parsed',
          (error: Error) => error.message,
        );
        expect(outcome === 'The message is empty').toBe(empty);
      }),
      { numRuns: 300 },
    );
  });

  it('parses mail without a sender, leaving the fallback to the caller', async () => {
    const parsed = await parseMail(Buffer.from('Subject: no sender\r\n\r\nbody'));
    expect(parsed.from).toBeUndefined();
    expect(parsed.text).toBe('body');
  });

  it('skips an mbox separator line, leading blank lines and repairs CR-only line ends', async () => {
    const mbox = await parseMail(Buffer.from('From someone@example.net Mon Nov 23 10:00:00 2026\nFrom: a@example.net\nSubject: mbox\n\nhello'));
    expect(mbox).toMatchObject({ subject: 'mbox', text: 'hello' });
    const blank = await parseMail(Buffer.from('\r\n\r\nFrom: a@example.net\r\nSubject: blank\r\n\r\nhi'));
    expect(blank.subject).toBe('blank');
    const cr = await parseMail(Buffer.from('From: a@example.net\rSubject: old mac\r\rline one\rline two'));
    expect(cr.subject).toBe('old mac');
    expect(cr.text).toBe('line one\nline two');
  });

  it('keeps header values for the automation guard', async () => {
    const parsed = await parseMail(rawMail({ headers: { 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' } }));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('precedence')).toBe('bulk');
  });
});

describe('the sender time zone from the Date header', () => {
  it('turns the offset into a zone, and ignores offsets that say nothing', () => {
    expect(timeZoneFromDateHeader('Tue, 24 Nov 2026 10:00:00 +0800')).toBe('Etc/GMT-8');
    expect(timeZoneFromDateHeader('Tue, 24 Nov 2026 10:00:00 -0500 (EST)')).toBe('Etc/GMT+5');
    expect(timeZoneFromDateHeader('Tue, 24 Nov 2026 10:00:00 +0530')).toBe('Asia/Kolkata');
    for (const none of [
      'Tue, 24 Nov 2026 10:00:00 +0000',
      'Tue, 24 Nov 2026 10:00:00 -0000',
      'Tue, 24 Nov 2026 10:00:00 GMT',
      'Tue, 24 Nov 2026 10:00:00 +0345',
      'x +1900',
      undefined,
    ]) {
      expect(timeZoneFromDateHeader(none)).toBeUndefined();
    }
  });

  it('is part of the parsed message', async () => {
    expect((await parseMail(rawMail({ date: 'Tue, 24 Nov 2026 10:00:00 +0900' }))).senderTimeZone).toBe('Etc/GMT-9');
    expect((await parseMail(rawMail({}))).senderTimeZone).toBeUndefined();
  });
});

describe('parseMail and labels', () => {
  const forwarded = [
    'From: Ada <ada@example.net>',
    'To: support@example.com',
    'Subject: Fwd: order',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See the mail below, café.',
    '--b1',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="order.eml"',
    '',
    'From: shop@example.org',
    'Subject: Your order',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    'Thanks for your order.',
    '--b1--',
    '',
  ].join('\r\n');

  it('keeps an attached message byte for byte and reports the labels the sender wrote', async () => {
    const parsed = await parseMail(Buffer.from(forwarded, 'utf8'));
    expect(parsed.newText).toBe('See the mail below, café.');
    const attached = parsed.attachments.find((a) => a.filename === 'order.eml')!;
    expect(attached.content.toString('utf8')).toContain('Content-Type: text/plain; charset="us-ascii"\r\n');
    expect(parsed.headers.get('content-type')).toBe('multipart/mixed; boundary="b1"');
  });

  it('still repairs a part whose label is wrong (Latin-1 labelled UTF-8), relabelling only then', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.net\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      Buffer.from('Grüße aus Köln, die Lieferung fehlt noch immer.', 'latin1'),
    ]);
    const parsed = await parseMail(raw);
    expect(parsed.text).toBe('Grüße aus Köln, die Lieferung fehlt noch immer.');
    expect(parsed.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });
});
