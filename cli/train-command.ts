import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EvaluationReport } from '../lib/classify/evaluation.ts';
import { DEFAULT_MODEL_PATH, DEFAULT_REPORT_PATH } from '../lib/classify/model-store.ts';
import { type CrossValidated, DEFAULT_TRAIN_OPTIONS, type TrainingInput, type TrainingResult, type TrainingRow, type TrainOptions, trainModel } from '../lib/classify/train.ts';
import { CATEGORIES, CategorySchema } from '../lib/domain/ticket.ts';
import * as z from '../lib/domain/zod.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { readJsonlRows } from './jsonl.ts';
import { terminalProgress } from './progress.ts';

const HELP = `Usage: triage train --corpus FILE.jsonl [--corpus FILE.jsonl …] [--out MODEL.json] [--report REPORT.json]

Trains the learned part of the classifier (logistic regression over hashed
character and word n-grams) from labelled JSONL rows
{"id","lang","label","subject"?,"body"} with labels threat|rude|complaint|routine,
cross-validates it (5 folds, per class and language), fits its calibration, and
writes the model (default ${DEFAULT_MODEL_PATH.replace(/^.*\/lib\//, 'lib/')}) and the training report
(default ${DEFAULT_REPORT_PATH.replace(/^.*\/lib\//, 'lib/')}). The same files in the same order give the same
model, byte for byte. Never train on the DEV set you validate on.

Options:
  --corpus FILE        labelled rows (repeatable)
  --out PATH           where to write the model
  --report PATH        where to write the training report (JSON)
  --bits N             log2 of the hash buckets (default ${DEFAULT_TRAIN_OPTIONS.spec.bits})
  --chars MIN-MAX      character n-gram lengths (default ${DEFAULT_TRAIN_OPTIONS.spec.charMin}-${DEFAULT_TRAIN_OPTIONS.spec.charMax}; 0 for none)
  --ascii-min N        shortest character n-gram starting with an ASCII character (default ${DEFAULT_TRAIN_OPTIONS.spec.asciiMin})
  --words N            word n-grams up to N (default ${DEFAULT_TRAIN_OPTIONS.spec.wordMax}; 0 for none)
  --epochs N           SGD passes (default ${DEFAULT_TRAIN_OPTIONS.epochs})
  --tf count|log|binary  value of a feature seen c times: c, 1 + ln c, or 1 (default ${DEFAULT_TRAIN_OPTIONS.spec.tf})
  --idf on|off         scale features by inverse document frequency (default ${DEFAULT_TRAIN_OPTIONS.idf ? 'on' : 'off'})
  --lambda X           L2 regularisation (default ${DEFAULT_TRAIN_OPTIONS.lambda})
  --input-weight-cap N how much more a row of a small input file may count (default ${DEFAULT_TRAIN_OPTIONS.inputWeightCap}; 1: all alike)
  -q, --quiet          no progress on standard error (none is shown when it is not a terminal)`;

const RowSchema = z.object({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  lang: z.string(),
  label: CategorySchema,
  subject: z._default(z.optional(z.string()), ''),
  body: z.string(),
});

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    corpus: { type: 'string', multiple: true },
    quiet: { type: 'boolean', short: 'q' },
    out: { type: 'string' },
    report: { type: 'string' },
    bits: { type: 'string' },
    chars: { type: 'string' },
    words: { type: 'string' },
    epochs: { type: 'string' },
    'input-weight-cap': { type: 'string' },
    tf: { type: 'string' },
    idf: { type: 'string' },
    lambda: { type: 'string' },
    'ascii-min': { type: 'string' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  const corpora = values.corpus ?? [];
  if (corpora.length === 0) throw new UsageError('--corpus FILE.jsonl is required (repeatable)');
  const options = trainOptions(values);
  const progress = terminalProgress({ quiet: values.quiet === true });

  const rows: TrainingRow[] = [];
  const inputs: TrainingInput[] = [];
  const ids = new Set<string>();
  await progress.step(`Reading ${corpora.length} corpus file${corpora.length === 1 ? '' : 's'}`, async (update) => {
    for (const path of corpora) {
      const bytes = await readFile(path).catch(() => {
        throw new UsageError(`cannot read ${path}`, false);
      });
      let n = 0;
      for await (const row of readJsonlRows(path, RowSchema, 'a labelled row {"id","lang","label","body"}')) {
        // The same id in two files is one text: keep the first.
        const key = `${row.lang}:${row.id}`;
        if (ids.has(key)) continue;
        ids.add(key);
        rows.push({ id: row.id, lang: row.lang.startsWith('zh') ? 'zh' : row.lang, label: row.label, subject: row.subject, body: row.body, input: basename(path) });
        n += 1;
      }
      inputs.push({ name: basename(path), sha256: createHash('sha256').update(bytes).digest('hex'), rows: n });
      update(`${rows.length.toLocaleString('en')} rows`);
    }
  });
  if (rows.length === 0) throw new UsageError('the corpus files have no rows');
  for (const c of CATEGORIES) if (!rows.some((r) => r.label === c)) throw new UsageError(`no rows labelled ${c}: every class needs examples`);

  const started = performance.now();
  // One synchronous computation: the line stands still until it is done, then says how long it took.
  const result = await progress.step(`Training and ${options.folds}-fold cross-validation`, async () => trainModel(rows, inputs, options));
  const seconds = (performance.now() - started) / 1000;

  const out = values.out ?? DEFAULT_MODEL_PATH;
  const reportPath = values.report ?? DEFAULT_REPORT_PATH;
  const modelJson = `${JSON.stringify(result.file)}\n`;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, modelJson);
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, `${JSON.stringify(report(result, modelJson.length), null, 2)}\n`);

  console.log(`trained on ${rows.length} rows from ${inputs.length} file(s) in ${seconds.toFixed(1)} s`);
  console.log(`model ${result.file.version}: ${out} (${(modelJson.length / 1024).toFixed(0)} KiB), report: ${reportPath}`);
  console.log(`${options.folds}-fold cross-validation (model temperature ${result.file.temperature}, learned threat threshold ${result.file.threatThreshold}):`);
  for (const [name, cv] of [
    ['rules alone (not trained)', result.crossValidation.rules],
    ['model alone', result.crossValidation.model],
    ['rules + model', result.crossValidation.combined],
  ] as const) {
    console.log(`  ${name} (ECE ${cv.ece.toFixed(3)})`);
    for (const [lang, r] of Object.entries(cv.byLanguage)) {
      const f1 = CATEGORIES.map((c) => `${c} ${r.perClass[c].f1.toFixed(3)}`).join(', ');
      console.log(
        `    ${lang}: ${r.rows} rows, macro-F1 ${r.macroF1.toFixed(3)}, threat recall ${r.perClass.threat.recall.toFixed(3)}, routine→threat/rude ${(r.routineToThreatOrRude * 100).toFixed(1)} % (F1: ${f1})`,
      );
    }
    for (const [input, r] of Object.entries(cv.byInput)) {
      console.log(
        `      ${input}: macro-F1 ${r.macroF1.toFixed(3)}, threat recall ${r.perClass.threat.recall.toFixed(3)}, routine→threat/rude ${(r.routineToThreatOrRude * 100).toFixed(1)} %`,
      );
    }
  }
  return 0;
}

function report(result: TrainingResult, modelBytes: number) {
  const { file, crossValidation } = result;
  return {
    model: {
      version: file.version,
      format: file.format,
      bytes: modelBytes,
      features: file.features,
      temperature: file.temperature,
      threatThreshold: file.threatThreshold,
      combiner: file.combiner,
    },
    training: file.training,
    crossValidation: {
      folds: crossValidation.folds,
      rulesAlone: cvReport(crossValidation.rules),
      modelAlone: cvReport(crossValidation.model),
      rulesAndModel: cvReport(crossValidation.combined),
    },
  };
}

function cvReport(cv: CrossValidated) {
  return {
    ece: round(cv.ece),
    overall: summarise(cv.overall),
    byLanguage: Object.fromEntries(Object.entries(cv.byLanguage).map(([k, v]) => [k, summarise(v)])),
    byInput: Object.fromEntries(Object.entries(cv.byInput).map(([k, v]) => [k, summarise(v)])),
  };
}

function summarise(r: EvaluationReport) {
  return {
    rows: r.rows,
    macroF1: round(r.macroF1),
    accuracy: round(r.accuracy),
    routineToThreatOrRude: round(r.routineToThreatOrRude),
    perClass: Object.fromEntries(
      CATEGORIES.map((c) => [c, { precision: round(r.perClass[c].precision), recall: round(r.perClass[c].recall), f1: round(r.perClass[c].f1), support: r.perClass[c].support }]),
    ),
    confusion: r.confusion,
  };
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} takes ${allowed.join(', ')}`);
  return value as T;
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} takes a positive number`);
  return n;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

function trainOptions(values: {
  bits?: string;
  chars?: string;
  words?: string;
  epochs?: string;
  'input-weight-cap'?: string;
  tf?: string;
  idf?: string;
  lambda?: string;
  'ascii-min'?: string;
}): TrainOptions {
  const int = (s: string | undefined, name: string, min: number, max: number, fallback: number) => {
    if (s === undefined) return fallback;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}`);
    return n;
  };
  let { charMin, charMax } = DEFAULT_TRAIN_OPTIONS.spec;
  if (values.chars !== undefined) {
    const m = /^(\d)(?:-(\d))?$/.exec(values.chars);
    if (!m) throw new UsageError('--chars takes MIN-MAX, e.g. 1-4, or 0');
    charMin = Number(m[1]);
    charMax = Number(m[2] ?? m[1]);
    if (charMin === 0) charMax = 0;
    if (charMax < charMin) throw new UsageError('--chars: MAX must be at least MIN');
  }
  return {
    ...DEFAULT_TRAIN_OPTIONS,
    spec: {
      bits: int(values.bits, 'bits', 12, 22, DEFAULT_TRAIN_OPTIONS.spec.bits),
      charMin: Math.max(1, charMin),
      charMax,
      asciiMin: int(values['ascii-min'], 'ascii-min', 1, 8, DEFAULT_TRAIN_OPTIONS.spec.asciiMin),
      wordMax: int(values.words, 'words', 0, 2, DEFAULT_TRAIN_OPTIONS.spec.wordMax),
      tf: oneOf(values.tf, 'tf', ['count', 'log', 'binary'] as const, DEFAULT_TRAIN_OPTIONS.spec.tf),
    },
    idf: oneOf(values.idf, 'idf', ['on', 'off'] as const, DEFAULT_TRAIN_OPTIONS.idf ? 'on' : 'off') === 'on',
    lambda: values.lambda === undefined ? DEFAULT_TRAIN_OPTIONS.lambda : positive(values.lambda, 'lambda'),
    epochs: int(values.epochs, 'epochs', 1, 100, DEFAULT_TRAIN_OPTIONS.epochs),
    inputWeightCap: int(values['input-weight-cap'], 'input-weight-cap', 1, 10, DEFAULT_TRAIN_OPTIONS.inputWeightCap),
  };
}
