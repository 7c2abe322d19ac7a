import { readFile } from 'node:fs/promises';
import { type Classifier, createClassifier, defaultClassifier } from '../lib/classify/classifier.ts';
import { parseClassifierConfig } from '../lib/classify/classifier-config.ts';
import { UsageError } from './args.ts';

/** The default classifier, or one tuned by a config file given with --config. */
export async function loadClassifier(configPath: string | undefined): Promise<Classifier> {
  if (!configPath) return defaultClassifier;
  const text = await readFile(configPath, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${configPath}`);
  });
  const { lexicon, thresholds } = parseClassifierConfig(text, configPath);
  return createClassifier(lexicon, thresholds);
}
