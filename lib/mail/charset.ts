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
  if (isValidUtf8(bytes)) return bytes.toString('utf8');
  const label = widen(declared);
  const attempts: string[] = [];
  if (label && iconv.encodingExists(label)) attempts.push(label);
  const detected = chardet.detect(bytes);
  if (detected && iconv.encodingExists(detected)) attempts.push(widen(detected) ?? detected);
  attempts.push('windows-1252');
  // Windows-1252 leaves only five bytes undefined, so Latin text stops above; what still fails
  // is most likely East Asian text in one of the common multibyte charsets.
  attempts.push('shift_jis', 'gb18030', 'big5hkscs', 'euc-kr');
  let best = '';
  let bestBad = Number.POSITIVE_INFINITY;
  for (const charset of attempts) {
    const text = iconv.decode(bytes, charset);
    const bad = replacementCount(text);
    if (bad === 0) return text;
    if (bad < bestBad) [best, bestBad] = [text, bad];
  }
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

function isAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
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
      this.emit('data', Buffer.from(decodeBytes(Buffer.concat(this.chunks), this.charset), 'utf8'));
      this.emit('end');
    } catch (error) {
      this.emit('error', error);
    }
  }
}

// Content-Type lines of the message and its parts (with folded continuation lines).
const CONTENT_TYPE_LINE = /^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim;

/**
 * mailparser decodes UTF-8, US-ASCII and unlabelled text itself, without a
 * hook. Relabel those parts so that every text part goes through
 * RepairingDecoder, and re-encode a top-level header block that carries raw
 * 8-bit bytes in a legacy charset as UTF-8 (the parser reads header bytes as UTF-8).
 */
export function relabelCharsets(raw: Buffer): Buffer {
  const headerEnd = findHeaderEnd(raw);
  let head = raw.subarray(0, headerEnd);
  if (!isAscii(head) && !isValidUtf8(head)) head = Buffer.from(decodeBytes(head), 'utf8');
  const body = raw.subarray(headerEnd);
  let headText = head.toString('utf8');
  if (!/^content-type:/im.test(headText)) headText += '\r\nContent-Type: text/plain; charset=x-triage-undeclared';
  const relabel = (text: string) =>
    text.replace(CONTENT_TYPE_LINE, (line) => {
      if (!/text\//i.test(line)) return line;
      if (!/charset\s*=/i.test(line)) return `${line}; charset=x-triage-undeclared`;
      return line.replace(/charset\s*=\s*"?(utf-?8|us-ascii|ascii)"?/i, 'charset=x-triage-$1');
    });
  // Part headers live in the body (latin1 keeps every byte as it is while we edit ASCII text).
  return Buffer.concat([Buffer.from(relabel(headText), 'utf8'), Buffer.from(relabel(body.toString('latin1')), 'latin1')]);
}

function findHeaderEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length === 0 ? raw.length : Math.min(...ends);
}
