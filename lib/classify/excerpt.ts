/**
 * Excerpts for agents in the customer's own characters. The rules match the
 * normalised text (NFKC, lower case, Traditional folded to Simplified, masked
 * profanity unmasked); an agent should read what the customer wrote, with the
 * matched words marked, so positions are carried back to the original.
 */
import { normaliseForMatching } from './normalise.ts';

const RADIUS = 30;
// A character and the combining marks that follow it: normalised together, as NFKC composes them.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/** Where a match sits in the original text; `span` is its place inside `excerpt` (UTF-16 units, end excluded). */
export interface Excerpt {
  readonly excerpt: string;
  readonly span: { start: number; end: number };
}

/**
 * A message's original text and its normalised form (`normaliseForMatching(original)`), able to say where a
 * stretch of the normalised text came from. Built only when something needs an excerpt.
 */
export class OriginalText {
  private walked: Int32Array | null | undefined;

  constructor(
    readonly original: string,
    readonly normalised: string,
  ) {}

  /**
   * [start, end) in the original of normalised [index, index + length), or null when the two cannot be lined up
   * (letters joined back from "f u c k", a final sigma lower-cased in context).
   */
  locate(index: number, length: number): [number, number] | null {
    const { original, normalised } = this;
    // Usually normalising changes no lengths, and then positions are the same: checked on the stretch itself,
    // since a longer and a shorter change elsewhere can cancel out.
    if (original.length === normalised.length) {
      const stretch = normalised.slice(index, index + length);
      // Most matches are in text normalising left as it was: then the stretch is there verbatim, nothing to normalise.
      if (original.startsWith(stretch, index) || normaliseForMatching(original.slice(index, index + length)) === stretch) return [index, index + length];
    }
    const map = this.walk();
    return map ? [map[index]!, map[index + length]!] : null;
  }

  /** One original position per normalised position (and the end), normalising a character and its marks at a time. */
  private walk(): Int32Array | null {
    if (this.walked === undefined) this.walked = walk(this.original, this.normalised);
    return this.walked;
  }

  /** The match at normalised [index, index + length) with up to 30 characters either side, whitespace collapsed. */
  excerptAt(index: number, length: number): Excerpt {
    const located = this.locate(index, length);
    const [text, start, end] = located ? [this.original, located[0], located[1]] : [this.normalised, index, index + length];
    let from = Math.max(0, start - RADIUS);
    let to = Math.min(text.length, end + RADIUS);
    // Never cut an emoji (or any character outside the BMP) in half.
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
    if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to += 1;
    const head = (from > 0 ? '…' : '') + collapse(text.slice(from, start)).trimStart();
    const matched = collapse(text.slice(start, end));
    const tail = collapse(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : '');
    return { excerpt: head + matched + tail, span: { start: head.length, end: head.length + matched.length } };
  }

  /** A stretch of the normalised text (a model n-gram) as the customer wrote it, when it can be found. */
  inOriginal(gram: string): string {
    const at = this.normalised.indexOf(gram);
    const located = at < 0 ? null : this.locate(at, gram.length);
    return located ? this.original.slice(located[0], located[1]) : gram;
  }
}

function walk(original: string, normalised: string): Int32Array | null {
  const map = new Int32Array(normalised.length + 1);
  let out = 0;
  for (const m of original.matchAll(CLUSTER)) {
    const piece = normaliseForMatching(m[0]);
    if (!normalised.startsWith(piece, out)) return null;
    map.fill(m.index, out, out + piece.length);
    out += piece.length;
  }
  if (out !== normalised.length) return null;
  map[out] = original.length;
  return map;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
}

/** Runs of whitespace become one space (a loop rather than a regex: this runs for every signal). */
function collapse(s: string): string {
  if (!needsCollapsing(s)) return s;
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i += 1) {
    const white = isSpace(s.charCodeAt(i));
    if (!white) out += s[i];
    else if (!space) out += ' ';
    space = white;
  }
  return out;
}

/** Whether `s` has whitespace other than single spaces: most excerpts do not, and come back as they are. */
function needsCollapsing(s: string): boolean {
  let space = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (space) return true;
      space = true;
    } else if (isSpace(c)) return true;
    else space = false;
  }
  return false;
}
