import { CATEGORIES, type Category, type Classification, type Signal } from '../domain/ticket.ts';
import { detectLanguage } from './language.ts';
import { normaliseForMatching } from './normalise.ts';
import { DEFAULT_RULES, NEGATION_EN, NEGATION_ZH, type Rule } from './rules.ts';

export interface ClassifyInput {
  readonly subject: string;
  /** Only what the customer wrote in this message: no quoted history, no signature. */
  readonly body: string;
}

/** Longer text is classified on a prefix of this many characters, and the result says so. */
export const MAX_CLASSIFIED_CHARS = 20_000;
const DECISION_THRESHOLD = 0.7;
const EXCERPT_RADIUS = 30;

/**
 * Scores the four categories from rule matches and picks one by precedence:
 * threat > rude > complaint > routine. Pure and deterministic.
 */
export function classify(input: ClassifyInput, rules: readonly Rule[] = DEFAULT_RULES): Classification {
  const whole = `${input.subject}\n${input.body}`;
  const truncated = whole.length > MAX_CLASSIFIED_CHARS;
  const original = truncated ? whole.slice(0, MAX_CLASSIFIED_CHARS) : whole;
  const text = normaliseForMatching(original);
  const language = detectLanguage(original);

  const signals: Signal[] = [];
  const subtypes = new Map<string, number>();
  for (const rule of rules) {
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
    for (const match of text.matchAll(re)) {
      const index = match.index ?? 0;
      if (rule.negatable && isNegated(text, index)) continue;
      signals.push({ category: rule.category, rule: rule.id, excerpt: excerpt(text, index, match[0].length), weight: rule.weight });
      if (rule.subtype) subtypes.set(rule.subtype, (subtypes.get(rule.subtype) ?? 0) + rule.weight);
      break; // one signal per rule is enough evidence; repeats add nothing but noise
    }
  }

  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const s of signals) scores[s.category] = Math.min(1, scores[s.category] + s.weight);
  scores.routine = Math.max(0, 1 - Math.max(scores.threat, scores.rude, scores.complaint));

  const category = (['threat', 'rude', 'complaint'] as const).find((c) => scores[c] >= DECISION_THRESHOLD) ?? 'routine';
  const confidence = round(category === 'routine' ? Math.max(0.5, scores.routine) : scores[category]);
  const nearMiss = (['threat', 'rude', 'complaint'] as const).some(
    (c) => c !== category && scores[c] > 0 && scores[c] < DECISION_THRESHOLD,
  );
  const thin = text.replace(/\s/g, '').length < 3 || language === 'other';
  if (truncated) signals.push({ category, rule: 'input.truncated', excerpt: `classified on the first ${MAX_CLASSIFIED_CHARS} characters`, weight: 0 });

  const subtype = category === 'threat' ? [...subtypes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] : undefined;
  return {
    category,
    confidence,
    language,
    needsReview: nearMiss || thin || confidence < DECISION_THRESHOLD,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, round(scores[c])])) as Record<Category, number>,
    signals,
    ...(subtype ? { subtype } : {}),
  };
}

function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 24), index);
  return NEGATION_EN.test(before) || NEGATION_ZH.test(before);
}

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - EXCERPT_RADIUS);
  const end = Math.min(text.length, index + length + EXCERPT_RADIUS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
