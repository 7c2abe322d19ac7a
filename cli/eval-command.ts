import { BedrockSecondOpinion } from '../lib/adapters/aws/bedrock-second-opinion.ts';
import { bedrockClientOnDemand } from '../lib/adapters/aws/clients/bedrock.ts';
import { type EvaluationReport, evaluate, expectedCalibrationError, type LabelledPrediction } from '../lib/classify/evaluation.ts';
import {
  classifyWithSecondOpinion,
  DEFAULT_SECOND_OPINION_MODEL,
  InMemorySpendLimiter,
  type SecondOpinion,
  SecondOpinionSettingsSchema,
  spendMonth,
} from '../lib/classify/second-opinion.ts';
import { systemClock } from '../lib/domain/ports.ts';
import { markedExcerpt } from '../lib/domain/signal-text.ts';
import { CATEGORIES, CategorySchema, type Classification } from '../lib/domain/ticket.ts';
import * as z from '../lib/domain/zod.ts';
import { describeZodError } from '../lib/domain/zod-issues.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { readJsonlRows } from './jsonl.ts';
import { BACKENDS, loadClassifier } from './load-classifier.ts';

const HELP = `Usage: triage eval --corpus FILE.jsonl [--json] [--errors N] [--config FILE] [--model FILE]
                   [--backend combined|rules|model|bedrock] [--bedrock-model ID] [--budget-usd N]

Classifies every row {"id","subject","body","label","lang"?} of a labelled
corpus and prints precision, recall and F1 per class, macro-F1, threat recall,
the share of routine mail sent to threat or rude, and the confusion matrix —
overall and per language. --errors N also lists N misclassified rows with the
signals behind each decision. --config FILE applies classifier overrides.
--model FILE evaluates another model file than the committed one; --backend
rules or model measures one side alone (default: both together). The report
also gives the expected calibration error (ECE, 10 bins) of the confidence and
the share of messages left for review (needsReview).

--backend bedrock measures what a deployment with the second opinion enabled
does: rows the classifier leaves for review are sent to Amazon Bedrock (your
AWS credentials and AWS_REGION; --bedrock-model, default ${DEFAULT_SECOND_OPINION_MODEL}), and no
more calls are made once they may have cost --budget-usd (default 1; each call
counted at its most). The report adds how many were asked, answered and why
the others were not.`;

const RowSchema = z.object({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  subject: z._default(z.optional(z.string()), ''),
  body: z.string(),
  label: CategorySchema,
  lang: z.optional(z.string()),
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
    'bedrock-model': { type: 'string' },
    'budget-usd': { type: 'string' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  if (!values.corpus) throw new UsageError('--corpus FILE.jsonl is required');
  const maxErrors = values.errors === undefined ? 0 : Number(values.errors);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new UsageError('--errors takes a whole number');

  if (values.backend !== undefined && ![...BACKENDS, 'bedrock'].includes(values.backend)) throw new UsageError(`--backend takes ${[...BACKENDS, 'bedrock'].join(', ')}`);
  const bedrock = values.backend === 'bedrock';
  const classifier = await loadClassifier({ config: values.config, model: values.model, backend: bedrock ? 'combined' : values.backend });
  const consulted = bedrock ? secondOpinionFor(values['bedrock-model'], values['budget-usd']) : undefined;
  const predictions: LabelledPrediction[] = [];
  const calibration = new Map<string, { confidence: number; correct: boolean; review: boolean }[]>();
  const misses: Miss[] = [];
  for await (const row of readJsonlRows(values.corpus, RowSchema, 'a labelled row')) {
    const input = { subject: row.subject, body: row.body };
    const result = consulted ? await classifyWithSecondOpinion(classifier, consulted.secondOpinion, input) : classifier.classify(input);
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
  const secondOpinion = consulted?.summary();
  if (values.json) {
    console.log(JSON.stringify({ overall, byLanguage, calibration: calibrationReport, ...(secondOpinion ? { secondOpinion } : {}), errors: misses }, null, 2));
    return 0;
  }
  if (secondOpinion) {
    const why = Object.entries(secondOpinion.unavailable).map(([reason, n]) => `${reason} ${n}`);
    console.log(
      `second opinion (${secondOpinion.modelId}): asked about ${secondOpinion.asked} rows, answered ${secondOpinion.answered}${why.length > 0 ? `; not answered: ${why.join(', ')}` : ''}; reserved at most $${secondOpinion.reservedUsd.toFixed(4)}`,
    );
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

/** The Bedrock second opinion for an evaluation run, capped in memory, and its tally. */
function secondOpinionFor(modelId: string | undefined, budget: string | undefined) {
  const budgetUsd = budget === undefined ? 1 : Number(budget);
  if (!Number.isFinite(budgetUsd) || budgetUsd <= 0) throw new UsageError('--budget-usd takes a positive number of dollars');
  const settings = SecondOpinionSettingsSchema.safeParse({ ...(modelId ? { modelId } : {}), monthlyBudgetUsd: budgetUsd });
  if (!settings.success) throw new UsageError(`--bedrock-model: ${describeZodError(settings.error)}`);
  const limiter = new InMemorySpendLimiter(budgetUsd);
  const target = { region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' };
  const bedrock = new BedrockSecondOpinion(bedrockClientOnDemand(target), settings.data, limiter, systemClock);
  let asked = 0;
  let answered = 0;
  const unavailable: Record<string, number> = {};
  // Counted as the answers come back, not read back from the signals.
  const secondOpinion: SecondOpinion = {
    async review(input) {
      const answer = await bedrock.review(input);
      asked += 1;
      if (answer.kind === 'verdict') answered += 1;
      else unavailable[answer.reason] = (unavailable[answer.reason] ?? 0) + 1;
      return answer;
    },
  };
  return {
    secondOpinion,
    summary: () => ({ modelId: settings.data.modelId, asked, answered, unavailable, reservedUsd: limiter.spentIn(spendMonth(systemClock.now())) }),
  };
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
