import EmailReplyParser from 'email-reply-parser';
import { cutAt } from '../domain/safe-text.ts';

export type QuoteStyle = 'none' | 'gmail' | 'outlook' | 'outlook-zh' | 'foxmail' | 'netease' | 'apple' | 'quote-marks' | 'forwarded';

export interface SplitText {
  /** What the customer wrote in this message. */
  readonly newText: string;
  /** Earlier mail quoted below (or interleaved with) the new text. */
  readonly quoted: string;
  readonly signature: string;
  readonly style: QuoteStyle;
}

/** Splitting looks at most this much text; beyond it everything counts as history. */
const MAX_SPLIT_CHARS = 100_000;

/**
 * email-reply-parser reads at most this much of what precedes the reply header:
 * its cost grows faster than the text (a 20,000-character message took 60 ms),
 * and what follows counts as history. Some 1,300 words of new text is more than
 * a customer writes in one message; agents still see all of it.
 */
export const MAX_LIBRARY_CHARS = 8_000;

/**
 * Reply headers of clients the library does not know: Foxmail/QQ, Chinese
 * Outlook, NetEase and friends. Each marks where the quoted history begins.
 */
const CUT_LINES: ReadonlyArray<{ readonly style: QuoteStyle; readonly pattern: RegExp }> = [
  { style: 'foxmail', pattern: /^[-\s]*(?:原始邮件|原始郵件|Original)[-\s]*$/i },
  { style: 'outlook-zh', pattern: /^(?:发件人|寄件者|寄件人|發件人)\s*[:：]/ },
  { style: 'outlook', pattern: /^(?:Von|De|Da|Van|Od|От)\s*:\s.+/i },
  { style: 'netease', pattern: /^在?.{0,80}(?:写道|寫道)\s*[:：]\s*$/ },
  { style: 'outlook', pattern: /^-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}/i },
  { style: 'outlook', pattern: /^_{10,}\s*$/ },
  { style: 'outlook', pattern: /^From:\s.+/i },
  { style: 'gmail', pattern: /^On\s.{4,200}\swrote:\s*$/i },
  { style: 'gmail', pattern: /^(?:Am|Le|El|Il|Op)\s.{4,200}\s(?:schrieb|a écrit|escribió|ha scritto|schreef)\s?.{0,80}:\s*$/i },
  { style: 'apple', pattern: /^>?\s*On\s.{4,120},\s*at\s.{3,80}wrote:\s*$/i },
  { style: 'forwarded', pattern: /^Begin forwarded message:\s*$/i },
];

/**
 * Every CUT_LINES pattern at once, case-insensitive: a line it does not match matches none of them, so
 * most lines are tested once instead of eleven times.
 */
const ANY_CUT_LINE = new RegExp(CUT_LINES.map((rule) => `(?:${rule.pattern.source})`).join('|'), 'i');

// A header line that looks like "From:" only cuts when a Sent/Date/To line follows, as in Outlook's reply block.
const OUTLOOK_FOLLOWERS = /^(?:Sent|Date|To|Subject|Gesendet|An|Betreff|Datum|Envoyé|À|Objet|Enviado|Para|Asunto|Inviato|Oggetto|发送时间|發送時間|收件人|主题|主旨|日期)\s*[:：]/i;

const MOBILE_SIGNATURE =
  /^(?:Sent from my .{2,40}|Sent from (?:Outlook|Mail|Yahoo Mail).{0,40}|Get Outlook for .{2,20}|发自我的.{1,20}|從我的.{1,20}傳送|来自我的.{1,20}|发送自.{1,20})$/i;

/**
 * Separates the customer's new text from quoted history and the signature,
 * for Gmail, Outlook (English and Chinese), Apple Mail, Thunderbird, mobile
 * signatures and Foxmail/QQ/NetEase. Our own rules find the client reply
 * headers email-reply-parser does not know; the library does the rest.
 */
export function splitQuotedText(text: string): SplitText {
  const bounded = text.length > MAX_SPLIT_CHARS ? text.slice(0, MAX_SPLIT_CHARS) : text;
  const lines = bounded.split(/\r?\n/);
  let cutLine = lines.length;
  let style: QuoteStyle = 'none';
  for (let i = 0; i < lines.length && cutLine === lines.length; i += 1) {
    const line = (lines[i] ?? '').trim().replace(/^\*+|\*+$/g, '');
    if (!ANY_CUT_LINE.test(line)) continue;
    for (const rule of CUT_LINES) {
      if (!rule.pattern.test(line)) continue;
      const headerLike = rule.style === 'outlook-zh' || /^(?:From|Von|De|Da|Van|Od|От)\s*:/i.test(line);
      if (headerLike && !lines.slice(i + 1, i + 5).some((l) => OUTLOOK_FOLLOWERS.test(l.trim().replace(/^\*+/, '')))) continue;
      cutLine = i;
      style = rule.style;
      break;
    }
  }
  let head = lines.slice(0, cutLine);
  let quoted = lines.slice(cutLine).join('\n');
  // Inline replies (common on mailing lists): under an attribution line, the customer answers
  // between '>'-quoted paragraphs. Their unquoted lines are new text too.
  if (style === 'gmail' || style === 'apple' || style === 'netease') {
    const after = lines.slice(cutLine + 1);
    const quotedLines = after.filter((l) => /^\s*>/.test(l)).length;
    const answers = after.filter((l) => l.trim() !== '' && !/^\s*>/.test(l));
    const endOfAnswers = answers.findIndex((l) => CUT_LINES.some((r) => r.style !== 'gmail' && r.pattern.test(l.trim())) || /^-- ?$/.test(l));
    const inline = endOfAnswers === -1 ? answers : answers.slice(0, endOfAnswers);
    if (quotedLines > 0 && inline.length > 0) {
      head = [...head, ...inline];
      quoted = [lines[cutLine] ?? '', ...after.filter((l) => /^\s*>/.test(l))].join('\n');
    }
  }

  // Signature: a mobile "Sent from my …" line or the library's sig-dash detection.
  let signature = '';
  const mobile = head.findIndex((l) => MOBILE_SIGNATURE.test(l.trim()));
  const beforeSignature = mobile >= 0 ? head.slice(0, mobile) : head;
  if (mobile >= 0) signature = head.slice(mobile).join('\n').trim();

  let forLibrary = beforeSignature.join('\n');
  let unread = '';
  if (forLibrary.length > MAX_LIBRARY_CHARS) {
    // At a line end when there is one in the second half; else at the bound (never inside a surrogate pair).
    const cut = forLibrary.lastIndexOf('\n', MAX_LIBRARY_CHARS);
    const at = cut > MAX_LIBRARY_CHARS / 2 ? cut : cutAt(forLibrary, MAX_LIBRARY_CHARS).length;
    unread = forLibrary.slice(at);
    forLibrary = forLibrary.slice(0, at);
  }
  const visible: string[] = [];
  const libraryQuoted: string[] = [];
  for (const f of readFragments(forLibrary)) {
    if (f.signature) signature = [f.content.trim(), signature].filter(Boolean).join('\n');
    else if (f.quoted) libraryQuoted.push(f.content);
    else visible.push(f.content);
  }
  if (unread.trim()) quoted = [unread, quoted].filter((q) => q.trim()).join('\n');
  if (libraryQuoted.length > 0) {
    quoted = [libraryQuoted.join('\n'), quoted].filter((q) => q.trim()).join('\n');
    if (style === 'none') style = /^\s*>/m.test(libraryQuoted.join('\n')) && !/wrote:\s*$/im.test(libraryQuoted.join('\n')) ? 'quote-marks' : 'gmail';
  }
  if (text.length > MAX_SPLIT_CHARS) quoted += text.slice(MAX_SPLIT_CHARS);
  return { newText: visible.join('\n').trim(), quoted: quoted.trim(), signature: signature.trim(), style };
}

/**
 * Everything email-reply-parser reacts to, and more. The library marks a line quoted when it starts
 * with `>`; a signature when the line (as written, or without its trailing white space) is a short
 * separator (2–4 of `-_+=`, `-- `, 32 underscores) or a closing such as `Regards,` or `Sent from …`;
 * and it looks for reply headers (`On … wrote:`, `From: … <…>`, `----- Original Message -----`, lines
 * ending in `>:`) in each line and across the whole text. Each alternative below is a looser form of
 * one of those (case ignored, white space allowed around, multi-line so that `^`/`$` match at every
 * line, including lines ended by a lone CR): a line the library reacts to always matches one. Text
 * that matches none is one visible fragment to the library, whatever else it holds. Long separator
 * rules, `From:` lines without an address in brackets, or "original" in a sentence (common in
 * bounces and newsletters) are not among them, so such text no longer goes through the library.
 */
const LIBRARY_TRIGGERS = new RegExp(
  [
    // quote marks
    '^\\s*>',
    // separator lines: -{2,4}, _{2,4}, "-- ", +{2,4}, ={2,4}, 32 underscores
    '^\\s*(?:[-_+=]{2,4}|_{32})\\s*$',
    // reply headers that end in ">:" (dates and addresses in several layouts)
    '>\\s*:\\s*$',
    // "From: NAME <EMAIL>" and its German, French, Dutch and Italian forms, the address on that line or a later one
    '^\\s*(?:from|von|de|van|da)\\s?:.+\\s?\\n?\\s*[\\[|<].+[\\]|>]',
    // the verbs of "On DATE, NAME wrote:" in every language the library knows (the Italian signature rule too)
    'wrote|écrit|escribi|scritto|escreveu|schrieb|schreef|pisze|napisa|skrev|kirjoitti|写道|작성|のメッセージ|г\\.',
    // "----- Original Message -----" and its Danish, French and German forms
    "^-{1,12} ?(?:original|oprindelig|message d'origine|ursprüngliche)",
    // signature lines that begin with their words
    '^\\s*(?:sent from|get outlook for|gesendet von|sendt fra|envoy|télécharger outlook|bien . vous|bonne (?:journ.e|soir.e)|enviado desde|verzonden vanaf|verstuurd vanaf)',
    // signature lines that end with their words ("Kind regards,", "Von meinem iPhone gesendet", "Cordialement")
    '(?:cheers|best wishes|regards|cordialement),?!?！?\\s*$',
    'gesendet\\s*$',
  ].join('|'),
  'im',
);

export interface Fragment {
  readonly content: string;
  readonly quoted: boolean;
  readonly signature: boolean;
}

/**
 * The library's fragments of a text. It reverses every line several times and runs some fifty
 * patterns over each, so text that holds nothing it reacts to is not given to it: the result is
 * what it would return, one visible fragment with each line's trailing white space removed.
 */
export function readFragments(text: string): Fragment[] {
  if (LIBRARY_TRIGGERS.test(text)) return libraryFragments(text);
  const content = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n/, '');
  return [{ content, quoted: false, signature: false }];
}

export function libraryFragments(text: string): Fragment[] {
  return new EmailReplyParser()
    .read(text)
    .getFragments()
    .map((f) => ({ content: f.getContent(), quoted: f.isQuoted(), signature: f.isSignature() }));
}
