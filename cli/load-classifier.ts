import { readFile } from 'node:fs/promises';
import { type Backend, type Classifier, createClassifier, DEFAULT_THRESHOLDS, defaultClassifier } from '../lib/classify/classifier.ts';
import { parseClassifierConfig } from '../lib/classify/classifier-config.ts';
import { DEFAULT_MODEL, learnedParts } from '../lib/classify/default-model.ts';
import { DEFAULT_LEXICON } from '../lib/classify/lexicon.ts';
import { UsageError } from './args.ts';

export const BACKENDS: readonly Backend[] = ['combined', 'rules', 'model'];

export interface ClassifierChoice {
  /** Classifier overrides (lexicon entries, thresholds) as JSON. */
  readonly config?: string | undefined;
  /** A model file other than the committed one (e.g. one just trained elsewhere). */
  readonly model?: string | undefined;
  readonly backend?: string | undefined;
}

/** The default classifier, or one tuned by a config file (--config), another model (--model) or one side alone (--backend). */
export async function loadClassifier(choice: string | undefined | ClassifierChoice): Promise<Classifier> {
  const { config, model, backend = 'combined' } = typeof choice === 'object' ? choice : { config: choice };
  if (!BACKENDS.includes(backend as Backend)) throw new UsageError(`--backend takes ${BACKENDS.join(', ')}`);
  if (!config && !model && backend === 'combined') return defaultClassifier;
  let lexicon = DEFAULT_LEXICON;
  let thresholds = DEFAULT_THRESHOLDS;
  if (config) {
    const text = await readFile(config, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${config}`, false);
    });
    ({ lexicon, thresholds } = parseClassifierConfig(text, config));
  }
  let learned = DEFAULT_MODEL;
  if (model) {
    const text = await readFile(model, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${model}`, false);
    });
    try {
      learned = learnedParts(JSON.parse(text));
    } catch (error) {
      throw new UsageError(`${model}: not a model file (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return createClassifier(lexicon, thresholds, learned, backend as Backend);
}
