import { z } from 'zod';
import { type EvaluationReport, evaluate, expectedCalibrationError, type LabelledPrediction } from '../lib/classify/evaluation.ts';
import { markedExcerpt } from '../lib/domain/signal-text.ts';
import { CATEGORIES, CategorySchema, type Classification } from '../lib/domain/ticket.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { readJsonlRows } from './jsonl.ts';
import { loadClassifier } from './load-classifier.ts';

const HELP = `Usage: triage eval --corpus FILE.jsonl [--json] [--errors N] [--config FILE] [--model FILE] [--backend combined|rules|model]

Classifies every row {"id","subject","body","label","lang"?} of a labelled
corpus and prints precision, recall and F1 per class, macro-F1, threat recall,
the share of routine mail sent to threat or rude, and the confusion matrix —
overall and per language. --errors N also lists N misclassified rows with the
signals behind each decision. --config FILE applies classifier overrides.
--model FILE evaluates another model file than the committed one; --backend
rules or model measures one side alone (default: both together). The report
also gives the expected calibration error (ECE, 10 bins) of the confidence and
the share of messages left for review (needsReview).`;

const RowSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  subject: z.string().optional().default(''),
  body: z.string(),
  label: CategorySchema,
  lang: z.string().optional(),
});

interface Miss {
  readonly id: string;
  readonly gold: string;
  readonly result: Classification;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    corpus: { type: 'string' },
    json: { type: 'boolean' },
    errors: { type: 'string' },
    config: { type: 'string' },
    model: { type: 'string' },
    backend: { type: 'string' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  if (!values.corpus) throw new UsageError('--corpus FILE.jsonl is required');
  const maxErrors = values.errors === undefined ? 0 : Number(values.errors);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new UsageError('--errors takes a whole number');

  const classifier = await loadClassifier({ config: values.config, model: values.model, backend: values.backend });
  const predictions: LabelledPrediction[] = [];
  const calibration = new Map<string, { confidence: number; correct: boolean; review: boolean }[]>();
  const misses: Miss[] = [];
  for await (const row of readJsonlRows(values.corpus, RowSchema, 'a labelled row')) {
    const result = classifier.classify({ subject: row.subject, body: row.body });
    const group = row.lang ?? (result.language.startsWith('zh') ? 'zh' : result.language);
    predictions.push({ id: row.id, group, gold: row.label, predicted: result.category });
    for (const key of ['all', group]) {
      const list = calibration.get(key) ?? [];
      list.push({ confidence: result.confidence, correct: result.category === row.label, review: result.needsReview });
      calibration.set(key, list);
    }
    if (result.category !== row.label && misses.length < maxErrors) misses.push({ id: row.id, gold: row.label, result });
  }
  if (predictions.length === 0) throw new UsageError(`${values.corpus} has no rows`);

  const groups = [...new Set(predictions.map((p) => p.group))].sort();
  const overall = evaluate(predictions);
  const byLanguage = Object.fromEntries(groups.map((g) => [g, evaluate(predictions.filter((p) => p.group === g))]));
  const calibrationOf = (key: string) => {
    const items = calibration.get(key) ?? [];
    const reviewed = items.filter((i) => i.review);
    const kept = items.filter((i) => !i.review);
    return {
      ece: expectedCalibrationError(items),
      needsReview: items.length === 0 ? 0 : reviewed.length / items.length,
      accuracyNotReviewed: kept.length === 0 ? 0 : kept.filter((i) => i.correct).length / kept.length,
      accuracyReviewed: reviewed.length === 0 ? 0 : reviewed.filter((i) => i.correct).length / reviewed.length,
    };
  };
  const calibrationReport = Object.fromEntries(['all', ...groups].map((k) => [k, calibrationOf(k)]));
  if (values.json) {
    console.log(JSON.stringify({ overall, byLanguage, calibration: calibrationReport, errors: misses }, null, 2));
    return 0;
  }
  printReport('all languages', overall, calibrationReport.all!);
  for (const g of groups) printReport(`language ${g}`, byLanguage[g]!, calibrationReport[g]!);
  if (misses.length > 0) {
    console.log(`\nMisclassified (first ${misses.length})`);
    for (const m of misses) {
      const why = m.result.signals.map((s) => `${s.rule}: "${markedExcerpt(s)}"`).join('; ') || 'no signals';
      console.log(`  ${m.id}  gold ${m.gold} → ${m.result.category}  (${why})`);
    }
  }
  return 0;
}

function printReport(title: string, r: EvaluationReport, c: { ece: number; needsReview: number; accuracyNotReviewed: number; accuracyReviewed: number }): void {
  const pct = (n: number) => n.toFixed(3);
  console.log(
    `\n== ${title}: ${r.rows} rows, macro-F1 ${pct(r.macroF1)}, accuracy ${pct(r.accuracy)}, threat recall ${pct(r.perClass.threat.recall)}, routine→threat/rude ${(r.routineToThreatOrRude * 100).toFixed(1)} %`,
  );
  console.log(
    `  calibration: ECE ${pct(c.ece)}; needsReview ${(c.needsReview * 100).toFixed(1)} % (accuracy ${pct(c.accuracyReviewed)} there, ${pct(c.accuracyNotReviewed)} elsewhere)`,
  );
  console.log('  class       precision  recall  F1     support');
  for (const c of CATEGORIES) {
    const s = r.perClass[c];
    console.log(`  ${c.padEnd(10)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1)}  ${String(s.support).padStart(7)}`);
  }
  console.log(`  confusion (rows gold, columns predicted): ${CATEGORIES.join(' / ')}`);
  for (const g of CATEGORIES) console.log(`  ${g.padEnd(10)}  ${CATEGORIES.map((p) => String(r.confusion[g][p]).padStart(5)).join(' ')}`);
}
