import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../../lib/classify/classifier.ts';
import { MalformedMailError } from '../../lib/domain/errors.ts';
import { baseSubject } from '../../lib/domain/threading.ts';
import { composeMail, subjectWithToken } from '../../lib/mail/compose-mail.ts';
import { parseMail } from '../../lib/mail/parse-mail.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { TemplateMailRenderer } from '../../templates/mail-renderer.ts';

const FIRST_REPLY = { routine: 'acknowledgement', complaint: 'apology', rude: 'boundary', threat: 'threat-received' } as const;
const renderer = new TemplateMailRenderer(TemplateCatalog.builtIn());
const CUSTOMER = 'fuzz.customer@example.net';

/** Header values an attacker controls: any unicode, line breaks, encoded-word look-alikes, HTML. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('Hi\r\nBcc: everyone@example.org', '=?UTF-8?B?SGkNCkJjYzogeEBldmlsLmV4YW1wbGU=?=', '<script>alert(1)</script>', '\u0000\u202e\uD800', 'a'.repeat(5000)),
);

/** One message: hostile headers and body in text, or arbitrary bytes. */
const message = fc.oneof(
  fc
    .record({ name: hostileText, subject: hostileText, body: hostileText, extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), hostileText), { maxLength: 5 }) })
    .map(({ name, subject, body, extra }) =>
      Buffer.from(
        [
          `From: "${name.replace(/["\\\r\n]/g, ' ')}" <${CUSTOMER}>`,
          'To: support@example.com',
          `Subject: ${subject}`,
          'Message-ID: <fuzz-1@example.net>',
          ...extra.map(([k, v]) => `X-${k}: ${v}`),
          'Content-Type: text/plain; charset=utf-8',
          '',
          body,
        ].join('\r\n'),
        'utf8',
      ),
    ),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.concat([Buffer.from(`From: <${CUSTOMER}>\r\nSubject: `), Buffer.from(bytes)])),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
);

/** parse → classify → first-reply template → MIME → parse again: what an attacker's mail can make us send. */
async function replyTo(raw: Buffer): Promise<Buffer | undefined> {
  let parsed: Awaited<ReturnType<typeof parseMail>>;
  try {
    parsed = await parseMail(raw);
  } catch (error) {
    if (error instanceof MalformedMailError) return undefined; // named and recorded by ingest (unreadable mail)
    throw error;
  }
  const classification = defaultClassifier.classify({ subject: parsed.subject, body: parsed.newText });
  const kind = FIRST_REPLY[classification.category];
  const mail = renderer.customerMail({
    kind,
    locale: 'en',
    ...(parsed.from?.name ? { customerName: parsed.from.name } : {}),
    ticketId: 'T-10001',
    customerSubject: baseSubject(parsed.subject),
    answerBy: '2026-11-25T10:00:00.000Z',
    timeZone: 'UTC',
    teamName: 'Support',
    excerpt: parsed.newText.slice(0, 160),
  });
  return composeMail({
    from: { address: 'support@example.com', name: 'Support' },
    to: { address: CUSTOMER, ...(parsed.from?.name ? { name: parsed.from.name } : {}) },
    replyTo: 'support+t-10001@example.com',
    subject: subjectWithToken(mail.subject, 'T-10001'),
    text: mail.text,
    html: mail.html,
    messageId: '<out-1@example.com>',
    ...(parsed.messageId ? { inReplyTo: parsed.messageId } : {}),
    references: parsed.references.slice(0, 20),
    autoSubmitted: 'auto-replied',
  });
}

async function checkReply(raw: Buffer): Promise<void> {
  const out = await replyTo(raw);
  if (!out) return;
  const reply = await simpleParser(out);
  const addresses = (v: typeof reply.to) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((o) => o.value.map((a) => a.address));
  expect(addresses(reply.to)).toEqual([CUSTOMER]);
  expect(reply.cc).toBeUndefined();
  expect(reply.bcc).toBeUndefined();
  expect(addresses(reply.from)).toEqual(['support@example.com']);
  expect(reply.subject ?? '').not.toMatch(/[\r\n]/);
  expect(reply.subject).toContain('[T-10001]');
  // Only the headers we set: nothing a customer wrote became a header.
  const names = [...reply.headers.keys()].filter(
    (k) =>
      ![
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
      ].includes(k),
  );
  expect(names).toEqual([]);
  expect(reply.html || '').not.toMatch(/<script/i);
}

describe('fuzzing parse → classify → template → MIME with hostile bytes, headers and unicode', () => {
  it('lets no exception escape, injects no header, and re-parses with exactly the intended recipient', async () => {
    await fc.assert(fc.asyncProperty(message, checkReply), { numRuns: Number(process.env.FUZZ_RUNS ?? 150) });
  });
});
