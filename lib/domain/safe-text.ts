/**
 * Customer text crosses services with rules of their own. Strings in
 * DynamoDB, SES and SNS are UTF-8, which has no encoding for an unpaired
 * UTF-16 surrogate (a broken decoder or a stray `&#xD800;` can make one);
 * SQS, and SNS when it delivers to SQS, accept only #x9 | #xA | #xD |
 * #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF. Text is repaired where it
 * enters, with U+FFFD standing in for what could not be carried, and the
 * original stays in the raw mail.
 */
const LONE_SURROGATE = /\p{Cs}/gu;

/** What SQS refuses in a message body, judged by code point (emoji and CJK Extension B are fine). */
export const SQS_REFUSED = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const SQS_REFUSED_ALL = new RegExp(SQS_REFUSED.source, 'gu');

export const REPLACEMENT = '\uFFFD';

/** The text with every unpaired surrogate replaced, so any UTF-8 service can store it. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, REPLACEMENT);
}

/** The text with every character SQS would refuse replaced: for text that may reach a queue subscriber. */
export function queueSafe(text: string): string {
  return text.replace(SQS_REFUSED_ALL, REPLACEMENT);
}

export function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) n += 1;
  return n;
}

/** The first `max` UTF-16 units of the text, one fewer when the cut would split a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** At most `max` UTF-16 units, the end marked with `…` when cut (never inside a surrogate pair). */
export function ellipsized(text: string, max: number): string {
  return text.length > max ? `${cutAt(text, max - 1)}…` : text;
}

/**
 * The text on one line: each run of white space that holds a line break or a tab (an encoded-word can carry them)
 * becomes one space, so names and file names cannot break headers, listings or a greeting; other spaces stay.
 */
export function oneLine(text: string): string {
  return text.replace(/ *[\t\n\v\f\r\u0085\u2028\u2029][\s]*/g, ' ').trim();
}
