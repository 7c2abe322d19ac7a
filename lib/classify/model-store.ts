import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `triage train` writes the committed model and its report by default (the CLI only; Lambda imports the JSON). */
export const MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'model');
export const DEFAULT_MODEL_PATH = join(MODEL_DIR, 'triage-model.json');
export const DEFAULT_REPORT_PATH = join(MODEL_DIR, 'training-report.json');
