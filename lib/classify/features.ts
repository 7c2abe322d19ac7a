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
  /** Character n-gram lengths, inclusive; unigrams only for characters outside ASCII (Han, emoji, CJK punctuation). */
  readonly charMin: number;
  readonly charMax: number;
  /** Latin word n-grams up to this length (0: none). */
  readonly wordMax: number;
  /** Value of a feature seen c times: c, 1 + ln c, or 1. */
  readonly tf: TermWeighting;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { bits: 18, charMin: 1, charMax: 4, wordMax: 2, tf: 'log' };

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
  let out = normaliseForMatching(text).replace(REPLY_PREFIX, '');
  if (CHEAP_HINT.test(out)) out = out.replace(URL, ' ').replace(HANDLE, ' ').replace(ENTITY, ' ').replace(REDACTION, ' ');
  return ` ${out.replace(DIGITS, '0').replace(SPACES, ' ').trim()} `;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b9;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A feature seen in a text: its bucket, where it came from and whether it is a word n-gram (for explanations). */
export type FeatureSink = (bucket: number, start: number, end: number, word: boolean) => void;

function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x30 || code === 0x27 || (code >= 0xe0 && code <= 0x24f);
}

/**
 * Calls `sink` once per feature occurrence of `text` (already `modelText`) and returns how many there were.
 * Positions let a caller show the n-gram behind a weight.
 */
export function forEachFeature(text: string, spec: FeatureSpec, sink: FeatureSink): number {
  const mask = (1 << spec.bits) - 1;
  const n = text.length;
  let count = 0;
  // Character n-grams: one FNV pass per start position covers every length at once.
  for (let i = 0; i < n; i += 1) {
    let h = FNV_OFFSET;
    const last = Math.min(n, i + spec.charMax);
    for (let j = i; j < last; j += 1) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 >= spec.charMin) {
        // A lone Latin letter, digit or space carries nothing; a lone Han character is a word.
        if (j === i && text.charCodeAt(i) < 0x80) continue;
        sink(mix(h) & mask, i, j + 1, false);
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
    sink(mix(h) & mask, start, i, true);
    count += 1;
    if (spec.wordMax >= 2 && previousStart >= 0) {
      sink(mix(Math.imul(previous, 31) ^ h ^ 0x5bd1e995) & mask, previousStart, i, true);
      count += 1;
    }
    previous = h;
    previousStart = start;
  }
  return count;
}

/** How a count of one feature in a text becomes its value (before the text's vector is scaled to length 1). */
export type TermWeighting = 'count' | 'log' | 'binary';

function termValue(count: number, tf: TermWeighting): number {
  return tf === 'count' ? count : tf === 'log' ? 1 + Math.log(count) : 1;
}

/**
 * Turns texts into sparse vectors: one value per distinct bucket, L2-normalised. Scratch arrays are reused from
 * call to call, so classifying allocates almost nothing; not reentrant (one per model, used synchronously).
 */
export class Vectoriser {
  private readonly counts: Uint32Array;
  private touched = new Int32Array(4096);

  constructor(readonly spec: FeatureSpec) {
    this.counts = new Uint32Array(1 << spec.bits);
  }

  /** Calls `visit(bucket, value)` once per distinct feature of `text` (already `modelText`), in first-seen order. */
  vectorise(text: string, visit: (bucket: number, value: number) => void): void {
    const counts = this.counts;
    let distinct = 0;
    forEachFeature(text, this.spec, (b) => {
      if (counts[b] === 0) {
        if (distinct === this.touched.length) {
          const grown = new Int32Array(this.touched.length * 2);
          grown.set(this.touched);
          this.touched = grown;
        }
        this.touched[distinct] = b;
        distinct += 1;
      }
      counts[b] = counts[b]! + 1;
    });
    const touched = this.touched;
    let sumSquares = 0;
    for (let i = 0; i < distinct; i += 1) {
      const v = termValue(counts[touched[i]!]!, this.spec.tf);
      sumSquares += v * v;
    }
    const norm = sumSquares > 0 ? 1 / Math.sqrt(sumSquares) : 0;
    for (let i = 0; i < distinct; i += 1) {
      const b = touched[i]!;
      visit(b, termValue(counts[b]!, this.spec.tf) * norm);
      counts[b] = 0;
    }
  }
}
