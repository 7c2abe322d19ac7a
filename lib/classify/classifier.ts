import { CATEGORIES, type Category, type Classification, type Signal } from '../domain/ticket.ts';
import { type CompiledRule, compileLexicon, NEGATION_EN, NEGATION_ZH } from './compile-lexicon.ts';
import { detectLanguage } from './language.ts';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { normaliseForMatching } from './normalise.ts';

export interface ClassifyInput {
  readonly subject: string;
  /** Only what the customer wrote in this message: no quoted history, no signature. */
  readonly body: string;
}

/** Longer text is classified on a prefix of this many characters, and the result says so. */
export const MAX_CLASSIFIED_CHARS = 20_000;

export interface Thresholds {
  /** Score at which a category wins, checked in precedence order threat > rude > complaint. */
  readonly threat: number;
  readonly rude: number;
  readonly complaint: number;
  /** A losing category scoring at least this much makes the decision "close": needsReview. */
  readonly review: number;
  /** A winning score below this is thin evidence: needsReview. */
  readonly confident: number;
}

// Complaint wins on any sign of trouble: a needless apology costs little, a missed complaint loses the customer.
// Thin evidence (below \`confident\`) is flagged for review instead.
export const DEFAULT_THRESHOLDS: Thresholds = { threat: 0.75, rude: 0.6, complaint: 0.35, review: 0.35, confident: 0.7 };

const EXCERPT_RADIUS = 30;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
// At least three letters or digits somewhere: stops at the third, so it costs little on long mail.
const THREE_WORD_CHARACTERS = /[\p{L}\p{N}][^]*?[\p{L}\p{N}][^]*?[\p{L}\p{N}]/u;
const RANKED = ['threat', 'rude', 'complaint'] as const;

export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

/** Builds a classifier from a lexicon and thresholds; compiled once, reused for every message. */
export function createClassifier(lexicon = DEFAULT_LEXICON, thresholds: Thresholds = DEFAULT_THRESHOLDS): Classifier {
  const rules = compileLexicon(lexicon);
  const en = rules.filter((r) => r.entry.language === 'en');
  const zh = rules.filter((r) => r.entry.language === 'zh');
  return { classify: (input) => classifyWith(input, en, zh, thresholds) };
}

/** Compiled once per container, at import; reuse it rather than compiling the lexicon again. */
export const defaultClassifier = createClassifier();

/**
 * Scores the four categories from lexicon matches and picks one by precedence:
 * threat > rude > complaint > routine. Pure and deterministic.
 */
export function classify(input: ClassifyInput): Classification {
  return defaultClassifier.classify(input);
}

function classifyWith(input: ClassifyInput, en: readonly CompiledRule[], zh: readonly CompiledRule[], thresholds: Thresholds): Classification {
  const whole = `${input.subject ?? ''}\n${input.body ?? ''}`;
  const truncated = whole.length > MAX_CLASSIFIED_CHARS;
  const original = truncated ? whole.slice(0, MAX_CLASSIFIED_CHARS) : whole;
  const text = normaliseForMatching(original);
  const language = detectLanguage(original);

  const signals: Signal[] = [];
  const subtypeWeight = new Map<string, number>();
  const rules = HAN.test(text) ? [...en, ...zh] : en;
  for (const { entry, pattern } of rules) {
    // exec on the shared regex, not matchAll: matchAll clones the regex on every call, which dominated the profile.
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
      if (match[0].length === 0) pattern.lastIndex += 1;
      if (entry.negatable && isNegated(text, match.index, entry.language)) continue;
      signals.push({ category: entry.category, rule: entry.id, excerpt: excerpt(text, match.index, match[0].length), weight: entry.weight });
      if (entry.subtype) subtypeWeight.set(entry.subtype, (subtypeWeight.get(entry.subtype) ?? 0) + entry.weight);
      break; // one signal per entry: repeating a word adds no evidence
    }
  }

  const raw = { threat: 0, rude: 0, complaint: 0 };
  for (const s of signals) if (s.category !== 'routine') raw[s.category] += s.weight;
  const scores = {
    threat: Math.min(1, raw.threat),
    rude: Math.min(1, raw.rude),
    complaint: Math.min(1, raw.complaint),
    routine: 0,
  } satisfies Record<Category, number>;
  scores.routine = Math.max(0, 1 - Math.max(scores.threat, scores.rude, scores.complaint));

  const category: Category = RANKED.find((c) => scores[c] >= thresholds[c]) ?? 'routine';
  const confidence = category === 'routine' ? scores.routine : scores[category];
  const close = RANKED.some((c) => c !== category && scores[c] >= thresholds.review && scores[c] < thresholds[c]);
  const thin = !THREE_WORD_CHARACTERS.test(text) || language === 'other';
  if (truncated) signals.push({ category, rule: 'input.truncated', excerpt: `classified on the first ${MAX_CLASSIFIED_CHARS} characters`, weight: 0 });

  const subtype = category === 'threat' ? [...subtypeWeight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] : undefined;
  return {
    category,
    confidence: round(Math.max(confidence, category === 'routine' ? 0.5 : 0)),
    language,
    needsReview: close || thin || (category !== 'routine' && scores[category] < thresholds.confident),
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, round(scores[c])])) as Record<Category, number>,
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

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
