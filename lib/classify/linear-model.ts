/**
 * The learned part of the classifier: a multinomial logistic regression over
 * hashed n-gram features (see features.ts). Weights are stored as int8 with one
 * scale per class, base64 in a small JSON file, and expanded to a Float32Array
 * once at cold start.
 */
import { z } from 'zod';
import { CATEGORIES, type Category } from '../domain/ticket.ts';
import { type FeatureSpec, forEachFeature, modelText, Vectoriser } from './features.ts';

export const MODEL_FORMAT = 'inbox-triage.linear/1';
const K = CATEGORIES.length;

export const ModelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  /** Content hash of the weights: changes whenever the model does. */
  version: z.string(),
  classes: z.array(z.enum(CATEGORIES)).length(K),
  features: z.strictObject({
    bits: z.number().int().min(8).max(24),
    charMin: z.number().int().min(1),
    charMax: z.number().int().min(0).max(8),
    wordMax: z.number().int().min(0).max(2),
    tf: z.enum(['count', 'log', 'binary']),
  }),
  /** Divides the logits before the softmax (temperature scaling, fitted on cross-validated predictions). */
  temperature: z.number().positive(),
  bias: z.array(z.number()).length(K),
  scales: z.array(z.number()).length(K),
  /** base64 of int8[buckets × classes], bucket-major. */
  weights: z.string(),
  /** The logistic regression that joins the model's log-probabilities and the rules' scores (combine.ts). */
  combiner: z.strictObject({ inputs: z.array(z.string()).length(10), weights: z.array(z.array(z.number()).length(10)).length(K), bias: z.array(z.number()).length(K) }),
  /** The learned side calls a threat from this probability on (chosen on cross-validated predictions). */
  threatThreshold: z.number().min(0).max(1),
  training: z.record(z.string(), z.unknown()),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

/** What the model says about one text. */
export interface ModelOutput {
  /** Calibrated probabilities, in CATEGORIES order. */
  readonly probabilities: Record<Category, number>;
  /** The n-grams that pushed hardest towards `category` (for agents), strongest first. */
  readonly evidence: (category: Category) => string[];
}

export interface LinearModel {
  readonly version: string;
  readonly spec: FeatureSpec;
  readonly temperature: number;
  /** Raw (uncalibrated) logits of already normalised model text, in CATEGORIES order. */
  logits(text: string): Float64Array;
  predict(text: string): ModelOutput;
}

/** Expands a model file (parsed JSON) into weights ready to use. */
export function loadLinearModel(file: unknown): LinearModel {
  const parsed = ModelFileSchema.parse(file);
  for (const [i, c] of parsed.classes.entries()) if (c !== CATEGORIES[i]) throw new Error(`model classes must be ${CATEGORIES.join(', ')}`);
  const bytes = Buffer.from(parsed.weights, 'base64');
  const buckets = 1 << parsed.features.bits;
  if (bytes.length !== buckets * K) throw new Error(`model weights: ${bytes.length} bytes, expected ${buckets * K}`);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float32Array(buckets * K);
  for (let i = 0; i < weights.length; i += 1) weights[i] = q[i]! * parsed.scales[i % K]!;
  return fromWeights(weights, Float64Array.from(parsed.bias), parsed.features, parsed.temperature, parsed.version);
}

/** A model over given float weights (used by training before quantisation, and by loadLinearModel). */
export function fromWeights(weights: Float32Array, bias: Float64Array, spec: FeatureSpec, temperature: number, version: string): LinearModel {
  const vectoriser = new Vectoriser(spec);
  const logitsOf = (text: string): Float64Array => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    vectoriser.vectorise(text, (b, v) => {
      const o = b * K;
      s0 += weights[o]! * v;
      s1 += weights[o + 1]! * v;
      s2 += weights[o + 2]! * v;
      s3 += weights[o + 3]! * v;
    });
    return Float64Array.of(s0 + bias[0]!, s1 + bias[1]!, s2 + bias[2]!, s3 + bias[3]!);
  };
  return {
    version,
    spec,
    temperature,
    logits: logitsOf,
    predict(raw: string): ModelOutput {
      const text = modelText(raw);
      const p = softmax(logitsOf(text), temperature);
      return {
        probabilities: { threat: p[0]!, rude: p[1]!, complaint: p[2]!, routine: p[3]! },
        evidence: (category) => evidence(text, spec, weights, CATEGORIES.indexOf(category)),
      };
    },
  };
}

export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i += 1) max = Math.max(max, logits[i]! / temperature);
  let sum = 0;
  for (let i = 0; i < logits.length; i += 1) {
    out[i] = Math.exp(logits[i]! / temperature - max);
    sum += out[i]!;
  }
  for (let i = 0; i < logits.length; i += 1) out[i] = out[i]! / sum;
  return out;
}

function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

/**
 * The n-grams whose weight for `c` most exceeds their average weight over all classes, up to three: English words
 * and word pairs, Chinese character n-grams (a piece of a word says little to an agent); longer n-grams are
 * preferred over the pieces inside them.
 */
function evidence(text: string, spec: FeatureSpec, weights: Float32Array, c: number): string[] {
  // Two passes: margins and positions first (no strings), then text only for the best dozen.
  const best: { margin: number; start: number; end: number }[] = [];
  forEachFeature(text, spec, (b, start, end, word) => {
    if (!word && (end - start < 2 || !isHan(text.charCodeAt(start)) || !isHan(text.charCodeAt(end - 1)))) return;
    const o = b * K;
    const margin = weights[o + c]! - (weights[o]! + weights[o + 1]! + weights[o + 2]! + weights[o + 3]!) / K;
    if (margin <= 0 || (best.length === 12 && margin <= best[11]!.margin)) return;
    best.push({ margin, start, end });
    best.sort((a, b2) => b2.margin - a.margin || a.start - b2.start);
    if (best.length > 12) best.pop();
  });
  const chosen: string[] = [];
  for (const { start, end } of best) {
    const gram = text.slice(start, end).trim();
    if (gram.length < 2 || chosen.some((g) => g.includes(gram) || gram.includes(g))) continue;
    chosen.push(gram);
    if (chosen.length === 3) break;
  }
  return chosen;
}
