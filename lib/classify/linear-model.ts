/**
 * The learned part of the classifier: a multinomial logistic regression over
 * hashed n-gram features (see features.ts). Weights are stored as int8 with one
 * scale per class, base64 in a small JSON file, and expanded to a Float32Array
 * once at cold start.
 */
import { CATEGORIES, type Category } from '../domain/ticket.ts';
import * as z from '../domain/zod.ts';
import { weightBytes } from './compact-weights.ts';
import { type FeatureSpec, modelText, Vectoriser } from './features.ts';

export const MODEL_FORMAT = 'inbox-triage.linear/1';
const K = CATEGORIES.length;

export const ModelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  /** Content hash of the weights: changes whenever the model does. */
  version: z.string(),
  classes: z.array(z.enum(CATEGORIES)).check(z.length(K)),
  features: z.strictObject({
    bits: z.int().check(z.minimum(8), z.maximum(24)),
    charMin: z.int().check(z.minimum(1)),
    charMax: z.int().check(z.minimum(0), z.maximum(8)),
    asciiMin: z.int().check(z.minimum(1), z.maximum(8)),
    wordMax: z.int().check(z.minimum(0), z.maximum(2)),
    tf: z.enum(['count', 'log', 'binary']),
  }),
  /** Divides the logits before the softmax (temperature scaling, fitted on cross-validated predictions). */
  temperature: z.number().check(z.positive()),
  bias: z.array(z.number()).check(z.length(K)),
  scales: z.array(z.number()).check(z.length(K)),
  /** int8[buckets × classes], bucket-major: base64 in the committed file, deflated bytes in the deployed bundle (compact-weights.ts). */
  weights: z.union([z.string(), z.instanceof(Uint8Array)]),
  /** The logistic regression that joins the model's log-probabilities and the rules' scores (combine.ts). */
  combiner: z.strictObject({
    inputs: z.array(z.string()).check(z.length(10)),
    weights: z.array(z.array(z.number()).check(z.length(10))).check(z.length(K)),
    bias: z.array(z.number()).check(z.length(K)),
  }),
  /** The learned side calls a threat from this probability on (chosen on cross-validated predictions). */
  threatThreshold: z.number().check(z.minimum(0), z.maximum(1)),
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
  /** `normalised`: the text has already been through `normaliseForMatching`. */
  predict(text: string, normalised?: boolean): ModelOutput;
}

/** Expands a model file (parsed JSON) into weights ready to use. */
export function loadLinearModel(file: unknown): LinearModel {
  return linearModelOf(ModelFileSchema.parse(file));
}

/** The model of a file already validated by ModelFileSchema. */
export function linearModelOf(parsed: ModelFile): LinearModel {
  for (const [i, c] of parsed.classes.entries()) if (c !== CATEGORIES[i]) throw new Error(`model classes must be ${CATEGORIES.join(', ')}`);
  // The committed base64, or the compact form the deployed bundle carries (compact-weights.ts).
  const bytes = weightBytes(parsed.weights);
  const buckets = 1 << parsed.features.bits;
  if (bytes.length !== buckets * K) throw new Error(`model weights: ${bytes.length} bytes, expected ${buckets * K}`);
  // Bytes that share an ArrayBuffer (Node's pool for small ones) are copied, so the weights do not pin it.
  const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;
  const weights = whole ? new Int8Array(bytes.buffer) : new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
  return fromWeights(weights, parsed.scales, Float64Array.from(parsed.bias), parsed.features, parsed.temperature, parsed.version);
}

/**
 * A model over int8 weights and one scale per class (used by training, on the quantised weights it is about to
 * write, and by loadLinearModel). int8 keeps the table at 1 MB, which stays in cache better than floats.
 */
export function fromWeights(weights: Int8Array, scales: readonly number[], bias: Float64Array, spec: FeatureSpec, temperature: number, version: string): LinearModel {
  const vectoriser = new Vectoriser(spec);
  const [k0, k1, k2, k3] = [scales[0]!, scales[1]!, scales[2]!, scales[3]!];
  const logitsOfVector = (): Float64Array => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const { buckets, values, size } = vectoriser;
    for (let i = 0; i < size; i += 1) {
      const o = buckets[i]! * K;
      const v = values[i]!;
      s0 += weights[o]! * v;
      s1 += weights[o + 1]! * v;
      s2 += weights[o + 2]! * v;
      s3 += weights[o + 3]! * v;
    }
    return Float64Array.of(s0 * k0 + bias[0]!, s1 * k1 + bias[1]!, s2 * k2 + bias[2]!, s3 * k3 + bias[3]!);
  };
  return {
    version,
    spec,
    temperature,
    logits(text: string): Float64Array {
      vectoriser.vectorise(text);
      return logitsOfVector();
    },
    predict(raw: string, normalised = false): ModelOutput {
      const vectorise = () => (normalised ? vectoriser.vectoriseNormalised(raw) : vectoriser.vectorise(modelText(raw)));
      vectorise();
      const generation = vectoriser.generation;
      const p = softmax(logitsOfVector(), temperature);
      return {
        probabilities: { threat: p[0]!, rude: p[1]!, complaint: p[2]!, routine: p[3]! },
        evidence: (category) => {
          if (vectoriser.generation !== generation) vectorise();
          return evidence(vectoriser, weights, scales, CATEGORIES.indexOf(category));
        },
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

/**
 * The n-grams whose weight for `c` most exceeds their average weight over all classes, up to three: English words
 * and word pairs, Chinese character n-grams (a piece of a word says little to an agent); longer n-grams are
 * preferred over the pieces inside them. Reads the vectoriser's scratch (its `shown` features): no second pass over the text.
 */
function evidence(v: Vectoriser, weights: Int8Array, scales: readonly number[], c: number): string[] {
  // The best dozen, kept sorted by insertion (no allocation per candidate).
  const TOP = 12;
  const margins = new Float64Array(TOP);
  const index = new Int32Array(TOP);
  let kept = 0;
  const sc = scales[c]!;
  const s0 = scales[0]! / K;
  const s1 = scales[1]! / K;
  const s2 = scales[2]! / K;
  const s3 = scales[3]! / K;
  const { shown, buckets } = v;
  for (let i = 0; i < v.shownSize; i += 1) {
    const o = buckets[shown[i]!]! * K;
    const margin = weights[o + c]! * sc - (weights[o]! * s0 + weights[o + 1]! * s1 + weights[o + 2]! * s2 + weights[o + 3]! * s3);
    if (margin <= 0 || (kept === TOP && margin <= margins[TOP - 1]!)) continue;
    let at = kept < TOP ? kept : TOP - 1;
    while (at > 0 && margins[at - 1]! < margin) {
      margins[at] = margins[at - 1]!;
      index[at] = index[at - 1]!;
      at -= 1;
    }
    margins[at] = margin;
    index[at] = i;
    if (kept < TOP) kept += 1;
  }
  const chosen: string[] = [];
  for (let k = 0; k < kept; k += 1) {
    const i = index[k]!;
    const gram = v.slice(v.shownStarts[i]!, v.shownEnds[i]!).trim();
    if (gram.length < 2 || chosen.some((g) => g.includes(gram) || gram.includes(g))) continue;
    chosen.push(gram);
    if (chosen.length === 3) break;
  }
  return chosen;
}
