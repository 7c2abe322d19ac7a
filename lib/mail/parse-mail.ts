import { isAscii, isUtf8 } from 'node:buffer';
import { compile as compileHtmlToText } from 'html-to-text';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { MalformedMailError } from '../domain/errors.ts';
import { countReplacements, cutAt, ellipsized, oneLine, wellFormed } from '../domain/safe-text.ts';
import { type Address, MAX_MESSAGE_ID_CHARS } from '../domain/ticket.ts';
import { detectAutomation } from './automation.ts';
import { findHeaderEnd, RepairingDecoder, relabelCharsets } from './charset.ts';
import type { Attachment, ParsedMessage } from './parsed-message.ts';
import { splitQuotedText } from './quoted-text.ts';
import { timeZoneFromDateHeader } from './sender-time-zone.ts';
import { textWithoutTags } from './stripped-html.ts';

/** SES accepts messages up to 40 MB; anything larger did not come through SES. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/**
 * html-to-text walks the DOM recursively and overflows the stack past about 2,000 nested elements. Real mail
 * nests a few dozen deep (46 at most in the corpus; each reply quoted inside the last adds a few levels); what
 * lies deeper is left out of the text, shown as `…` (the raw mail keeps it).
 */
export const MAX_HTML_DEPTH = 500;

const HTML_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
  limits: { maxDepth: MAX_HTML_DEPTH, ellipsis: '…' },
};

/**
 * html-to-text's converter, compiled once (its `convert` merges the options and builds the selector
 * decision tree on every call), and only when a message first needs it: most mail has a text part.
 */
let htmlToText: ((html: string) => string) | undefined;

/**
 * Parses raw MIME into a ParsedMessage: decoded headers and text, the
 * customer's new text split from history and signature, attachments, and
 * whether a machine wrote it. Rejects what cannot be treated as email with
 * MalformedMailError, naming why.
 */
export async function parseMail(input: Buffer): Promise<ParsedMessage> {
  if (input.length > MAX_MESSAGE_BYTES) {
    throw new MalformedMailError(`The message is ${Math.round(input.length / 1048576)} MB, over the 40 MB limit`);
  }
  const framed = repairFraming(input);
  if (isBlank(framed.subarray(0, 4096))) {
    throw new MalformedMailError('The message is empty');
  }
  const mail = await readMime(framed);
  const from = firstAddress(mail.from) ?? bareSender(mail);
  const text = wellFormed(bodyText(mail));
  const split = splitQuotedText(text);
  const headers = headerMap(mail);
  const subject = boundSubject(
    wellFormed(mail.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const attachments = mail.attachments.map(attachmentOf);
  return {
    messageId: messageIdOf(mail.messageId),
    inReplyTo: messageIdOf(mail.inReplyTo),
    references: toList(mail.references),
    ...(from ? { from } : {}),
    replyTo: firstAddress(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject,
    date: mail.date,
    ...withTimeZone(timeZoneFromDateHeader(headers.get('date'))),
    text,
    newText: split.newText,
    quoted: split.quoted,
    signature: split.signature,
    quoteStyle: split.style,
    attachments,
    automation: detectAutomation({
      headers,
      from: from?.address ?? '',
      subject,
      text,
      partTypes: attachments.map((a) => a.contentType),
      deliveryStatus: attachments.filter((a) => a.contentType === 'message/delivery-status').map((a) => a.content.toString('utf8')),
    }),
    headers,
    replacementCharacters: countReplacements(subject) + countReplacements(text) + countReplacements(from?.name ?? ''),
  };
}

/**
 * What parseMail asks of mailparser, charsets aside (the parse benchmark's floor uses the same). Its HTML
 * rendering of the text (`textAsHtml`: escaping, links) is never read: skipped. Nor is the MD5 it computes of
 * every attachment (`checksum`): with `checksumAlgo: false` it only counts the bytes (`size`).
 */
export const MAILPARSER_OPTIONS = {
  skipImageLinks: true,
  skipTextLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  checksumAlgo: false as const,
};

const PARSER_OPTIONS = { ...MAILPARSER_OPTIONS, Iconv: RepairingDecoder as never };

/**
 * Most mail decodes as labelled: parts in legacy charsets go through RepairingDecoder, UTF-8 and ASCII
 * parts through mailparser's own decoding, and nothing is copied. Only when that leaves replacement
 * characters (UTF-8 that is not, unlabelled legacy text) or the header block holds raw 8-bit legacy
 * bytes is the message relabelled so that every text part goes through the repairing decoder.
 */
async function readMime(framed: Buffer): Promise<ParsedMail> {
  try {
    const head = framed.subarray(0, findHeaderEnd(framed));
    if (isAscii(head) || isUtf8(head)) {
      const mail = await simpleParser(framed, PARSER_OPTIONS);
      if (!hasReplacement(mail.text) && !hasReplacement(mail.html) && !hasReplacement(mail.subject)) return mail;
    }
    return await simpleParser(relabelCharsets(framed), PARSER_OPTIONS);
  } catch (error) {
    throw new MalformedMailError(`The message cannot be parsed: ${(error as Error).message}`, { cause: error });
  }
}

function hasReplacement(text: string | false | undefined): boolean {
  return typeof text === 'string' && text.includes('\ufffd');
}

/**
 * Fixes framing that breaks parsers without changing content: an mbox
 * `From ` separator line, blank lines before the headers, and old Mac
 * CR-only line ends.
 */
function repairFraming(raw: Buffer): Buffer {
  let start = 0;
  while (start < raw.length && (raw[start] === 0x0d || raw[start] === 0x0a || raw[start] === 0x20 || raw[start] === 0x09)) start += 1;
  if (raw.toString('latin1', start, start + 5) === 'From ') {
    const eol = raw.indexOf(0x0a, start);
    start = eol === -1 ? raw.length : eol + 1;
  }
  let out = start > 0 ? raw.subarray(start) : raw;
  const head = out.subarray(0, 8192);
  if (head.indexOf(0x0a) === -1 && head.indexOf(0x0d) !== -1) {
    out = Buffer.from(out.toString('latin1').replace(/\r(?!\n)/g, '\r\n'), 'latin1');
  }
  return out;
}

/**
 * Whether the bytes, read as latin1, are empty or only what String#trim removes (tab, line feed, vertical tab,
 * form feed, carriage return, space, no-break space), without making a string of them.
 */
function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (!((b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0)) return false;
  return true;
}

/**
 * HTML-only mail is converted up to this many characters of markup: four times
 * the text an item keeps (100,000 characters), far more than markup needs to
 * carry it; the raw mail keeps the rest.
 */
const MAX_HTML_CHARS = 400_000;

function bodyText(mail: ParsedMail): string {
  const text = (mail.text ?? '').trim();
  if (text) return text;
  if (typeof mail.html === 'string' && mail.html.trim()) {
    return htmlText(cutAt(mail.html, MAX_HTML_CHARS))
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
  return '';
}

function htmlText(html: string): string {
  htmlToText ??= compileHtmlToText(HTML_OPTIONS);
  try {
    return htmlToText(html);
  } catch {
    // Markup that defeats the converter despite the depth limit still gives its words (without the layout):
    // a throw here would fail the message on every retry.
    return textWithoutTags(html);
  }
}

/** Subjects go into headers, items and notices; past this length they say nothing more (the raw mail keeps all of it). */
export const MAX_SUBJECT_CHARS = 1000;

function boundSubject(subject: string): string {
  return ellipsized(subject, MAX_SUBJECT_CHARS);
}

/**
 * Display names go into the ticket, its messages and mail to the team; past this length they say nothing more
 * (a 450 KB name made the ticket item too large for DynamoDB). The raw mail keeps all of it.
 */
export const MAX_NAME_CHARS = 200;

function displayName(name: string | undefined): { name?: string } {
  const bounded = ellipsized(oneLine(wellFormed(name ?? '')), MAX_NAME_CHARS);
  return bounded ? { name: bounded } : {};
}

/** RFC 5321 paths hold 254 characters of address: a longer one cannot be answered, and cut it would be another's. */
export const MAX_ADDRESS_CHARS = 254;

/** Addresses kept of one To or Cc header: every one goes into the message item, and into the ticket's participants. */
export const MAX_ADDRESSES = 100;

/** The id, or none when it is too long to be a key (see MAX_MESSAGE_ID_CHARS). */
function messageIdOf(id: string | undefined): string | undefined {
  return id && id.length <= MAX_MESSAGE_ID_CHARS ? id : undefined;
}

/** The ids of a References header, each short enough to be a key; how many is bounded where they are stored. */
function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/\s+/)).filter((id) => id && id.length <= MAX_MESSAGE_ID_CHARS);
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((o) => o.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
  const usable = flat.filter((entry) => entry.address?.includes('@') && entry.address.length <= MAX_ADDRESS_CHARS);
  return usable.slice(0, MAX_ADDRESSES).map((entry) => ({ address: wellFormed(String(entry.address).toLowerCase()), ...displayName(entry.name) }));
}

/** `From: MAILER-DAEMON (Mail Delivery System)` has no domain but still says who sent it. */
function bareSender(mail: ParsedMail): { address: string; name?: string } | undefined {
  const entry = (Array.isArray(mail.from) ? mail.from[0] : mail.from)?.value[0];
  const local = entry?.address || entry?.name?.split(/\s/)[0];
  return local && local.length <= MAX_ADDRESS_CHARS ? { address: wellFormed(local.toLowerCase()), ...displayName(entry?.name) } : undefined;
}

/** Past this length a file name says nothing more; it goes into the message item and the download link. */
export const MAX_FILENAME_CHARS = 255;

/** RFC 6838 type and subtype names have at most 127 characters each: a longer content type names nothing. */
const MAX_CONTENT_TYPE_CHARS = 255;

function attachmentOf(a: ParsedMail['attachments'][number]): Attachment {
  const type = String(a.contentType || '').toLowerCase();
  const subtype = (type.split('/')[1] ?? 'bin').replace(/[^a-z0-9.+-]/gi, '') || 'bin';
  return {
    filename: fileName(a.filename ?? `${a.contentDisposition === 'inline' ? 'inline' : 'attachment'}.${subtype}`),
    contentType: type && type.length <= MAX_CONTENT_TYPE_CHARS ? type : 'application/octet-stream',
    size: a.size,
    inline: a.contentDisposition === 'inline' || Boolean(a.cid && a.related),
    content: a.content,
  };
}

/** A file name on one line and bounded, keeping its extension: it says what opens the file. */
function fileName(name: string): string {
  const line = oneLine(wellFormed(name));
  if (line.length <= MAX_FILENAME_CHARS) return line;
  const extension = /\.[\w-]{1,16}$/.exec(line)?.[0] ?? '';
  return `${cutAt(line, MAX_FILENAME_CHARS - 1 - extension.length)}…${extension}`;
}

function withTimeZone(senderTimeZone: string | undefined): { senderTimeZone?: string } {
  return senderTimeZone ? { senderTimeZone } : {};
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): Address | undefined {
  return addresses(value)[0];
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of mail.headerLines) {
    if (map.has(line.key)) continue;
    let value = line.line.slice(line.line.indexOf(':') + 1);
    // Most header lines are one line with no label of ours: only the others are rewritten.
    if (value.includes('\n')) value = value.replace(/\r?\n[ \t]+/g, ' ');
    // What the sender wrote, not the labels relabelCharsets gave the parts.
    if (/x-triage-/i.test(value)) {
      value = value.replace(/; charset=x-triage-undeclared$/i, '').replace(/charset=x-triage-/i, 'charset=');
    }
    map.set(line.key, value.trim());
  }
  return map;
}
