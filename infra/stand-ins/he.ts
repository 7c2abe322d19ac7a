/**
 * What the functions' bundles give mailparser for the `he` package (infra/esbuild-bundle.ts, heFromEntities).
 * mailparser calls only `he.encode`, to escape header values and addresses into HTML; `he` carries
 * every named reference both ways (73 kB) for that. This module has the same API: `encode` escapes exactly
 * as he's does (numeric references), `escape` likewise, and `decode` is entities' HTML decoder, which
 * htmlparser2 brings into the bundle anyway. What differs: `useNamedReferences` still yields numeric
 * references (the same text to a browser), and `strict` parsing is refused rather than half done.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';

export interface EncodeOptions {
  readonly useNamedReferences?: boolean;
  readonly decimal?: boolean;
  readonly encodeEverything?: boolean;
  readonly allowUnsafeSymbols?: boolean;
  readonly strict?: boolean;
}

export interface DecodeOptions {
  readonly isAttributeValue?: boolean;
  readonly strict?: boolean;
}

// The characters he's encode escapes by default: C0 controls but NUL, LF and CR; DEL and the C1 controls that
// windows-1252 leaves unassigned; everything from NBSP on (a surrogate pair as one code point); and "&'<>`.
const DEFAULT = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x01-\t\x0B\f\x0E-\x1F"&'<>`\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g;
const SAFE_SYMBOLS_KEPT = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x01-\t\x0B\f\x0E-\x1F\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g;
const EVERYTHING = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x01-\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g;
const UNSAFE = /["&'<>`]/g;

function strictUnsupported(): never {
  throw new Error('he strict mode is not bundled in this function (infra/stand-ins/he.ts)');
}

export function encode(text: string, options: EncodeOptions = {}): string {
  if (options.strict) strictUnsupported();
  const pattern = options.encodeEverything ? EVERYTHING : options.allowUnsafeSymbols ? SAFE_SYMBOLS_KEPT : DEFAULT;
  const radix = options.decimal ? 10 : 16;
  return String(text).replace(pattern, (symbol) => {
    const codePoint = symbol.codePointAt(0)!;
    return radix === 16 ? `&#x${codePoint.toString(16).toUpperCase()};` : `&#${codePoint};`;
  });
}

const ESCAPED: Readonly<Record<string, string>> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;', '`': '&#x60;' };

export function escapeUnsafe(text: string): string {
  return String(text).replace(UNSAFE, (symbol) => ESCAPED[symbol]!);
}

export function decode(html: string, options: DecodeOptions = {}): string {
  if (options.strict) strictUnsupported();
  return options.isAttributeValue ? decodeHTMLAttribute(String(html)) : decodeHTML(String(html));
}

export const version = '1.2.0 (stand-in)';

export default { version, encode, decode, escape: escapeUnsafe, unescape: decode };
