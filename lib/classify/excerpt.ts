/**
 * Excerpts for agents in the customer's own characters. The rules match the
 * normalised text (NFKC, lower case, Traditional folded to Simplified, masked
 * profanity unmasked); an agent should read what the customer wrote, with the
 * matched words marked, so positions are carried back to the original.
 */
import { normaliseForMatching } from './normalise.ts';

const RADIUS = 30;

/** Where a match sits in the original text; `span` is its place inside `excerpt` (UTF-16 units, end excluded). */
export interface Excerpt {
  readonly excerpt: string;
  readonly span: { start: number; end: number };
}

/** Maps positions in the normalised text back to positions in the original (one per normalised position, plus the end). */
export type OffsetMap = (normalisedIndex: number) => number;

/**
 * The offset map of `original` and `normalised = normaliseForMatching(original)`: the identity when normalising
 * changed no lengths (almost always), else a walk that normalises one code point at a time; null when even that
 * does not line up (letters joined back from "f u c k", for instance), and excerpts fall back to the normalised text.
 */
export function offsetMap(original: string, normalised: string): OffsetMap | null {
  if (original.length === normalised.length) return (i) => i;
  const map = new Int32Array(normalised.length + 1);
  let out = 0;
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const piece = normaliseForMatching(original.slice(i, i + width));
    if (normalised.startsWith(piece, out) === false) return null;
    for (let k = 0; k < piece.length; k += 1) map[out + k] = i;
    out += piece.length;
    i += width;
  }
  if (out !== normalised.length) return null;
  map[out] = original.length;
  return (i) => map[i]!;
}

/** The match at [index, index + length) of the normalised text, with up to 30 characters either side, whitespace collapsed. */
export function excerptAt(original: string, normalised: string, map: OffsetMap | null, index: number, length: number): Excerpt {
  const [text, start, end] = map ? [original, map(index), map(index + length)] : [normalised, index, index + length];
  const from = Math.max(0, start - RADIUS);
  const to = Math.min(text.length, end + RADIUS);
  const before = collapse(text.slice(from, start));
  const matched = collapse(text.slice(start, end));
  const after = collapse(text.slice(end, to));
  const head = (from > 0 ? '…' : '') + before.trimStart();
  const tail = after.trimEnd() + (to < text.length ? '…' : '');
  return { excerpt: head + matched + tail, span: { start: head.length, end: head.length + matched.length } };
}

/** Runs of whitespace become one space (a loop: excerpts are short and this runs for every signal). */
function collapse(s: string): string {
  let out = '';
  let space = false;
  let clean = true;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const white = c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
    if (white && (space || c !== 0x20)) clean = false;
    space = white;
  }
  if (clean) return s;
  space = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const white = c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
    if (!white) out += s[i];
    else if (!space) out += ' ';
    space = white;
  }
  return out;
}
