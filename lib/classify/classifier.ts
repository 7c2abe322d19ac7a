import { CATEGORIES, type Category, type Classification, type Signal } from '../domain/ticket.ts';
import { combineProbabilities, combinerInputs, decideCategory } from './combine.ts';
import { DEFAULT_MODEL, type LearnedParts } from './default-model.ts';
import { OriginalText } from './excerpt.ts';
import { detectLanguage, HAN } from './language.ts';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { normaliseForMatching } from './normalise.ts';
import { type CompiledRules, compileRules, scoreRules } from './rules.ts';
import { DEFAULT_THRESHOLDS, MAX_CLASSIFIED_CHARS, type Thresholds } from './settings.ts';

export interface ClassifyInput {
  readonly subject: string;
  /** Only what the customer wrote in this message: no quoted history, no signature. */
  readonly body: string;
}

export { DEFAULT_THRESHOLDS, MAX_CLASSIFIED_CHARS, type Thresholds } from './settings.ts';

/** Which parts decide: the rules and the model together (the default), or one of them alone (for measurement). */
export type Backend = 'combined' | 'rules' | 'model';

/** The learned side: the model, the combiner fitted with it, and the model's own threat threshold. */

// At least three letters or digits somewhere: stops at the third, so it costs little on long mail.
const THREE_WORD_CHARACTERS = /[\p{L}\p{N}][^]*?[\p{L}\p{N}][^]*?[\p{L}\p{N}]/u;
const RANKED = ['threat', 'rude', 'complaint'] as const;
// When only the model sees a threat, whether it is about recourse rather than harm.
const LEGAL_HINT =
  /\b(?:law|legal|court|claims?|lawyers?|attorneys?|solicitors?|regulators?|authorit(?:y|ies)|ombudsman|police|report|media|press|press charges|sue)\b|法|律师|诉|投诉|举报|监管|12315|315|消协|工商|曝光|媒体|报警|警察/;

export interface Classifier {
  classify(input: ClassifyInput): Classification;
  /** The thresholds it decides with (an admin's CLASSIFIER_CONFIG may change them); a second opinion uses the same. */
  readonly thresholds?: Thresholds;
}

/**
 * Builds a classifier from a lexicon, thresholds and the learned model; compiled once, reused for every message.
 * `learned: null` (or backend 'rules') classifies with the rules alone.
 */
export function createClassifier(
  lexicon = DEFAULT_LEXICON,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  learned: LearnedParts | null = DEFAULT_MODEL,
  backend: Backend = 'combined',
): Classifier {
  const rules = compileRules(lexicon);
  const parts = backend === 'rules' ? null : learned;
  return { classify: (input) => classifyWith(input, rules, thresholds, parts, backend), thresholds };
}

/** Compiled once per container, at import; reuse it rather than compiling the lexicon again. */
export const defaultClassifier = createClassifier();

/**
 * Scores the four categories and picks one: threat > rude > complaint > routine. Pure and deterministic.
 */
export function classify(input: ClassifyInput): Classification {
  return defaultClassifier.classify(input);
}

function classifyWith(input: ClassifyInput, rules: CompiledRules, thresholds: Thresholds, learned: LearnedParts | null, backend: Backend): Classification {
  const whole = `${input.subject ?? ''}\n${input.body ?? ''}`;
  const truncated = whole.length > MAX_CLASSIFIED_CHARS;
  const original = truncated ? whole.slice(0, MAX_CLASSIFIED_CHARS) : whole;
  const text = normaliseForMatching(original);
  const language = detectLanguage(original);
  const thin = !THREE_WORD_CHARACTERS.test(text) || language === 'other';
  const found = scoreRules(text, rules);
  const customer = new OriginalText(original, text);
  const signals: Signal[] =
    backend === 'model'
      ? []
      : found.hits.map(({ entry, index, length }) => ({ category: entry.category, rule: entry.id, weight: entry.weight, ...customer.excerptAt(index, length) }));

  const decision = learned && !thin ? decideWithModel(customer, found, learned, thresholds, backend, signals) : decideWithRules(found, thresholds);
  if (truncated) signals.push({ category: decision.category, rule: 'input.truncated', excerpt: `classified on the first ${MAX_CLASSIFIED_CHARS} characters`, weight: 0 });

  const subtype = decision.category === 'threat' ? (found.subtype ?? (LEGAL_HINT.test(text) ? 'legal' : 'violence')) : undefined;
  return {
    category: decision.category,
    confidence: round(decision.confidence),
    language,
    needsReview: decision.needsReview || thin || isBrief(text),
    scores: { threat: round(decision.scores.threat), rude: round(decision.scores.rude), complaint: round(decision.scores.complaint), routine: round(decision.scores.routine) },
    signals,
    ...(subtype ? { subtype } : {}),
  };
}

interface Decision {
  readonly category: Category;
  readonly confidence: number;
  readonly needsReview: boolean;
  readonly scores: Record<Category, number>;
}

/** The rules alone: a category wins when its score reaches its threshold, in precedence order. */
function decideWithRules(found: { threat: number; rude: number; complaint: number }, thresholds: Thresholds): Decision {
  const scores = { threat: found.threat, rude: found.rude, complaint: found.complaint, routine: 0 } satisfies Record<Category, number>;
  scores.routine = Math.max(0, 1 - Math.max(scores.threat, scores.rude, scores.complaint));
  const category: Category = RANKED.find((c) => scores[c] >= thresholds[c]) ?? 'routine';
  const confidence = Math.max(category === 'routine' ? scores.routine : scores[category], category === 'routine' ? 0.5 : 0);
  const close = RANKED.some((c) => c !== category && scores[c] >= thresholds.review && scores[c] < thresholds[c]);
  return { category, confidence, needsReview: close || (category !== 'routine' && scores[category] < thresholds.confident), scores };
}

/**
 * Rules and model (`decideCategory`): a threat seen by either side goes to the threat queue (flagged "possible",
 * for review, when only one side sees it); confidence is the combiner's calibrated probability of the category.
 */
function decideWithModel(
  customer: OriginalText,
  found: { threat: number; rude: number; complaint: number },
  learned: LearnedParts,
  thresholds: Thresholds,
  backend: Backend,
  signals: Signal[],
): Decision {
  const text = customer.normalised;
  const output = learned.model.predict(text, true);
  const p = CATEGORIES.map((c) => output.probabilities[c]);
  const q = backend === 'model' ? Float64Array.from(p) : combineProbabilities(learned.combiner, combinerInputs(p, found, HAN.test(text)));
  const scores = { threat: q[0]!, rude: q[1]!, complaint: q[2]!, routine: q[3]! } satisfies Record<Category, number>;

  const rulesThreat = backend !== 'model' && found.threat >= thresholds.threat;
  const verdicts = { threat: rulesThreat, rude: backend !== 'model' && found.rude >= thresholds.rude };
  const { category, possibleThreat } = decideCategory(p, q, verdicts, learned.threatThreshold);
  const possible = possibleThreat && backend !== 'model';
  const confidence = scores[category];
  const evidence = output.evidence(category);
  if (evidence.length > 0) {
    const words = evidence.map((g) => `"${customer.inOriginal(g)}"`).join(', ');
    signals.push({ category, rule: `model.${category}`, excerpt: words, weight: round(output.probabilities[category]) });
  }
  if (possible)
    signals.push({
      category: 'threat',
      rule: 'threat.possible',
      excerpt: rulesThreat ? 'the rules see a threat, the model does not' : 'the model sees a threat, the rules do not',
      weight: 0,
    });
  return { category, confidence, needsReview: possible || confidence < thresholds.confident, scores };
}

/**
 * Fewer than three Latin words and four Han characters ("hmm", "ok!", "在吗"): too little to act on with
 * confidence, whatever the probabilities say, so such a message is left for review.
 */
function isBrief(text: string): boolean {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      han += 1;
      inWord = false;
      if (han >= 4) return false;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (!inWord) {
        words += 1;
        if (words >= 3) return false;
      }
      inWord = true;
    } else if (c !== 0x27) {
      inWord = false;
    }
  }
  return true;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
