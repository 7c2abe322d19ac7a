/**
 * Rules and model together: a small logistic regression (the "combiner") that
 * reads the model's calibrated log-probabilities and the rules' three scores and
 * gives one probability per category. It is fitted on cross-validated
 * predictions of the training rows, so its output is a calibrated probability
 * for the pair, not for either side alone.
 */
import { CATEGORIES } from '../domain/ticket.ts';

const K = CATEGORIES.length;
// The rules' scores enter once per language: the English and the Chinese lexicons are not equally reliable.
export const COMBINER_INPUTS = [
  'log p(threat)',
  'log p(rude)',
  'log p(complaint)',
  'log p(routine)',
  'en rules threat',
  'en rules rude',
  'en rules complaint',
  'zh rules threat',
  'zh rules rude',
  'zh rules complaint',
] as const;
const D = COMBINER_INPUTS.length;
// The model may speak against the rules, but not with unbounded certainty: it has seen far fewer kinds of mail
// than it will meet, and its log-probabilities are floored here.
const LOG_FLOOR = Math.log(0.01);

export interface CombinerWeights {
  /** [class][input] */
  readonly weights: readonly ArrayLike<number>[];
  readonly bias: ArrayLike<number>;
}

export function combinerInputs(
  probabilities: ArrayLike<number>,
  rules: { readonly threat: number; readonly rude: number; readonly complaint: number },
  chinese: boolean,
): Float64Array {
  const x = new Float64Array(D);
  for (let c = 0; c < K; c += 1) x[c] = Math.max(LOG_FLOOR, Math.log(probabilities[c]!));
  const o = chinese ? 7 : 4;
  x[o] = rules.threat;
  x[o + 1] = rules.rude;
  x[o + 2] = rules.complaint;
  return x;
}

export function combineProbabilities(combiner: CombinerWeights, x: ArrayLike<number>, logits = new Float64Array(K)): Float64Array {
  for (let c = 0; c < K; c += 1) {
    let z = combiner.bias[c]!;
    const w = combiner.weights[c]!;
    for (let d = 0; d < D; d += 1) z += w[d]! * x[d]!;
    logits[c] = z;
  }
  let max = -Infinity;
  for (let c = 0; c < K; c += 1) max = Math.max(max, logits[c]!);
  let sum = 0;
  for (let c = 0; c < K; c += 1) {
    logits[c] = Math.exp(logits[c]! - max);
    sum += logits[c]!;
  }
  for (let c = 0; c < K; c += 1) logits[c] = logits[c]! / sum;
  return logits;
}

/**
 * Full-batch gradient descent from the identity (the model alone), a fixed number of steps, with a
 * little L2: the same inputs always give the same weights.
 */
export function fitCombiner(
  items: readonly { readonly x: ArrayLike<number>; readonly label: number; readonly weight: number }[],
  steps = 3000,
  rate = 0.5,
  lambda = 1e-3,
): { weights: number[][]; bias: number[] } {
  const w = Array.from({ length: K }, (_, c) => Float64Array.from({ length: D }, (_, d) => (d === c ? 1 : 0)));
  const b = new Float64Array(K);
  const total = items.reduce((n, it) => n + it.weight, 0);
  for (let step = 0; step < steps; step += 1) {
    const gw = Array.from({ length: K }, () => new Float64Array(D));
    const gb = new Float64Array(K);
    const current = { weights: w, bias: b };
    const p = new Float64Array(K);
    for (const it of items) {
      combineProbabilities(current, it.x, p);
      for (let c = 0; c < K; c += 1) {
        const g = (it.weight * (p[c]! - (c === it.label ? 1 : 0))) / total;
        gb[c] = gb[c]! + g;
        const row = gw[c]!;
        for (let d = 0; d < D; d += 1) row[d] = row[d]! + g * it.x[d]!;
      }
    }
    for (let c = 0; c < K; c += 1) {
      b[c] = b[c]! - rate * gb[c]!;
      const row = w[c]!;
      const grad = gw[c]!;
      for (let d = 0; d < D; d += 1) row[d] = row[d]! - rate * (grad[d]! + lambda * (row[d]! - (d === c ? 1 : 0)));
    }
  }
  const fixed = (n: number) => Number(n.toPrecision(6));
  return { weights: w.map((r) => Array.from(r, fixed)), bias: Array.from(b, fixed) } satisfies { weights: number[][]; bias: number[] };
}

export interface LearnedDecision {
  readonly category: (typeof CATEGORIES)[number];
  /** Only one side (the rules, or the model and combiner) sees a threat. */
  readonly possibleThreat: boolean;
}

/** The model's probability of rudeness from which it alone may call a message rude (measured on CV: see README). */
export const MODEL_RUDE_MIN = 0.5;

/** The rules' own verdicts, from their scores and thresholds. */
export interface RuleVerdicts {
  readonly threat: boolean;
  readonly rude: boolean;
}

/**
 * Threat first, with the highest recall: the rules, or the learned side (the combiner's probability of a threat,
 * which weighs the model's together with the rules' partial evidence), seeing a threat is enough. Otherwise rude
 * when the rules find an insult addressed to someone, else the model's most probable of rude (only from
 * MODEL_RUDE_MIN on); else the combiner's more probable of complaint and routine. The training labels follow the precedence threat > rude > complaint > routine, so the most probable
 * class respects it. (Measured on cross-validated predictions against letting the combiner pick among all
 * three: about the same overall; see the README.)
 */
export function decideCategory(p: ArrayLike<number>, q: ArrayLike<number>, rules: RuleVerdicts, threatThreshold: number): LearnedDecision {
  const learnedThreat = q[0]! >= threatThreshold;
  if (rules.threat || learnedThreat) return { category: 'threat', possibleThreat: rules.threat !== learnedThreat };
  if (rules.rude) return { category: 'rude', possibleThreat: false };
  // Without an insult the rules recognise, the model alone calls a message rude only when that is more likely
  // than not: a polite customer must not get the boundary reply on a guess.
  if (p[1]! >= MODEL_RUDE_MIN && p[1]! >= p[2]! && p[1]! >= p[3]!) return { category: 'rude', possibleThreat: false };
  // Complaint or routine: the combiner, which weighs the rules' evidence of trouble beside the model.
  return { category: q[2]! > q[3]! ? 'complaint' : 'routine', possibleThreat: false };
}
