/**
 * Hashed n-gram features for the learned model, shared by training and
 * classification so both see exactly the same numbers.
 *
 * The text is first normalised like the rules see it (`normaliseForMatching`:
 * NFKC, lower case, unmasked profanity, Traditional folded to Simplified), then
 * stripped of artefacts that say where a text was published rather than what it
 * says (URLs, @handles, HTML entities, redaction marks), digits folded to 0.
 * Features are character n-grams (no word segmentation needed for Chinese) and
 * Latin word unigrams and bigrams, each hashed (FNV-1a + a final mix) into one
 * of 2^bits buckets. No vocabulary is stored: the model is weights only.
 */
import { normaliseForMatching } from './normalise.ts';

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  readonly bits: number;
  /** Character n-gram lengths, inclusive. */
  readonly charMin: number;
  readonly charMax: number;
  /**
   * The shortest character n-gram that starts with an ASCII character (Latin letters, digits, spaces): a single
   * Latin letter means nothing, and English is also read as words. Han n-grams start at `charMin`.
   */
  readonly asciiMin: number;
  /** Latin word n-grams up to this length (0: none). */
  readonly wordMax: number;
  /** Value of a feature seen c times: c, 1 + ln c, or 1. */
  readonly tf: TermWeighting;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { bits: 18, charMin: 1, charMax: 4, asciiMin: 2, wordMax: 2, tf: 'log' };

const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const HANDLE = /@\w+/g;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/g;
// CFPB-style redactions (XXXX, XX/XX/XXXX) and {$12.00} amounts.
const REDACTION = /\bx{2,}\b|\{\$[\d.,]+\}/g;
const DIGITS = /\d+/g;
const SPACES = /\s+/g;
const CHEAP_HINT = /[@&{]|https?:|www\.|xx/;
// Reply and forward markers at the start of a subject say nothing about the message.
const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|sv|回复|答复|转发|回覆|轉發)\s*[:：]\s*)+/;

/** The text the model reads: normalised, source artefacts removed, digits folded, whitespace collapsed. */
export function modelText(text: string): string {
  return modelTextOfNormalised(normaliseForMatching(text));
}

/** `modelText` of a text already passed through `normaliseForMatching` (the classifier has it at hand). */
export function modelTextOfNormalised(normalised: string): string {
  let out = normalised.replace(REPLY_PREFIX, '');
  if (CHEAP_HINT.test(out)) out = stripArtefacts(out);
  const core = out.replace(DIGITS, '0').replace(SPACES, ' ').trim();
  return core === '' ? ' ' : ` ${core} `;
}

function stripArtefacts(text: string): string {
  return text.replace(URL, ' ').replace(HANDLE, ' ').replace(ENTITY, ' ').replace(REDACTION, ' ');
}

/** Exactly the characters \s matches. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b9;

// Fibonacci hashing: one multiplication spreads FNV's state, and the top bits pick the bucket.
const GOLDEN = 0x9e3779b1;

/** A feature seen in a text: its bucket, where it came from and whether it is a word n-gram (for explanations). */
export type FeatureSink = (bucket: number, start: number, end: number, word: boolean) => void;

function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x30 || code === 0x27 || (code >= 0xe0 && code <= 0x24f);
}

/**
 * Calls `sink` once per feature occurrence of `text` (already `modelText`) and returns how many there were.
 * Positions let a caller show the n-gram behind a weight.
 */
export function forEachFeature(text: string, spec: FeatureSpec, sink: FeatureSink): number {
  const shift = 32 - spec.bits;
  const n = text.length;
  let count = 0;
  // Character n-grams: one FNV pass per start position covers every length at once.
  for (let i = 0; i < n; i += 1) {
    let h = FNV_OFFSET;
    const last = Math.min(n, i + spec.charMax);
    for (let j = i; j < last; j += 1) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 >= spec.charMin) {
        if (j - i + 1 < spec.asciiMin && text.charCodeAt(i) < 0x80) continue;
        sink(Math.imul(h, GOLDEN) >>> shift, i, j + 1, false);
        count += 1;
      }
    }
  }
  if (spec.wordMax === 0) return count;
  // Latin words and word bigrams.
  let previous = 0;
  let previousStart = -1;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      // Sentence punctuation breaks a bigram; spaces do not.
      const c = text.charCodeAt(i);
      if (c !== 0x20) previousStart = -1;
      i += 1;
      continue;
    }
    const start = i;
    let h = WORD_SEED;
    while (i < n && isWordChar(text.charCodeAt(i))) {
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      i += 1;
    }
    sink(Math.imul(h, GOLDEN) >>> shift, start, i, true);
    count += 1;
    if (spec.wordMax >= 2 && previousStart >= 0) {
      sink(Math.imul(Math.imul(previous, 31) ^ h ^ 0x5bd1e995, GOLDEN) >>> shift, previousStart, i, true);
      count += 1;
    }
    previous = h;
    previousStart = start;
  }
  return count;
}

/** How a count of one feature in a text becomes its value (before the text's vector is scaled to length 1). */
export type TermWeighting = 'count' | 'log' | 'binary';

const LOG_TABLE = Float64Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));

function termValue(count: number, tf: TermWeighting): number {
  return tf === 'count' ? count : tf === 'log' ? (count < 256 ? LOG_TABLE[count]! : 1 + Math.log(count)) : 1;
}

/**
 * Turns texts into sparse vectors: one value per distinct bucket, L2-normalised, plus where each bucket was first
 * seen (for explanations). Scratch arrays are reused from call to call, so classifying allocates almost nothing;
 * the result is valid until the next call (one vectoriser per model, used synchronously).
 *
 * The hashing is `forEachFeature`'s, written out inline here because this is the hot path.
 */
export class Vectoriser {
  private readonly counts: Uint16Array;
  /** Distinct buckets of the last text, in first-seen order, and their values. */
  buckets = new Int32Array(4096);
  values = new Float64Array(4096);
  size = 0;
  /**
   * The features an agent could read as evidence (words, word pairs, Chinese n-grams of two or more characters that
   * start and end with a Han character), as indexes into `buckets`, with the span of their first occurrence. Kept
   * apart so explaining a decision never walks the thousands of Latin character n-grams.
   */
  shown = new Int32Array(4096);
  shownStarts = new Int32Array(4096);
  shownEnds = new Int32Array(4096);
  shownSize = 0;
  /** The characters of the last text, as the model reads them. */
  private codes = new Uint16Array(4096);
  private length = 0;
  /** Increases with every call, so a caller can tell whether the scratch still holds its text. */
  generation = 0;
  private readonly shift: number;

  constructor(readonly spec: FeatureSpec) {
    this.counts = new Uint16Array(1 << spec.bits);
    this.shift = 32 - spec.bits;
  }

  private grow(atLeast: number): void {
    const n = Math.max(atLeast, this.buckets.length * 2);
    // Called before a text is vectorised: nothing in the scratch needs keeping.
    this.buckets = new Int32Array(n);
    this.values = new Float64Array(n);
    this.shown = new Int32Array(n);
    this.shownStarts = new Int32Array(n);
    this.shownEnds = new Int32Array(n);
  }

  /** Vectorises `text` (already `modelText`) into `buckets`/`values` [0, size). */
  vectorise(text: string): void {
    const n = text.length;
    if (this.codes.length < n) this.codes = new Uint16Array(Math.max(n, this.codes.length * 2));
    for (let i = 0; i < n; i += 1) this.codes[i] = text.charCodeAt(i);
    this.length = n;
    this.vectoriseCodes();
  }

  /**
   * Vectorises a text already through `normaliseForMatching`: the same as `vectorise(modelTextOfNormalised(t))`,
   * with digits and whitespace folded in one pass over the characters instead of three string replacements.
   */
  vectoriseNormalised(normalised: string): void {
    let text = normalised.replace(REPLY_PREFIX, '');
    if (CHEAP_HINT.test(text)) text = stripArtefacts(text);
    const n = text.length;
    if (this.codes.length < n + 2) this.codes = new Uint16Array(Math.max(n + 2, this.codes.length * 2));
    const codes = this.codes;
    let out = 0;
    codes[out++] = 0x20;
    let previousDigit = false;
    for (let i = 0; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if ((c > 0x39 && c < 0x80) || (c > 0x3000 && c !== 0xfeff)) {
        // The common cases first: a Latin letter or punctuation other than digits and spaces, or a Han character
        // (nothing above U+3000 is a space or an ASCII digit, except U+FEFF).
        codes[out++] = c;
        previousDigit = false;
      } else if (isSpace(c)) {
        if (codes[out - 1] !== 0x20) codes[out++] = 0x20;
        previousDigit = false;
      } else if (c >= 0x30 && c <= 0x39) {
        if (!previousDigit) codes[out++] = 0x30;
        previousDigit = true;
      } else {
        codes[out++] = c;
        previousDigit = false;
      }
    }
    if (codes[out - 1] !== 0x20) codes[out++] = 0x20;
    this.length = out;
    this.vectoriseCodes();
  }

  /** The characters of the last text between two positions (for explanations). */
  slice(start: number, end: number): string {
    return String.fromCharCode(...this.codes.subarray(start, end));
  }

  private vectoriseCodes(): void {
    this.generation += 1;
    const { charMin, charMax, wordMax, asciiMin } = this.spec;
    const shift = this.shift;
    const counts = this.counts;
    const text = this.codes;
    const n = this.length;
    // Every character starts at most charMax n-grams and one word pair: room for all of them up front.
    if (this.buckets.length < n * (charMax + 2) + 8) this.grow(n * (charMax + 2) + 8);
    const { buckets, shown, shownStarts, shownEnds } = this;
    const asciiFrom = Math.max(charMin, asciiMin);
    let size = 0;
    let shownSize = 0;
    for (let i = 0; i < n; i += 1) {
      let h = FNV_OFFSET;
      const last = Math.min(n, i + charMax);
      const lead = text[i]!;
      const hanLead = isHan(lead);
      // The first n-gram length to emit from here: longer when the n-gram starts with an ASCII character.
      const from = i + (lead < 0x80 ? asciiFrom : charMin) - 1;
      for (let j = i; j < last; j += 1) {
        h = Math.imul(h ^ text[j]!, FNV_PRIME);
        if (j < from) continue;
        const b = Math.imul(h, GOLDEN) >>> shift;
        const c = counts[b]!;
        if (c === 0) {
          if (hanLead && j > i && isHan(text[j]!)) {
            shown[shownSize] = size;
            shownStarts[shownSize] = i;
            shownEnds[shownSize] = j + 1;
            shownSize += 1;
          }
          buckets[size] = b;
          size += 1;
        }
        if (c < 0xffff) counts[b] = c + 1;
      }
    }
    if (wordMax > 0) {
      let previous = 0;
      let previousStart = -1;
      let i = 0;
      while (i < n) {
        const code = text[i]!;
        if (!isWordChar(code)) {
          if (code !== 0x20) previousStart = -1;
          i += 1;
          continue;
        }
        const start = i;
        let h = WORD_SEED;
        while (i < n && isWordChar(text[i]!)) {
          h = Math.imul(h ^ text[i]!, FNV_PRIME);
          i += 1;
        }
        const kinds = wordMax >= 2 && previousStart >= 0 ? 2 : 1;
        for (let k = 1; k <= kinds; k += 1) {
          const b = (k === 1 ? Math.imul(h, GOLDEN) : Math.imul(Math.imul(previous, 31) ^ h ^ 0x5bd1e995, GOLDEN)) >>> shift;
          const c = counts[b]!;
          if (c === 0) {
            shown[shownSize] = size;
            shownStarts[shownSize] = k === 1 ? start : previousStart;
            shownEnds[shownSize] = i;
            shownSize += 1;
            buckets[size] = b;
            size += 1;
          }
          if (c < 0xffff) counts[b] = c + 1;
        }
        previous = h;
        previousStart = start;
      }
    }
    this.size = size;
    this.shownSize = shownSize;
    const tf = this.spec.tf;
    let sumSquares = 0;
    for (let i = 0; i < this.size; i += 1) {
      const b = this.buckets[i]!;
      const v = termValue(this.counts[b]!, tf);
      this.values[i] = v;
      sumSquares += v * v;
      this.counts[b] = 0;
    }
    const norm = sumSquares > 0 ? 1 / Math.sqrt(sumSquares) : 0;
    for (let i = 0; i < this.size; i += 1) this.values[i] = this.values[i]! * norm;
  }
}
