import type { LexiconEntry } from './lexicon.ts';
import { type Literal, termLiterals } from './literal-scanner.ts';
import { type Required, requiredStrings } from './required-strings.ts';

export interface CompiledRule {
  readonly entry: LexiconEntry;
  /** The terms that need a regex, as one global regex; null when every term is plain text. */
  readonly pattern: RegExp | null;
  /** The terms that are plain text (every spelling of them): found by the literal scanner, with the same word-boundary rule. */
  readonly literals: readonly Omit<Literal, 'rule'>[];
  /** Strings one of which any match of `pattern` contains: when none is in a text, the regex need not run. */
  readonly required: Required | null;
}

/** English terms on word boundaries, Chinese terms anywhere; plain terms apart from the ones that need a regex. */
export function compileLexicon(entries: readonly LexiconEntry[]): CompiledRule[] {
  return entries.map((entry) => {
    const bounded = entry.language === 'en';
    const literals: Omit<Literal, 'rule'>[] = [];
    const patterns: string[] = [];
    for (const term of entry.terms) {
      // English terms stay regexes: V8 rejects a \b-anchored alternation of words quickly, and measured faster so.
      const found = bounded ? null : termLiterals(term, 0, bounded);
      if (found) literals.push(...found.map(({ rule: _, ...literal }) => literal));
      else patterns.push(term);
    }
    if (patterns.length === 0) return { entry, pattern: null, literals, required: null };
    const alternation = patterns.map((t) => `(?:${t})`).join('|');
    // \b rather than a lookbehind: measured nearly three times faster in V8 on 1–2 KB bodies.
    const source = bounded ? `\\b(?:${alternation})\\b` : `(?:${alternation})`;
    return { entry, pattern: new RegExp(source, 'g'), literals, required: requiredStrings(source) };
  });
}

export const NEGATION_EN = /\b(?:not|no|never|nor|don'?t|doesn'?t|didn'?t|won'?t|isn'?t|aren'?t|wasn'?t|without|hardly)\s+(?:\S+\s+){0,2}$/;
export const NEGATION_ZH = /(?:不是|不会|不想|没有|并非|不用|不要|无需|别|不|没)[^。！？!?，,]{0,3}$/;
