/**
 * The committed model, loaded once per container at cold start. Imported as JSON, which esbuild's bundle
 * for Lambda replaces by the same fields with the weights read from a file beside it
 * (infra/esbuild-bundle.ts, compactModel); `triage train` rewrites it.
 */
import { performance } from 'node:perf_hooks';
import type { CombinerWeights } from './combine.ts';
import { type LinearModel, linearModelOf, ModelFileSchema } from './linear-model.ts';
import modelFile from './model/triage-model.json' with { type: 'json' };

/** The learned side of the classifier: the model, how it is combined with the rules, and its threat threshold. */
export interface LearnedParts {
  readonly model: LinearModel;
  readonly combiner: CombinerWeights;
  /** The model (or the combiner) alone calls a threat from this probability on. */
  readonly threatThreshold: number;
}

export function learnedParts(file: unknown): LearnedParts {
  const parsed = ModelFileSchema.parse(file);
  return { model: linearModelOf(parsed), combiner: parsed.combiner, threatThreshold: parsed.threatThreshold };
}

const started = performance.now();
export const DEFAULT_MODEL: LearnedParts = learnedParts(modelFile);
/** Milliseconds spent expanding the model at cold start (after the JSON was parsed). */
export const MODEL_LOAD_MS = performance.now() - started;
