import { type CompiledRule, compileLexicon, NEGATION_EN, NEGATION_ZH } from './compile-lexicon.ts';
import { HAN } from './language.ts';
import type { LexiconEntry } from './lexicon.ts';
import { LiteralScanner } from './literal-scanner.ts';

const NONE = 0x7fffffff;

/** Entries and one scanner for all their plain terms. */
export interface RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly scanner: LiteralScanner;
  /** Scratch for one text at a time (scoring is synchronous): where each entry's plain terms were first found. */
  readonly found: Int32Array;
  readonly lengths: Int32Array;
  /** Whether a string the entry's regex requires is in the text. */
  readonly possible: Uint8Array;
  /** Where the first negated occurrence of the entry's plain terms is (Infinity-like when none). */
  readonly negatedAt: Int32Array;
  /** Whether a match of the entry's regex was negated (its exec loop then skipped what lay inside that match). */
  readonly negatedRegex: Uint8Array;
}

export interface CompiledRules {
  readonly en: RuleSet;
  /** English then Chinese entries, for text with Han characters. */
  readonly all: RuleSet;
}

/** An entry that matched, and where its first occurrence is in the normalised text. */
export interface RuleHit {
  readonly entry: LexiconEntry;
  readonly index: number;
  readonly length: number;
}

/** What the rules found in one (normalised) text. */
export interface RuleScores {
  /** Sum of the weights of the entries that matched, capped at 1, per ranked category. */
  readonly threat: number;
  readonly rude: number;
  readonly complaint: number;
  /** One per matching entry: the English entries first, then the Chinese ones, each in lexicon order. */
  readonly hits: RuleHit[];
  /** The threat subtype with the most weight, if any threat entry matched. */
  readonly subtype?: string;
}

export function compileRules(lexicon: readonly LexiconEntry[]): CompiledRules {
  const rules = compileLexicon(lexicon);
  const en = rules.filter((r) => r.entry.language === 'en');
  const all = [...en, ...rules.filter((r) => r.entry.language === 'zh')];
  // English entries come first in `all`, so an entry has the same index in both sets, and one scanner serves both.
  const scanner = scannerOf(all);
  return { en: ruleSet(en, scanner), all: ruleSet(all, scanner) };
}

/** Marks a scanner hit as a string an entry's regex requires (REQUIRED | the entry's index), not one of its plain terms. */
const REQUIRED = 1 << 24;

/**
 * One scanner finds, in one pass, the entries' plain terms (reported as the entry's index) and the strings their
 * regexes require (reported as REQUIRED | the entry's index).
 */
function scannerOf(rules: readonly CompiledRule[]): LiteralScanner {
  const terms = rules.flatMap((r, rule) => r.literals.map((text) => ({ text, rule })));
  const required = rules.flatMap((r, rule) => (r.required?.strings ?? []).map((text) => ({ text, rule: REQUIRED | rule, wordStart: r.required!.atWordStart })));
  return new LiteralScanner([...terms, ...required]);
}

function ruleSet(rules: readonly CompiledRule[], scanner: LiteralScanner): RuleSet {
  const n = rules.length;
  const scratch = { found: new Int32Array(n), lengths: new Int32Array(n), possible: new Uint8Array(n), negatedAt: new Int32Array(n), negatedRegex: new Uint8Array(n) };
  return { rules, scanner, ...scratch };
}

/**
 * Matches every lexicon entry against text already passed through `normaliseForMatching`: for each entry its
 * leftmost occurrence that no negation precedes, plain terms by the scanner, the others by the entry's regex.
 * Deterministic; uses the rule set's scratch arrays, so one text at a time.
 */
export function scoreRules(text: string, rules: CompiledRules): RuleScores {
  const { rules: list, scanner, found, lengths, possible, negatedAt, negatedRegex } = HAN.test(text) ? rules.all : rules.en;
  const n = list.length;
  found.fill(-1);
  possible.fill(0);
  negatedAt.fill(NONE);
  negatedRegex.fill(0);
  scanner.scan(text, (hit, index, length) => {
    const r = hit & ~REQUIRED;
    // The scanner serves both sets: entries beyond this set's (Chinese ones, for text without Han) are not scored.
    if (r >= n) return;
    if (hit !== r) {
      possible[r] = 1;
      return;
    }
    if (found[r]! >= 0) return;
    const entry = list[r]!.entry;
    if (entry.negatable && isNegated(text, index, entry.language)) negatedAt[r] = Math.min(negatedAt[r]!, index);
    else {
      found[r] = index;
      lengths[r] = length;
    }
  });
  const hits: RuleHit[] = [];
  let subtypeWeight: Map<string, number> | undefined;
  for (let r = 0; r < n; r += 1) {
    const { entry, required, whole } = list[r]!;
    // An entry whose regex requires strings none of which is in the text cannot match there.
    const pattern = required && possible[r] === 0 ? null : list[r]!.pattern;
    let match = pattern ? firstMatch(text, pattern, entry, found[r]!, negatedRegex, r) : null;
    if (!match && found[r]! >= 0) match = { index: found[r]!, length: lengths[r]! };
    // After a negated occurrence the plain way and the fast one can part (a later term inside the negated match
    // would count here, not there): then the entry's whole alternation is matched exactly as defined. Only a
    // negation before the occurrence chosen matters, or one inside the regex's own matches (which hid the rest).
    if (whole && (negatedRegex[r] || (match && negatedAt[r]! < match.index))) match = firstMatch(text, whole, entry, -1, negatedRegex, r);
    if (!match) continue;
    // One signal per entry: repeating a word adds no evidence.
    hits.push({ entry, index: match.index, length: match.length });
    if (entry.subtype) {
      subtypeWeight ??= new Map();
      subtypeWeight.set(entry.subtype, (subtypeWeight.get(entry.subtype) ?? 0) + entry.weight);
    }
  }
  const raw = { threat: 0, rude: 0, complaint: 0 };
  for (const { entry } of hits) raw[entry.category] += entry.weight;
  let subtype: string | undefined;
  let best = -Infinity;
  // The first subtype with the most weight (entries are visited as `hits` lists them).
  for (const [name, weight] of subtypeWeight ?? []) if (weight > best) [subtype, best] = [name, weight];
  return {
    threat: Math.min(1, raw.threat),
    rude: Math.min(1, raw.rude),
    complaint: Math.min(1, raw.complaint),
    hits,
    ...(subtype ? { subtype } : {}),
  };
}

/**
 * The entry's first match of `pattern` that no negation precedes, looking only before `before` when it is set
 * (a plain term was found there); a negated match is noted in `negated`.
 */
function firstMatch(text: string, pattern: RegExp, entry: LexiconEntry, before: number, negated: Uint8Array, r: number): { index: number; length: number } | null {
  // exec on the shared regex, not matchAll: matchAll clones the regex on every call, which dominated the profile.
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null && (before < 0 || m.index < before); m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex += 1;
    if (entry.negatable && isNegated(text, m.index, entry.language)) {
      negated[r] = 1;
      continue;
    }
    return { index: m.index, length: m[0].length };
  }
  return null;
}

function isNegated(text: string, index: number, language: 'en' | 'zh'): boolean {
  const before = text.slice(Math.max(0, index - 30), index);
  return language === 'en' ? NEGATION_EN.test(before) : NEGATION_ZH.test(before);
}
