import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMail, headerSafe, subjectWithToken } from '../../lib/mail/compose-mail.ts';

const base = {
  from: { address: 'support@example.com', name: 'Example Support' },
  to: { address: 'ada@example.net', name: 'Ada' },
  replyTo: 'support+t-10001@example.com',
  subject: 'Re: Hello [T-10001]',
  text: 'Plain',
  html: '<p>Html</p>',
  messageId: '<out-1@example.com>',
  inReplyTo: '<in-1@example.net>',
  references: ['<in-0@example.net>', '<in-1@example.net>'],
  autoSubmitted: 'auto-replied' as const,
};

describe('subjectWithToken', () => {
  it('cuts a long subject, never the ticket token (found by fuzzing: a 1,000-character subject lost it)', () => {
    const subject = subjectWithToken(`Re: ${'a'.repeat(1000)} [T-10001]`, 'T-10001');
    expect(subject.length).toBeLessThanOrEqual(250);
    expect(subject).toMatch(/^Re: a+… \[T-10001\]$/);
    expect(subjectWithToken('Re: Hello [T-10001]', 'T-10001')).toBe('Re: Hello [T-10001]');
  });
});

describe('composeMail', () => {
  it('builds MIME with threading and RFC 3834 headers', async () => {
    const parsed = await simpleParser(await composeMail(base));
    expect(parsed.messageId).toBe('<out-1@example.com>');
    expect(parsed.inReplyTo).toBe('<in-1@example.net>');
    expect(parsed.references).toEqual(['<in-0@example.net>', '<in-1@example.net>']);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(parsed.replyTo?.value[0]?.address).toBe('support+t-10001@example.com');
    expect(parsed.text?.trim()).toBe('Plain');
    expect(parsed.html).toContain('<p>Html</p>');
  });

  it('leaves mail a person wrote unmarked', async () => {
    const { autoSubmitted: _none, ...personal } = base;
    const parsed = await simpleParser(await composeMail(personal));
    expect(parsed.headers.has('auto-submitted')).toBe(false);
  });

  it('cannot be made to add recipients or headers through a name or subject', async () => {
    const raw = await composeMail({ ...base, to: { address: 'ada@example.net', name: 'Bob\r\nBcc: everyone@example.org' }, subject: 'Hi\r\nX-Injected: 1' });
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(['ada@example.net']);
  });

  it('bounds header text and removes line breaks', () => {
    expect(headerSafe('a\r\nb')).toBe('a b');
    expect([...headerSafe('字'.repeat(5000))].length).toBe(200);
  });

  it('keeps emoji and supplementary CJK, drops control characters and repairs unpaired surrogates', () => {
    expect(headerSafe('Seriously?? \u{1F92C} \u{20BB7}')).toBe('Seriously?? \u{1F92C} \u{20BB7}');
    expect(headerSafe('a\u0001b\u007fc\u0085d\u001be')).toBe('a b c d e');
    expect(headerSafe('x\uD83Dy')).toBe('x\uFFFDy');
  });
});

describe('composeMail: property', () => {
  it('parses back with exactly the intended headers and recipients, whatever the customer text', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(text, text, text, async (name, subject, body) => {
        const raw = await composeMail({ ...base, to: { address: 'ada@example.net', name }, subject, text: body, html: `<p>${body.replace(/[<&]/g, '')}</p>` });
        const parsed = await simpleParser(raw);
        const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
        expect(to.map((a) => a.address)).toEqual(['ada@example.net']);
        expect(parsed.cc).toBeUndefined();
        expect(parsed.bcc).toBeUndefined();
        expect(parsed.from?.value.map((a) => a.address)).toEqual(['support@example.com']);
        expect(parsed.inReplyTo).toBe('<in-1@example.net>');
        expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
        // Only the headers we set (plus MIME framing), never one smuggled in through customer text.
        const allowed = new Set([
          'from',
          'to',
          'reply-to',
          'subject',
          'message-id',
          'in-reply-to',
          'references',
          'auto-submitted',
          'x-auto-response-suppress',
          'date',
          'mime-version',
          'content-type',
          'content-transfer-encoding',
        ]);
        for (const key of parsed.headers.keys()) expect(allowed.has(key)).toBe(true);
        expect(parsed.subject ?? '').toBe(headerSafe(subject, 250));
      }),
      { numRuns: 200 },
    );
  });
});
