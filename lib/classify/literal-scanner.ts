/**
 * Finds many plain strings in a text in one pass. Most lexicon terms are plain
 * words or phrases ("脑残", "unacceptable"); matching them as one long regex
 * alternation costs a test per alternative at every position, while this scanner
 * looks up the first two characters in a table and compares only the few terms
 * that start with them. It finds the Chinese entries' plain terms and the strings
 * the other entries' regexes require (required-strings.ts); terms with regex
 * syntax stay regexes (rules.ts).
 */

export interface Literal {
  readonly text: string;
  /** What the caller reports the literal as (an index it chooses). */
  readonly rule: number;
  /** Found only where no word character (as `\b` counts them) comes just before it, whatever follows. */
  readonly wordStart?: boolean;
}

/** Called for every occurrence, left to right. */
export type LiteralHit = (rule: number, index: number, length: number) => void;

const SINGLE = 1;
/** Literals of exactly two characters start with this character. */
const PAIR = 2;
/** Some literal that starts with this character may start inside a word (the others only where a word starts). */
const INSIDE = 4;
/** Literals of three characters or more start with this character. */
const LONG = 8;

function pairKey(c0: number, c1: number): number {
  return (Math.imul(c0, 0x9e37) ^ c1) & 0xffff;
}

function tripleKey(c0: number, c1: number, c2: number): number {
  return (Math.imul(Math.imul(c0, 0x9e37) ^ c1, 0x85eb) ^ c2) & 0xffff;
}

/** What `\b` counts as a word character (without the `u` flag). */
export function isRegexWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

export class LiteralScanner {
  /** Per first character: which kinds of literal start with it (SINGLE, PAIR, LONG, INSIDE). */
  private readonly first = new Uint8Array(0x10000);
  private readonly singles = new Map<number, Literal[]>();
  /**
   * Buckets by a hash of the first two characters (two-character literals) or three (longer ones): the literals of
   * bucket b are order[from[b], from[b + 1]), longest first, their characters in `codes` from offsets[k].
   */
  // Bucket numbers fit 16 bits (a lexicon has a few thousand strings): half the memory, and more of it in cache.
  private readonly pairs = new Uint16Array(0x10000);
  private readonly triples = new Uint16Array(0x10000);
  private readonly from: Int32Array;
  private readonly order: Literal[];
  private readonly codes: Uint16Array;
  private readonly offsets: Int32Array;

  constructor(literals: readonly Literal[]) {
    const buckets: Literal[][] = [[]];
    for (const literal of literals) {
      const t = literal.text;
      const c0 = t.charCodeAt(0);
      if (!literal.wordStart || !isRegexWordChar(c0)) this.first[c0]! |= INSIDE;
      if (t.length === 1) {
        this.first[c0]! |= SINGLE;
        this.singles.set(c0, [...(this.singles.get(c0) ?? []), literal]);
        continue;
      }
      const [table, key] = t.length === 2 ? [this.pairs, pairKey(c0, t.charCodeAt(1))] : [this.triples, tripleKey(c0, t.charCodeAt(1), t.charCodeAt(2))];
      this.first[c0]! |= t.length === 2 ? PAIR : LONG;
      if (table[key] === 0) {
        if (buckets.length > 0xffff) throw new Error('too many lexicon strings for the literal scanner (more than 65,535 buckets)');
        table[key] = buckets.length;
        buckets.push([]);
      }
      buckets[table[key]!]!.push(literal);
    }
    for (const bucket of buckets) bucket.sort((a, b) => b.text.length - a.text.length);
    this.order = buckets.flat();
    this.from = new Int32Array(buckets.length + 1);
    for (let b = 0; b < buckets.length; b += 1) this.from[b + 1] = this.from[b]! + buckets[b]!.length;
    this.offsets = new Int32Array(this.order.length + 1);
    for (let k = 0; k < this.order.length; k += 1) this.offsets[k + 1] = this.offsets[k]! + this.order[k]!.text.length;
    this.codes = new Uint16Array(this.offsets[this.order.length]!);
    for (let k = 0; k < this.order.length; k += 1) for (let j = 0; j < this.order[k]!.text.length; j += 1) this.codes[this.offsets[k]! + j] = this.order[k]!.text.charCodeAt(j);
  }

  scan(text: string, hit: LiteralHit): void {
    const n = text.length;
    const { first } = this;
    for (let i = 0; i < n; i += 1) {
      const c0 = text.charCodeAt(i);
      const kinds = first[c0]!;
      if (kinds === 0) continue;
      // A word-start literal that starts with a word character can only start where a word does.
      if ((kinds & INSIDE) === 0 && i > 0 && isRegexWordChar(text.charCodeAt(i - 1))) continue;
      if (kinds & SINGLE) for (const literal of this.singles.get(c0)!) report(text, i, literal, hit);
      if (i + 1 >= n) continue;
      const c1 = text.charCodeAt(i + 1);
      if (kinds & LONG && i + 2 < n) this.compare(text, i, this.triples[tripleKey(c0, c1, text.charCodeAt(i + 2))]!, hit);
      if (kinds & PAIR) this.compare(text, i, this.pairs[pairKey(c0, c1)]!, hit);
    }
  }

  /** Reports the literals of bucket `b` found at `i` (longest first). */
  private compare(text: string, i: number, b: number, hit: LiteralHit): void {
    if (b === 0) return;
    const { from, codes, offsets, order } = this;
    const n = text.length;
    for (let k = from[b]!; k < from[b + 1]!; k += 1) {
      const start = offsets[k]!;
      const length = offsets[k + 1]! - start;
      if (i + length > n) continue;
      let j = 0;
      while (j < length && codes[start + j] === text.charCodeAt(i + j)) j += 1;
      if (j === length) report(text, i, order[k]!, hit);
    }
  }
}

/** A literal found at `index`, reported unless it must start a word and does not. */
function report(text: string, index: number, literal: Literal, hit: LiteralHit): void {
  if (!literal.wordStart || index === 0 || !isRegexWordChar(text.charCodeAt(index - 1))) hit(literal.rule, index, literal.text.length);
}

/** A character that is, or may be, regex syntax. */
const REGEX_SYNTAX = /[\\[\](){}?*+|.^$]/;

/** More spellings than this and a term stays a regex. */
const MAX_SPELLINGS = 64;

/**
 * Every string a term can match, when its syntax is only plain characters, `(?:a|b)` groups, `[abc]` sets and `?`
 * (as in "complaints?" or "(?:is|was) down"); null when it uses anything else (\b, \w, `.`, `*`, ranges, lookaround)
 * or has more than MAX_SPELLINGS spellings.
 */
export function spellings(term: string): string[] | null {
  if (term.length === 0) return null;
  // Most terms are plain words: no parse needed (and a parse at every cold start costs milliseconds).
  if (!REGEX_SYNTAX.test(term)) return [term];
  let at = 0;
  const alternation = (): string[] | null => {
    let out: string[] = [];
    for (;;) {
      const seq = sequence();
      if (seq === null) return null;
      out = out.concat(seq);
      if (out.length > MAX_SPELLINGS) return null;
      if (term[at] !== '|') return out;
      at += 1;
    }
  };
  const sequence = (): string[] | null => {
    let out = [''];
    while (at < term.length && term[at] !== '|' && term[at] !== ')') {
      let atom: string[] | null;
      const c = term[at]!;
      if (term.startsWith('(?:', at)) {
        at += 3;
        atom = alternation();
        if (atom === null || term[at] !== ')') return null;
        at += 1;
      } else if (c === '[') {
        const end = term.indexOf(']', at);
        const set = end < 0 ? '' : term.slice(at + 1, end);
        if (set === '' || /[\\^\-[]/.test(set)) return null;
        atom = [...set];
        at = end + 1;
      } else if (c === '\\') {
        const next = term[at + 1];
        if (next === undefined || /[\w]/.test(next)) return null;
        atom = [next];
        at += 2;
      } else if ('^$.*+?(){}'.includes(c)) {
        return null;
      } else {
        atom = [c];
        at += 1;
      }
      if (term[at] === '?') {
        atom = [...atom, ''];
        at += 1;
      }
      const quantifier = term[at];
      if (quantifier === '*' || quantifier === '+' || quantifier === '{') return null;
      out = out.flatMap((prefix) => atom.map((a) => prefix + a));
      if (out.length > MAX_SPELLINGS) return null;
    }
    return out;
  };
  const result = alternation();
  return result !== null && at === term.length && result.every((s) => s.length > 0) ? [...new Set(result)] : null;
}
