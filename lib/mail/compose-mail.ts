import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { wellFormed } from '../domain/safe-text.ts';
import type { Address } from '../domain/ticket.ts';
import { withToken } from '../domain/ticket-token.ts';

export interface OutgoingMail {
  readonly from: Address;
  readonly to: Address;
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** e.g. `auto-replied` on automatic replies (RFC 3834); absent on mail a person wrote. */
  readonly autoSubmitted?: 'auto-replied' | 'auto-generated';
}

const MAX_HEADER_TEXT = 200;

// Line breaks, tabs and every other control character: none belongs in a header, and SES refuses some.
const NOT_IN_HEADERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Customer-controlled text headed for a header: one line of printable characters, bounded length. Encoding is MailComposer's job. */
export function headerSafe(value: string, max = MAX_HEADER_TEXT): string {
  const oneLine = wellFormed(value)
    .replace(NOT_IN_HEADERS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return [...oneLine].length > max ? `${[...oneLine].slice(0, max - 1).join('')}…` : oneLine;
}

const MAX_SUBJECT = 250;

/**
 * The subject of mail about a ticket: one safe line, short enough that the
 * ticket token always fits after it (a long customer subject is cut, never the token).
 */
export function subjectWithToken(subject: string, ticketId: string): string {
  const withIt = withToken(headerSafe(subject, MAX_SUBJECT), ticketId);
  return withIt.length <= MAX_SUBJECT ? withIt : withToken(headerSafe(subject, MAX_SUBJECT - ticketId.length - 4), ticketId);
}

/** Builds the raw MIME of one outgoing message with nodemailer's MailComposer. */
export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  const headers: Record<string, string> = {};
  if (mail.autoSubmitted) {
    headers['Auto-Submitted'] = mail.autoSubmitted;
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  const composer = new MailComposer({
    from: { name: headerSafe(mail.from.name ?? ''), address: mail.from.address },
    to: { name: headerSafe(mail.to.name ?? ''), address: mail.to.address },
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: headerSafe(mail.subject, MAX_SUBJECT),
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length > 0 ? { references: [...mail.references] } : {}),
    headers,
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
