/**
 * What a regex cannot match without: a set of strings at least one of which
 * occurs in every match (the "prefilter" idea of RE2 and Hyperscan). An entry
 * whose required strings are all absent from a text cannot match it, so its
 * regex need not run: most lexicon entries are absent from most mail.
 *
 * Deriving them takes tens of milliseconds before the JIT warms up, too much
 * for a cold start, so it runs when the lexicon changes (`npm run
 * lexicon:prefilter` writes `model/prefilter.json`, a unit test checks it is
 * current) and the classifier only reads the result.
 */
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { compileLexicon, PREFILTER_FORMAT, type Prefilter, prefilterKey, type Required } from './compile-lexicon.ts';
import type { LexiconEntry } from './lexicon.ts';
import { isRegexWordChar } from './literal-scanner.ts';

/** What is known of the strings a node matches. */
interface Info {
  /** Every string it can match, when there are few (a zero-width node matches ''). */
  readonly exact: readonly string[] | null;
  /** Strings one of which every match contains (never ''), when known. */
  readonly some: Required | null;
  /** The exact strings always begin a word (a `\b` before them, inside or outside the node). */
  readonly exactAtWordStart?: boolean;
}

const MAX_STRINGS = 32;
const MAX_CLASS = 8;
/** Required strings are cut to this many characters. */
const PREFIX = 12;
const NOTHING: Info = { exact: null, some: null };
const EMPTY: Info = { exact: [''], some: null };

/** Shorter required strings are too common to be worth a test ("i", "we", a single Han character). */
function useful(s: string): boolean {
  return s.length >= 3 || (s.length === 2 && s.charCodeAt(0) >= 0x2e80 && s.charCodeAt(1) >= 0x2e80);
}

/**
 * Strings one of which every match of `source` (a regex without the `u` flag) contains, or null when no useful set
 * is known and the regex must always run. Sound by construction: it only claims what every path through the
 * pattern matches.
 */
export function requiredStrings(source: string): Required | null {
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: false, unicodeSets: false });
  } catch {
    return null;
  }
  const found = anchors(alternatives(pattern.alternatives, false));
  if (!found?.strings.every(useful)) return null;
  // A prefix of a required string is required too: short prefixes make fewer, cheaper tests.
  const prefixes = [...new Set(found.strings.map((s) => s.slice(0, PREFIX)))].sort((a, b) => a.length - b.length);
  const strings = prefixes.filter((s, i) => !prefixes.slice(0, i).some((p) => s.startsWith(p)));
  return { strings, atWordStart: found.atWordStart };
}

/** The prefilter of a lexicon: each entry's regex (by key) and the strings it requires, or null when none are known. */
export function buildPrefilter(lexicon: readonly LexiconEntry[]): Prefilter {
  const entries: Record<string, Required | null> = {};
  for (const { pattern } of compileLexicon(lexicon)) if (pattern) entries[prefilterKey(pattern.source)] = requiredStrings(pattern.source);
  return { format: PREFILTER_FORMAT, entries };
}

/** The node's own required strings: its exact strings or what it requires inside. */
function anchors(info: Info): Required | null {
  if (info.exact && !info.exact.includes('')) return { strings: info.exact, atWordStart: (info.exactAtWordStart ?? false) && startWithWordChars(info.exact) };
  return info.some;
}

function startWithWordChars(strings: readonly string[]): boolean {
  return strings.every((s) => isRegexWordChar(s.charCodeAt(0)));
}

function alternatives(list: readonly AST.Alternative[], atBoundary: boolean): Info {
  const exact = new Set<string>();
  let exactKnown = true;
  const some = new Set<string>();
  let someKnown = true;
  let atWordStart = true;
  let exactAtWordStart = true;
  for (const alt of list) {
    const i = sequence(alt, atBoundary);
    if (exactKnown && i.exact && exact.size + i.exact.length <= MAX_STRINGS * 2) for (const x of i.exact) exact.add(x);
    else exactKnown = false;
    exactAtWordStart &&= i.exactAtWordStart ?? false;
    const a = someKnown ? anchors(i) : null;
    if (a) for (const x of a.strings) some.add(x);
    else someKnown = false;
    atWordStart &&= a?.atWordStart ?? false;
  }
  return {
    exact: exactKnown && exact.size <= MAX_STRINGS ? [...exact] : null,
    some: someKnown ? { strings: [...some], atWordStart } : null,
    exactAtWordStart,
  };
}

function sequence(alt: AST.Alternative, atBoundary: boolean): Info {
  let run: string[] = [''];
  // Whether the current run of exact strings starts right after a word boundary.
  let runAtBoundary = atBoundary;
  // Whether the next element starts right after one (the sequence start, or a \b just before).
  let boundary = atBoundary;
  let broken = false;
  const candidates: Required[] = [];
  const close = () => {
    if (!run.includes('')) candidates.push({ strings: run, atWordStart: runAtBoundary && startWithWordChars(run) });
  };
  const elements = alt.elements;
  for (let e = 0; e < elements.length; e += 1) {
    const element = elements[e]!;
    let i = node(element, boundary);
    // Plain characters in a row are one string: one product for the lot rather than one per character.
    if (element.type === 'Character') {
      let text = i.exact![0]!;
      while (elements[e + 1]?.type === 'Character') text += String.fromCharCode((elements[++e] as AST.Character).value);
      i = { exact: [text], some: null, exactAtWordStart: boundary };
    }
    const isBoundary = element.type === 'Assertion' && element.kind === 'word' && !element.negate;
    if (i.exact) {
      if (run.length === 1 && run[0] === '') runAtBoundary = boundary || (i.exactAtWordStart ?? false);
      const product = run.flatMap((a) => i.exact!.map((b) => a + b));
      if (product.length <= MAX_STRINGS) run = product;
      else {
        // Too many spellings to keep: what ran so far, and this element on its own, are each required.
        close();
        broken = true;
        run = [...i.exact];
        runAtBoundary = boundary || (i.exactAtWordStart ?? false);
      }
    } else {
      broken = true;
      close();
      if (i.some) candidates.push(i.some);
      run = [''];
    }
    // A zero-width element keeps the place; a \b marks it as a word boundary.
    boundary = isBoundary || (boundary && i.exact !== null && i.exact.length === 1 && i.exact[0] === '');
  }
  if (!broken) return { exact: run, some: null, exactAtWordStart: runAtBoundary };
  close();
  return { exact: null, some: best(candidates) };
}

/**
 * The set worth testing: one whose strings are all worth a test (any required set is sound, but one holding "if"
 * or "or" would make the entry always run), then the longest shortest string, then the fewest strings; word starts
 * preferred on a tie.
 */
function best(sets: readonly Required[]): Required | null {
  let chosen: Required | null = null;
  let score = -Infinity;
  for (const set of sets) {
    const shortest = Math.min(...set.strings.map((s) => s.length));
    const s = (set.strings.every(useful) ? 1000 : 0) + Math.min(shortest, 8) * 8 - Math.log2(set.strings.length) + (set.atWordStart ? 4 : 0);
    if (s > score) [chosen, score] = [set, s];
  }
  return chosen;
}

function node(n: AST.Element, atBoundary: boolean): Info {
  switch (n.type) {
    case 'Character':
      return { exact: [String.fromCharCode(n.value)], some: null, exactAtWordStart: atBoundary };
    case 'CharacterClass':
      return { ...characterClass(n), exactAtWordStart: atBoundary };
    case 'Assertion':
      // Zero-width: \b, ^, $ and lookarounds add no characters to the match.
      return EMPTY;
    case 'Group':
    case 'CapturingGroup':
      return alternatives(n.alternatives, atBoundary);
    case 'Quantifier': {
      // Only the first repetition starts where the quantifier does.
      const inner = node(n.element, atBoundary && n.max === 1);
      // Skipped, an optional part takes its own \b with it: what follows need not start a word.
      if (n.min === 0) return n.max === 1 && inner.exact ? { exact: [...new Set([...inner.exact, ''])], some: null, exactAtWordStart: false } : NOTHING;
      return { exact: n.min === 1 && n.max === 1 ? inner.exact : null, some: anchors(inner), exactAtWordStart: inner.exactAtWordStart };
    }
    default:
      // \w, \s, ., back-references: any of many characters.
      return NOTHING;
  }
}

function characterClass(n: AST.CharacterClass): Info {
  if (n.negate) return NOTHING;
  const chars: string[] = [];
  for (const e of n.elements) {
    if (e.type === 'Character') chars.push(String.fromCharCode(e.value));
    else if (e.type === 'CharacterClassRange' && e.max.value - e.min.value < MAX_CLASS) {
      for (let c = e.min.value; c <= e.max.value; c += 1) chars.push(String.fromCharCode(c));
    } else return NOTHING;
    if (chars.length > MAX_CLASS) return NOTHING;
  }
  return { exact: [...new Set(chars)], some: null };
}
