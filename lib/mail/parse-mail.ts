import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { MalformedMailError } from '../domain/errors.ts';
import type { Address } from '../domain/ticket.ts';
import type { ParsedMessage } from './parsed-message.ts';
import { extractNewText } from './quoted-text.ts';

/**
 * Parses raw MIME with mailparser into a ParsedMessage. Rejects what cannot be
 * treated as a customer email (empty input, no sender) with MalformedMailError.
 */
export async function parseMail(raw: Buffer): Promise<ParsedMessage> {
  if (raw.length === 0 || raw.toString('utf8', 0, Math.min(raw.length, 4096)).trim() === '') {
    throw new MalformedMailError('The message is empty');
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    throw new MalformedMailError(`The message cannot be parsed: ${(error as Error).message}`, { cause: error });
  }
  const from = firstAddress(mail.from);
  if (!from) {
    throw new MalformedMailError('The message has no From address');
  }
  const text = (mail.text ?? '').trim() || htmlFallback(mail);
  return {
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: toList(mail.references),
    from,
    replyTo: firstAddress(mail.replyTo),
    to: addresses(mail.to),
    subject: mail.subject ?? '',
    date: mail.date,
    text,
    newText: extractNewText(text),
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? '(unnamed)',
      contentType: a.contentType,
      size: a.size,
    })),
    headers: headerMap(mail),
  };
}

function htmlFallback(mail: ParsedMail): string {
  // mailparser fills `text` from HTML when there is no text part; this covers `html: false` and odd parts.
  return typeof mail.html === 'string' ? mail.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : '';
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  return objects.flatMap((o) =>
    o.value.flatMap((entry) =>
      entry.address ? [{ address: entry.address.toLowerCase(), ...(entry.name ? { name: entry.name } : {}) }] : [],
    ),
  );
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): Address | undefined {
  return addresses(value)[0];
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of mail.headerLines) {
    if (map.has(line.key)) continue;
    const colon = line.line.indexOf(':');
    map.set(line.key, line.line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}
