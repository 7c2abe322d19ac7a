import type { Signal } from '../domain/ticket.ts';
import { type CompiledRule, compileLexicon, NEGATION_EN, NEGATION_ZH } from './compile-lexicon.ts';
import type { LexiconEntry } from './lexicon.ts';

const EXCERPT_RADIUS = 30;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface CompiledRules {
  readonly en: readonly CompiledRule[];
  readonly zh: readonly CompiledRule[];
  /** English then Chinese entries, for text with Han characters. */
  readonly all: readonly CompiledRule[];
}

/** What the rules found in one (normalised) text. */
export interface RuleScores {
  /** Sum of the weights of the entries that matched, capped at 1, per ranked category. */
  readonly threat: number;
  readonly rude: number;
  readonly complaint: number;
  readonly signals: Signal[];
  /** The threat subtype with the most weight, if any threat entry matched. */
  readonly subtype?: string;
}

export function compileRules(lexicon: readonly LexiconEntry[]): CompiledRules {
  const rules = compileLexicon(lexicon);
  const en = rules.filter((r) => r.entry.language === 'en');
  const zh = rules.filter((r) => r.entry.language === 'zh');
  return { en, zh, all: [...en, ...zh] };
}

/** Matches every lexicon entry against text already passed through `normaliseForMatching`. Pure. */
export function scoreRules(text: string, rules: CompiledRules): RuleScores {
  const signals: Signal[] = [];
  let subtypeWeight: Map<string, number> | undefined;
  const list = HAN.test(text) ? rules.all : rules.en;
  for (const { entry, pattern } of list) {
    // exec on the shared regex, not matchAll: matchAll clones the regex on every call, which dominated the profile.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex += 1;
      if (entry.negatable && isNegated(text, match.index, entry.language)) continue;
      signals.push({ category: entry.category, rule: entry.id, excerpt: excerpt(text, match.index, match[0].length), weight: entry.weight });
      if (entry.subtype) {
        subtypeWeight ??= new Map();
        subtypeWeight.set(entry.subtype, (subtypeWeight.get(entry.subtype) ?? 0) + entry.weight);
      }
      break; // one signal per entry: repeating a word adds no evidence
    }
  }
  const raw = { threat: 0, rude: 0, complaint: 0 };
  for (const s of signals) if (s.category !== 'routine') raw[s.category] += s.weight;
  let subtype: string | undefined;
  let best = -Infinity;
  // The first subtype with the most weight (entries are visited in lexicon order).
  for (const [name, weight] of subtypeWeight ?? []) if (weight > best) [subtype, best] = [name, weight];
  return {
    threat: Math.min(1, raw.threat),
    rude: Math.min(1, raw.rude),
    complaint: Math.min(1, raw.complaint),
    signals,
    ...(subtype ? { subtype } : {}),
  };
}

function isNegated(text: string, index: number, language: 'en' | 'zh'): boolean {
  const before = text.slice(Math.max(0, index - 30), index);
  return language === 'en' ? NEGATION_EN.test(before) : NEGATION_ZH.test(before);
}

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - EXCERPT_RADIUS);
  const end = Math.min(text.length, index + length + EXCERPT_RADIUS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
