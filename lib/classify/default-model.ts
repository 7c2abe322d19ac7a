/**
 * The committed model, loaded once per container at cold start. Imported as JSON so that bundlers
 * (esbuild for Lambda) carry it inside the function; `triage train` rewrites it.
 */
import { performance } from 'node:perf_hooks';
import type { LearnedParts } from './classifier.ts';
import { loadLinearModel, ModelFileSchema } from './linear-model.ts';
import modelFile from './model/triage-model.json' with { type: 'json' };

export function learnedParts(file: unknown): LearnedParts {
  const parsed = ModelFileSchema.parse(file);
  return { model: loadLinearModel(parsed), combiner: parsed.combiner, threatThreshold: parsed.threatThreshold };
}

const started = performance.now();
export const DEFAULT_MODEL: LearnedParts = learnedParts(modelFile);
/** Milliseconds spent expanding the model at cold start (after the JSON was parsed). */
export const MODEL_LOAD_MS = performance.now() - started;
