import { CATEGORIES, type Category } from '../domain/ticket.ts';

export interface LabelledPrediction {
  readonly id: string;
  readonly group: string;
  readonly gold: Category;
  readonly predicted: Category;
}

export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface EvaluationReport {
  readonly rows: number;
  readonly perClass: Record<Category, ClassScores>;
  readonly macroF1: number;
  readonly accuracy: number;
  /** confusion[gold][predicted] */
  readonly confusion: Record<Category, Record<Category, number>>;
  /** Share of routine messages sent to the threat or rude queue (wastes a supervisor's time). */
  readonly routineToThreatOrRude: number;
}

/** Precision, recall and F1 per class, macro-F1 and the confusion matrix of a set of predictions. */
export function evaluate(predictions: readonly LabelledPrediction[]): EvaluationReport {
  const confusion = Object.fromEntries(CATEGORIES.map((g) => [g, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))])) as Record<Category, Record<Category, number>>;
  for (const p of predictions) confusion[p.gold][p.predicted] += 1;

  const perClass = {} as Record<Category, ClassScores>;
  for (const c of CATEGORIES) {
    const tp = confusion[c][c];
    const predicted = CATEGORIES.reduce((n, g) => n + confusion[g][c], 0);
    const support = CATEGORIES.reduce((n, p) => n + confusion[c][p], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision, recall, f1, support };
  }
  const present = CATEGORIES.filter((c) => perClass[c].support > 0);
  const macroF1 = present.length === 0 ? 0 : present.reduce((n, c) => n + perClass[c].f1, 0) / present.length;
  const correct = CATEGORIES.reduce((n, c) => n + confusion[c][c], 0);
  const routine = perClass.routine.support;
  return {
    rows: predictions.length,
    perClass,
    macroF1,
    accuracy: predictions.length === 0 ? 0 : correct / predictions.length,
    confusion,
    routineToThreatOrRude: routine === 0 ? 0 : (confusion.routine.threat + confusion.routine.rude) / routine,
  };
}

/** Expected calibration error of the top probability, in `bins` equal-width bins. */
export function expectedCalibrationError(items: readonly { confidence: number; correct: boolean }[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const it of items) {
    const b = Math.min(bins - 1, Math.floor(it.confidence * bins));
    count[b] = count[b]! + 1;
    conf[b] = conf[b]! + it.confidence;
    hits[b] = hits[b]! + (it.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b += 1) if (count[b]! > 0) ece += (count[b]! / items.length) * Math.abs(conf[b]! / count[b]! - hits[b]! / count[b]!);
  return ece;
}
