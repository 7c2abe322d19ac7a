import { isAscii, isUtf8 } from 'node:buffer';
import { EventEmitter } from 'node:events';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Decoding text people actually send: labels are often wrong (UTF-8 sent as
 * Big5 or ISO-8859-1, GBK labelled GB2312), missing, or unknown. Rules, in order:
 * bytes that are valid UTF-8 with non-ASCII characters are UTF-8 whatever the
 * label says (such sequences almost never occur in legacy text); otherwise the
 * declared charset, widened to its superset; and when that cannot decode the
 * bytes cleanly, a detected charset.
 */
export function decodeBytes(bytes: Buffer, declared?: string): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return decodeLegacy(bytes, declared);
}

/**
 * The same decision as decodeBytes, as UTF-8 bytes: ASCII and valid UTF-8 come
 * back as they are (no decoding and re-encoding), anything else decoded.
 */
export function toUtf8(bytes: Buffer, declared?: string): Buffer {
  if (isAscii(bytes) || isUtf8(bytes)) return bytes;
  return Buffer.from(decodeLegacy(bytes, declared), 'utf8');
}

/**
 * Detection reads this many bytes: a few thousand bytes of text carry enough of a charset's byte pairs and
 * n-grams to name it, and every byte read costs each of chardet's two dozen charset models a lookup.
 */
const DETECT_SAMPLE_BYTES = 4 * 1024;
/** Of a line with 8-bit bytes, the sample takes at most this much before its first one. */
const DETECT_LEAD_BYTES = 256;

/**
 * The bytes detection reads: up to DETECT_SAMPLE_BYTES of the lines that hold 8-bit bytes, in order. ASCII-only
 * lines (HTML styles, quoted headers, a long English paragraph after a greeting in Chinese) name no charset and
 * would only dilute the ones that do.
 */
function detectionSample(bytes: Buffer): Buffer {
  if (bytes.length <= DETECT_SAMPLE_BYTES) return bytes;
  const lines: Buffer[] = [];
  let size = 0;
  for (let at = 0; at < bytes.length && size < DETECT_SAMPLE_BYTES; ) {
    let high = at;
    while (high < bytes.length && bytes[high]! < 0x80) high += 1;
    if (high === bytes.length) break;
    const start = Math.max(at, high - DETECT_LEAD_BYTES, high === 0 ? 0 : bytes.lastIndexOf(0x0a, high - 1) + 1);
    const newline = bytes.indexOf(0x0a, high);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(start, Math.min(end, start + DETECT_SAMPLE_BYTES - size)));
    size += lines.at(-1)!.length;
    at = end;
  }
  return lines.length === 1 ? lines[0]! : Buffer.concat(lines);
}

/** Bytes that are not UTF-8: the declared charset first; detection only when the label is missing or leaves bytes undecoded. */
function decodeLegacy(bytes: Buffer, declared: string | undefined): string {
  const label = widen(declared);
  let best = '';
  let bestBad = Number.POSITIVE_INFINITY;
  // A charset tried once is not decoded again (the label, the detected charset and a fallback can name the same):
  // it would give the same text and the same count, which neither wins nor stops the search.
  const tried = new Set<string>();
  const attempt = (charset: string): boolean => {
    const codec = charset.toLowerCase();
    if (tried.has(codec)) return false;
    tried.add(codec);
    const text = iconv.decode(bytes, charset);
    const bad = replacementCount(text);
    if (bad < bestBad) [best, bestBad] = [text, bad];
    return bad === 0;
  };
  if (label && iconv.encodingExists(label) && attempt(label)) return best;
  // Detection reads every byte against every charset model: the costliest step, so only when the label
  // failed, and over a sample (detectionSample).
  const detected = chardet.detect(detectionSample(bytes));
  const attempts: string[] = [];
  if (detected && iconv.encodingExists(detected)) attempts.push(widen(detected) ?? detected);
  attempts.push('windows-1252');
  // Windows-1252 leaves only five bytes undefined, so Latin text stops above; what still fails
  // is most likely East Asian text in one of the common multibyte charsets.
  attempts.push('shift_jis', 'gb18030', 'big5hkscs', 'euc-kr');
  for (const charset of attempts) if (attempt(charset)) return best;
  return best;
}

/** Labels that name a subset of what is really sent. */
function widen(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label
    .toLowerCase()
    .replace(/^x-triage-/, '')
    .trim();
  if (['undeclared', 'us-ascii', 'ascii', 'utf-8', 'utf8', 'x-unknown', 'unknown', 'unknown-8bit', 'default'].includes(l)) return undefined;
  if (/^(?:gb2312|gbk|cp936|x-gbk|iso-gb2312|euc-cn|chinese|csgb2312|gb_2312-80)$/.test(l)) return 'gb18030';
  if (/^(?:big5|big-5|cn-big5|x-x-big5|csbig5)$/.test(l)) return 'big5hkscs';
  if (l === 'ks_c_5601-1987' || l === 'euc-kr') return 'cp949';
  if (/^(?:iso-8859-1|latin1|l1|us-ascii)$/.test(l)) return 'windows-1252';
  return l;
}

function replacementCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n += 1;
  return n;
}

/**
 * The decoder mailparser's `Iconv` option expects: a stream-like object that
 * takes the bytes of one text part and emits it as UTF-8.
 */
export class RepairingDecoder extends EventEmitter {
  private readonly chunks: Buffer[] = [];
  constructor(private readonly charset: string) {
    super();
  }
  write(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    try {
      this.emit('data', toUtf8(this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks), this.charset));
      this.emit('end');
    } catch (error) {
      this.emit('error', error);
    }
  }
}

// Content-Type lines of a header block (with folded continuation lines).
const CONTENT_TYPE_LINE = /^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim;

/** Marks a text part's charset so that mailparser hands its bytes to RepairingDecoder. */
function relabelLine(line: string): string {
  if (!/text\//i.test(line)) return line;
  if (!/charset\s*=/i.test(line)) return `${line}; charset=x-triage-undeclared`;
  return line.replace(/charset\s*=\s*"?(utf-?8|us-ascii|ascii)"?/i, 'charset=x-triage-$1');
}

/**
 * mailparser decodes UTF-8, US-ASCII and unlabelled text itself, without a
 * hook. Relabel those parts so that every text part goes through
 * RepairingDecoder, and re-encode a top-level header block that carries raw
 * 8-bit bytes in a legacy charset as UTF-8 (the parser reads header bytes as UTF-8).
 */
export function relabelCharsets(raw: Buffer): Buffer {
  const headerEnd = findHeaderEnd(raw);
  let head = raw.subarray(0, headerEnd);
  if (!isAscii(head) && !isUtf8(head)) head = Buffer.from(decodeBytes(head), 'utf8');
  let headText = head.toString('utf8');
  if (!/^content-type:/im.test(headText)) headText += '\r\nContent-Type: text/plain; charset=x-triage-undeclared';
  return Buffer.concat([Buffer.from(headText.replace(CONTENT_TYPE_LINE, relabelLine), 'utf8'), ...relabelParts(raw.subarray(headerEnd))]);
}

/**
 * A part's Content-Type header at the start of a line (after CR, LF or CRLF), with its folded continuation
 * lines (CRLF or LF, then a space or tab), read from the body as latin1 text: one byte, one character.
 */
const PART_CONTENT_TYPE = /^content-type:[^\r\n]*(?:(?:\r\n|\n)[ \t][^\r\n]*)*/gim;

/**
 * The part headers in the body, relabelled in place: the body is searched once (as latin1 text, a copy
 * of one byte per byte) for `Content-Type:` lines, and only those are rewritten; the rest (attachments,
 * long texts) passes through as slices of the original bytes.
 */
function relabelParts(body: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let copiedUpTo = 0;
  for (const match of body.toString('latin1').matchAll(PART_CONTENT_TYPE)) {
    const line = match[0];
    const relabelled = relabelLine(line);
    if (relabelled === line) continue;
    pieces.push(body.subarray(copiedUpTo, match.index), Buffer.from(relabelled, 'latin1'));
    copiedUpTo = match.index + line.length;
  }
  pieces.push(body.subarray(copiedUpTo));
  return pieces;
}

/**
 * Where the header block ends: the first blank line, CRLF or LF (the index of its first CR or LF), or the
 * length when there is none. One walk from line end to line end through the header block only: searching
 * the whole message for CRLF CRLF read every byte of a long LF-only message, twice.
 */
export function findHeaderEnd(raw: Buffer): number {
  for (let lf = raw.indexOf(0x0a); lf !== -1; lf = raw.indexOf(0x0a, lf + 1)) {
    if (raw[lf + 1] === 0x0a) return lf;
    if (raw[lf + 1] === 0x0d && raw[lf + 2] === 0x0a && lf > 0 && raw[lf - 1] === 0x0d) return lf - 1;
  }
  return raw.length;
}
