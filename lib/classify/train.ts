/**
 * Training of the linear model: multinomial logistic regression by SGD with
 * L2 regularisation (Bottou's scaled-weight trick, so a step costs only the
 * features of one text), class weights against imbalance, a seeded shuffle,
 * and temperature scaling fitted on cross-validated predictions.
 *
 * Deterministic: the same rows in the same order give the same bytes — the
 * shuffle uses a fixed-seed PRNG, every loop runs in a fixed order, and the
 * weights are quantised before they are written.
 */

import { createHash } from 'node:crypto';
import { CATEGORIES, type Category } from '../domain/ticket.ts';
import { COMBINER_INPUTS, combineProbabilities, combinerInputs, decideCategory, fitCombiner, type RuleVerdicts } from './combine.ts';
import { type EvaluationReport, evaluate, expectedCalibrationError, type LabelledPrediction } from './evaluation.ts';
import { DEFAULT_FEATURE_SPEC, type FeatureSpec, modelText, Vectoriser } from './features.ts';
import { HAN } from './language.ts';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { fromWeights, type LinearModel, loadLinearModel, MODEL_FORMAT, type ModelFile, softmax } from './linear-model.ts';
import { normaliseForMatching } from './normalise.ts';
import { compileRules, scoreRules } from './rules.ts';
import { DEFAULT_THRESHOLDS, MAX_CLASSIFIED_CHARS } from './settings.ts';

const K = CATEGORIES.length;

export interface TrainingRow {
  readonly id: string;
  /** `en` or `zh`; rows in other languages are kept but reported under their own code. */
  readonly lang: string;
  readonly label: Category;
  readonly subject: string;
  readonly body: string;
  /** Which input file the row came from (reported on separately). */
  readonly input?: string;
}

export interface TrainOptions {
  readonly spec: FeatureSpec;
  readonly epochs: number;
  /** L2 regularisation strength. */
  readonly lambda: number;
  /** Initial learning rate. */
  readonly rate: number;
  readonly seed: number;
  /** Class weight = (rows of the language / (4 × rows of the language and label)) ^ power, capped. */
  readonly classWeightPower: number;
  readonly classWeightCap: number;
  /** Scale features by inverse document frequency while training (folded into the weights written out). */
  readonly idf: boolean;
  /**
   * Smaller input files count more, so that a few hundred e-mails are not drowned by thousands of public rows:
   * factor = sqrt(rows / (files × rows of the file)), between 1 and this cap (1: off).
   */
  readonly inputWeightCap: number;
  readonly folds: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  spec: DEFAULT_FEATURE_SPEC,
  epochs: 12,
  lambda: 1e-5,
  rate: 0.5,
  seed: 13,
  classWeightPower: 1,
  classWeightCap: 20,
  idf: false,
  inputWeightCap: 3,
  folds: 5,
};

/** A text as sparse features: bucket ids (sorted, unique) and their values (counts / sqrt(total)). */
interface Example {
  readonly buckets: Int32Array;
  readonly values: Float32Array;
  readonly label: number;
  readonly weight: number;
}

export function featurise(row: Pick<TrainingRow, 'subject' | 'body'>, vectoriser: Vectoriser): { buckets: Int32Array; values: Float32Array } {
  vectoriser.vectorise(modelText(classifiedText(row)));
  return { buckets: vectoriser.buckets.slice(0, vectoriser.size), values: Float32Array.from(vectoriser.values.subarray(0, vectoriser.size)) };
}

/** Per (language, label): how much one row of it counts in the loss. */
export function classWeights(rows: readonly TrainingRow[], options: TrainOptions): Map<string, number> {
  const perLang = new Map<string, number>();
  const perCell = new Map<string, number>();
  for (const r of rows) {
    perLang.set(r.lang, (perLang.get(r.lang) ?? 0) + 1);
    perCell.set(`${r.lang}/${r.label}`, (perCell.get(`${r.lang}/${r.label}`) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  for (const [cell, count] of [...perCell.entries()].sort()) {
    const lang = cell.split('/')[0]!;
    const w = (perLang.get(lang)! / (K * count)) ** options.classWeightPower;
    weights.set(cell, Math.min(options.classWeightCap, w));
  }
  return weights;
}

/** mulberry32: a small PRNG with a fixed seed, so the shuffle is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FloatModel {
  readonly weights: Float32Array;
  readonly bias: Float64Array;
}

function sgd(examples: readonly Example[], options: TrainOptions): FloatModel {
  const buckets = 1 << options.spec.bits;
  // w_true = scale × v: the L2 shrink of every weight is one multiplication of `scale`.
  const v = new Float64Array(buckets * K);
  const bias = new Float64Array(K);
  let scale = 1;
  const random = prng(options.seed);
  const order = Array.from(examples.keys());
  const logits = new Float64Array(K);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const ex = examples[index]!;
      const rate = options.rate / (1 + options.rate * options.lambda * t);
      t += 1;
      for (let c = 0; c < K; c += 1) logits[c] = bias[c]!;
      for (let f = 0; f < ex.buckets.length; f += 1) {
        const o = ex.buckets[f]! * K;
        const x = ex.values[f]! * scale;
        for (let c = 0; c < K; c += 1) logits[c] = logits[c]! + v[o + c]! * x;
      }
      const p = softmax(logits);
      scale *= 1 - rate * options.lambda;
      for (let c = 0; c < K; c += 1) {
        const g = ex.weight * (p[c]! - (c === ex.label ? 1 : 0));
        if (g === 0) continue;
        bias[c] = bias[c]! - rate * g;
        const step = (rate * g) / scale;
        for (let f = 0; f < ex.buckets.length; f += 1) {
          const o = ex.buckets[f]! * K + c;
          v[o] = v[o]! - step * ex.values[f]!;
        }
      }
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i += 1) v[i] = v[i]! * scale;
        scale = 1;
      }
    }
  }
  const weights = new Float32Array(buckets * K);
  for (let i = 0; i < v.length; i += 1) weights[i] = v[i]! * scale;
  return { weights, bias };
}

/** int8 per class, symmetric: scale = max |w| / 127. */
function quantise(model: FloatModel): { bytes: Int8Array; scales: number[] } {
  const max = new Float64Array(K);
  for (let i = 0; i < model.weights.length; i += 1) max[i % K] = Math.max(max[i % K]!, Math.abs(model.weights[i]!));
  const scales = Array.from(max, (m) => fixed(m > 0 ? m / 127 : 1));
  const bytes = new Int8Array(model.weights.length);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.max(-127, Math.min(127, Math.round(model.weights[i]! / scales[i % K]!)));
  return { bytes, scales };
}

/** Numbers written to the model file: 8 significant digits, so the bytes do not depend on printing quirks. */
function fixed(n: number): number {
  return Number(n.toPrecision(8));
}

/** How much each row counts in the loss: its class weight (within its language) times its input file's factor. */
export function rowWeights(rows: readonly TrainingRow[], options: TrainOptions, withClassWeights = true): number[] {
  const classes = withClassWeights ? classWeights(rows, options) : new Map<string, number>();
  const perInput = new Map<string, number>();
  for (const r of rows) perInput.set(r.input ?? '', (perInput.get(r.input ?? '') ?? 0) + 1);
  const factor = (input: string) => Math.min(options.inputWeightCap, Math.max(1, Math.sqrt(rows.length / (perInput.size * perInput.get(input)!))));
  return rows.map((r) => (classes.get(`${r.lang}/${r.label}`) ?? 1) * factor(r.input ?? ''));
}

function examplesOf(rows: readonly TrainingRow[], options: TrainOptions): Example[] {
  const weights = rowWeights(rows, options);
  const vectoriser = new Vectoriser(options.spec);
  const examples = rows.map((r, i) => ({ ...featurise(r, vectoriser), label: CATEGORIES.indexOf(r.label), weight: weights[i]! }));
  if (!options.idf) return examples;
  // Inverse document frequency, applied to the training values and folded into the weights afterwards
  // (see trainQuantised), so classifying needs no table of its own.
  const idf = inverseDocumentFrequency(examples, options.spec.bits);
  for (const ex of examples) for (let f = 0; f < ex.buckets.length; f += 1) ex.values[f] = ex.values[f]! * idf[ex.buckets[f]!]!;
  return examples;
}

/** Smoothed IDF per bucket: ln((1 + n) / (1 + df)) + 1, as in common TF-IDF implementations. */
function inverseDocumentFrequency(examples: readonly Example[], bits: number): Float32Array {
  const df = new Uint32Array(1 << bits);
  for (const ex of examples) for (const b of ex.buckets) df[b] = df[b]! + 1;
  const idf = new Float32Array(df.length);
  for (let b = 0; b < df.length; b += 1) idf[b] = Math.log((1 + examples.length) / (1 + df[b]!)) + 1;
  return idf;
}

function trainQuantised(rows: readonly TrainingRow[], options: TrainOptions): { model: LinearModel; bytes: Int8Array; scales: number[]; bias: number[] } {
  const examples = examplesOf(rows, options);
  const float = sgd(examples, options);
  if (options.idf) {
    const idf = inverseDocumentFrequency(examples, options.spec.bits);
    for (let i = 0; i < float.weights.length; i += 1) float.weights[i] = float.weights[i]! * idf[Math.floor(i / K)]!;
  }
  const q = quantise(float);
  const bias = Array.from(float.bias, fixed);
  return { model: fromWeights(q.bytes, q.scales, Float64Array.from(bias), options.spec, 1, 'training'), bytes: q.bytes, scales: q.scales, bias };
}

/** Stratified folds: within each (language, label), rows ordered by a hash of their id and dealt round-robin. */
export function assignFolds(rows: readonly TrainingRow[], folds: number): number[] {
  const key = (r: TrainingRow) => createHash('sha256').update(r.id).digest('hex');
  const byCell = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const cell = `${r.lang}/${r.label}`;
    byCell.set(cell, [...(byCell.get(cell) ?? []), i]);
  });
  const fold = new Array<number>(rows.length).fill(0);
  for (const cell of [...byCell.keys()].sort()) {
    const members = byCell
      .get(cell)!
      .map((i) => ({ i, k: key(rows[i]!) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
    members.forEach((m, rank) => {
      fold[m.i] = rank % folds;
    });
  }
  return fold;
}

export interface OutOfFold {
  readonly row: TrainingRow;
  /** Raw logits of the model that did not see this row. */
  readonly logits: Float64Array;
}

/** k-fold cross-validation: every row is predicted by a model trained on the other folds. */
export function crossValidate(rows: readonly TrainingRow[], options: TrainOptions): OutOfFold[] {
  const fold = assignFolds(rows, options.folds);
  const out: (OutOfFold | undefined)[] = new Array(rows.length);
  for (let k = 0; k < options.folds; k += 1) {
    const train = rows.filter((_, i) => fold[i] !== k);
    const { model } = trainQuantised(train, options);
    rows.forEach((r, i) => {
      if (fold[i] === k) out[i] = { row: r, logits: model.logits(modelText(classifiedText(r))) };
    });
  }
  return out as OutOfFold[];
}

/** The temperature that minimises the log loss of the out-of-fold predictions (a fixed grid: deterministic). */
export function fitTemperature(oof: readonly OutOfFold[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 6.0001; t += 0.05) {
    const temperature = fixed(t);
    let loss = 0;
    for (const o of oof) loss -= Math.log(Math.max(1e-12, softmax(o.logits, temperature)[CATEGORIES.indexOf(o.row.label)]!));
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return best;
}

export interface TrainingInput {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
}

/** The text both sides classify: subject and body, bounded like the classifier bounds it. */
export function classifiedText(row: Pick<TrainingRow, 'subject' | 'body'>): string {
  const whole = `${row.subject}\n${row.body}`;
  return whole.length > MAX_CLASSIFIED_CHARS ? whole.slice(0, MAX_CLASSIFIED_CHARS) : whole;
}

export interface CrossValidated {
  readonly byLanguage: Record<string, EvaluationReport>;
  /** Per input file and language. */
  readonly byInput: Record<string, EvaluationReport>;
  readonly overall: EvaluationReport;
  /** Expected calibration error of the confidence (probability of the class given). */
  readonly ece: number;
}

export interface TrainingResult {
  readonly file: ModelFile;
  readonly model: LinearModel;
  /** `rules`: the rules alone on the same rows (nothing trained, so nothing to cross-validate). */
  readonly crossValidation: { readonly folds: number; readonly rules: CrossValidated; readonly model: CrossValidated; readonly combined: CrossValidated };
}

function crossValidated(rows: readonly TrainingRow[], predicted: readonly Category[], confidence: readonly number[]): CrossValidated {
  const predictions: LabelledPrediction[] = rows.map((r, i) => ({ id: r.id, group: r.lang, gold: r.label, predicted: predicted[i]! }));
  const groups = [...new Set(predictions.map((p) => p.group))].sort();
  return {
    overall: evaluate(predictions),
    byLanguage: Object.fromEntries(groups.map((g) => [g, evaluate(predictions.filter((p) => p.group === g))])),
    byInput: Object.fromEntries(
      [...new Set(rows.map((r) => `${r.input ?? ''}/${r.lang}`))]
        .sort()
        .map((key) => [key, evaluate(predictions.filter((_, i) => `${rows[i]!.input ?? ''}/${rows[i]!.lang}` === key))]),
    ),
    ece: expectedCalibrationError(rows.map((r, i) => ({ confidence: confidence[i]!, correct: predicted[i] === r.label }))),
  };
}

/**
 * The learned side's threat threshold: the one with the best F2 (recall counts four times as much as precision)
 * with the rows counted as they occur (input weights only, no class weights)
 * on the cross-validated decisions of rules and model together.
 */
function chooseThreatThreshold(
  rows: readonly TrainingRow[],
  weight: readonly number[],
  p: readonly Float64Array[],
  q: readonly Float64Array[],
  verdicts: readonly RuleVerdicts[],
): number {
  let best = 0.5;
  let bestScore = -1;
  for (let step = 1; step < 20; step += 1) {
    const t = step / 20;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    rows.forEach((r, i) => {
      const threat = decideCategory(p[i]!, q[i]!, verdicts[i]!, t).category === 'threat';
      if (threat && r.label === 'threat') tp += weight[i]!;
      else if (threat) fp += weight[i]!;
      else if (r.label === 'threat') fn += weight[i]!;
    });
    const f2 = tp === 0 ? 0 : (5 * tp) / (5 * tp + 4 * fn + fp);
    if (f2 > bestScore + 1e-12) {
      bestScore = f2;
      best = t;
    }
  }
  return best;
}

/** Trains the model on all rows, and cross-validates the same recipe to report on it, calibrate it and fit the combiner. */
export function trainModel(rows: readonly TrainingRow[], inputs: readonly TrainingInput[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainingResult {
  const oof = crossValidate(rows, options);
  const temperature = fitTemperature(oof);
  const weights = classWeights(rows, options);
  // The combiner sees the classes as they occur (input weights only): its probabilities are then calibrated, not tilted towards scarce classes.
  const asTheyCome = rowWeights(rows, options, false);

  // The rules on the same rows, and the combiner fitted on the out-of-fold probabilities.
  const rules = compileRules(DEFAULT_LEXICON);
  const found = rows.map((r) => scoreRules(normaliseForMatching(classifiedText(r)), rules));
  const p = oof.map((o) => softmax(o.logits, temperature));
  const x = rows.map((r, i) => combinerInputs(p[i]!, found[i]!, HAN.test(classifiedText(r))));
  const combiner = fitCombiner(rows.map((r, i) => ({ x: x[i]!, label: CATEGORIES.indexOf(r.label), weight: asTheyCome[i]! })));
  const q = x.map((xi) => combineProbabilities(combiner, xi));
  const verdicts = found.map((f) => ({ threat: f.threat >= DEFAULT_THRESHOLDS.threat, rude: f.rude >= DEFAULT_THRESHOLDS.rude }));
  const threatThreshold = chooseThreatThreshold(rows, asTheyCome, p, q, verdicts);

  const modelOnly = p.map((pi) => (pi[0]! >= threatThreshold ? 0 : argmax(pi)));
  const together = rows.map((_, i) => CATEGORIES.indexOf(decideCategory(p[i]!, q[i]!, verdicts[i]!, threatThreshold).category));

  const final = trainQuantised(rows, options);
  const bytes = Buffer.from(final.bytes.buffer, final.bytes.byteOffset, final.bytes.byteLength);
  const version = `sha256:${createHash('sha256')
    .update(bytes)
    .update(JSON.stringify([final.bias, final.scales, temperature, combiner, threatThreshold]))
    .digest('hex')
    .slice(0, 16)}`;
  const counts: Record<string, number> = {};
  for (const r of rows) counts[`${r.lang}/${r.label}`] = (counts[`${r.lang}/${r.label}`] ?? 0) + 1;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version,
    classes: [...CATEGORIES],
    features: { ...options.spec },
    temperature,
    bias: final.bias,
    scales: final.scales,
    weights: bytes.toString('base64'),
    combiner: { inputs: [...COMBINER_INPUTS], ...combiner },
    threatThreshold,
    training: {
      inputs: inputs.map((i) => ({ ...i })),
      rows: Object.fromEntries(Object.entries(counts).sort()),
      classWeights: Object.fromEntries([...weights.entries()].map(([k, w]) => [k, fixed(w)])),
      epochs: options.epochs,
      lambda: options.lambda,
      rate: options.rate,
      seed: options.seed,
      inputWeightCap: options.inputWeightCap,
      idf: options.idf,
      folds: options.folds,
    },
  };
  return {
    file,
    model: loadLinearModel(file),
    crossValidation: {
      folds: options.folds,
      rules: crossValidated(
        rows,
        found.map((f) =>
          f.threat >= DEFAULT_THRESHOLDS.threat ? 'threat' : f.rude >= DEFAULT_THRESHOLDS.rude ? 'rude' : f.complaint >= DEFAULT_THRESHOLDS.complaint ? 'complaint' : 'routine',
        ),
        found.map((f) =>
          f.threat >= DEFAULT_THRESHOLDS.threat
            ? f.threat
            : f.rude >= DEFAULT_THRESHOLDS.rude
              ? f.rude
              : f.complaint >= DEFAULT_THRESHOLDS.complaint
                ? f.complaint
                : Math.max(0.5, 1 - Math.max(f.threat, f.rude, f.complaint)),
        ),
      ),
      model: crossValidated(
        rows,
        modelOnly.map((c) => CATEGORIES[c]!),
        modelOnly.map((c, i) => p[i]![c]!),
      ),
      combined: crossValidated(
        rows,
        together.map((c) => CATEGORIES[c]!),
        together.map((c, i) => q[i]![c]!),
      ),
    },
  };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i]! > values[best]!) best = i;
  return best;
}
