import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../lib/classify/classifier.ts';
import { learnedParts } from '../../lib/classify/default-model.ts';
import { expectedCalibrationError } from '../../lib/classify/evaluation.ts';
import { forEachFeature, modelText, modelTextOfNormalised, Vectoriser } from '../../lib/classify/features.ts';
import { loadLinearModel } from '../../lib/classify/linear-model.ts';
import { normaliseForMatching } from '../../lib/classify/normalise.ts';
import { assignFolds, classWeights, DEFAULT_TRAIN_OPTIONS, type TrainingRow, type TrainOptions, trainModel } from '../../lib/classify/train.ts';
import { CATEGORIES, type Category } from '../../lib/domain/ticket.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'train-small.jsonl');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'triage.mjs');
const run = promisify(execFile);

// Small enough to train in well under a second: 4,096 buckets, three folds.
const SMALL: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, spec: { ...DEFAULT_TRAIN_OPTIONS.spec, bits: 12 }, folds: 3, epochs: 20 };

async function fixtureRows(): Promise<TrainingRow[]> {
  const text = await readFile(FIXTURE, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; lang: string; label: Category; subject: string; body: string })
    .map((r) => ({ ...r, input: 'train-small.jsonl' }));
}

describe('training the linear model', () => {
  let rows: TrainingRow[];
  beforeAll(async () => {
    rows = await fixtureRows();
  });

  it('gives the same model, byte for byte, from the same rows', () => {
    const inputs = [{ name: 'train-small.jsonl', sha256: 'x', rows: rows.length }];
    const first = JSON.stringify(trainModel(rows, inputs, SMALL).file);
    const second = JSON.stringify(trainModel(rows, inputs, SMALL).file);
    expect(second).toBe(first);
    // …and a different seed gives different weights, so the check above can fail.
    expect(JSON.stringify(trainModel(rows, inputs, { ...SMALL, seed: 99 }).file)).not.toBe(first);
  });

  it('learns the training rows and reports cross-validated figures per language and class', () => {
    const result = trainModel(rows, [], SMALL);
    const model = loadLinearModel(result.file);
    const right = rows.filter((r) => {
      const p = model.predict(`${r.subject}\n${r.body}`).probabilities;
      return CATEGORIES.reduce((best, c) => (p[c] > p[best] ? c : best)) === r.label;
    });
    expect(right.length / rows.length).toBeGreaterThan(0.9);
    const cv = result.crossValidation.model;
    expect(Object.keys(cv.byLanguage)).toEqual(['en', 'zh']);
    expect(cv.overall.rows).toBe(rows.length);
    for (const c of CATEGORIES) expect(cv.byLanguage.en!.perClass[c].support).toBe(6);
    expect(result.file.temperature).toBeGreaterThan(0);
    expect(result.file.threatThreshold).toBeGreaterThan(0);
    expect(result.file.threatThreshold).toBeLessThan(1);
  });

  it('makes a classifier whose signals name the n-grams behind the model', () => {
    const result = trainModel(rows, [], SMALL);
    const classifier = createClassifier(undefined, undefined, learnedParts(result.file));
    const out = classifier.classify({ subject: '', body: 'The blender arrived broken and I want a refund, it is two weeks late.' });
    expect(out.category).toBe('complaint');
    const model = out.signals.find((s) => s.rule === 'model.complaint');
    expect(model?.excerpt).toMatch(/"[^"]+"/);
    expect(out.confidence).toBeGreaterThan(0);
    expect(out.confidence).toBeLessThanOrEqual(1);
  });

  it('deals stratified folds deterministically', () => {
    const folds = assignFolds(rows, 3);
    expect(assignFolds(rows, 3)).toEqual(folds);
    for (let k = 0; k < 3; k += 1) {
      const inFold = rows.filter((_, i) => folds[i] === k);
      expect(inFold.filter((r) => r.lang === 'en' && r.label === 'threat')).toHaveLength(2);
    }
  });

  it('weighs a scarce class up within its language, capped', () => {
    const skewed: TrainingRow[] = [
      ...Array.from({ length: 90 }, (_, i) => ({ id: `r${i}`, lang: 'en', label: 'routine' as const, subject: '', body: 'hello' })),
      ...Array.from({ length: 9 }, (_, i) => ({ id: `c${i}`, lang: 'en', label: 'complaint' as const, subject: '', body: 'broken' })),
      { id: 't', lang: 'en', label: 'threat', subject: '', body: 'court' },
    ];
    const weights = classWeights(skewed, { ...SMALL, classWeightCap: 20 });
    expect(weights.get('en/routine')).toBeCloseTo(100 / (4 * 90), 6);
    expect(weights.get('en/complaint')).toBeCloseTo(100 / (4 * 9), 6);
    expect(weights.get('en/threat')).toBe(20); // 25 before the cap
  });
});

describe('features', () => {
  it('reads text the way the rules do, without where it was published', () => {
    expect(modelText('@acme Check https://x.example/a?b=1 &amp; order 12345 ASAP')).toBe(' check order 0 asap ');
    expect(modelText('我們的訂單')).toBe(modelText('我们的订单'));
  });

  it('hashes the same text to the same buckets, Han characters alone included, Latin letters alone not', () => {
    const spec = DEFAULT_TRAIN_OPTIONS.spec;
    const collect = (t: string) => {
      const out: string[] = [];
      forEachFeature(modelText(t), spec, (b, s, e, word) => out.push(`${b}:${t.length}:${e - s}:${word}`));
      return out;
    };
    expect(collect('refund please')).toEqual(collect('refund please'));
    const unigrams: string[] = [];
    forEachFeature(modelText('a 退'), spec, (_b, s, e, word) => {
      if (!word && e - s === 1) unigrams.push(modelText('a 退').slice(s, e));
    });
    expect(unigrams).toEqual(['退']);
  });

  it('vectorises to exactly the distinct features forEachFeature lists, with values of length 1', () => {
    const spec = DEFAULT_TRAIN_OPTIONS.spec;
    for (const raw of ['Where is my refund? Order 123, placed last week.', '我們的訂單還沒收到，請儘快處理 please', '']) {
      const text = modelText(raw);
      const listed = new Set<number>();
      forEachFeature(text, spec, (b) => listed.add(b));
      const v = new Vectoriser(spec);
      v.vectorise(text);
      expect([...v.buckets.subarray(0, v.size)].sort((a, b) => a - b)).toEqual([...listed].sort((a, b) => a - b));
      const length = Math.sqrt([...v.values.subarray(0, v.size)].reduce((n, x) => n + x * x, 0));
      expect(length).toBeCloseTo(raw === '' ? 0 : 1, 10);
    }
  });

  it('folds digits and spaces in one pass exactly as modelText does', () => {
    const spec = DEFAULT_TRAIN_OPTIONS.spec;
    const a = new Vectoriser(spec);
    const b = new Vectoriser(spec);
    const same = (raw: string) => {
      const normalised = normaliseForMatching(raw);
      a.vectorise(modelTextOfNormalised(normalised));
      b.vectoriseNormalised(normalised);
      expect([...b.buckets.subarray(0, b.size)]).toEqual([...a.buckets.subarray(0, a.size)]);
      expect([...b.values.subarray(0, b.size)]).toEqual([...a.values.subarray(0, a.size)]);
    };
    for (const raw of ['', '  ', 'Re: Fwd: order 12 345\t\n\u00a0 arrived 2x', '  @shop  see https://x.example  ', '订单１２３号\u3000还没到 ']) same(raw);
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\u00a0', '1', '2', '退', '款', 'x', '@', '.'), maxLength: 60 }), same), { numRuns: 300 });
  });

  it('rejects a model file whose weights do not fit its buckets', async () => {
    const file = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'lib', 'classify', 'model', 'triage-model.json'), 'utf8'));
    expect(() => loadLinearModel({ ...file, weights: Buffer.from([1, 2, 3]).toString('base64') })).toThrow(/bytes, expected/);
    expect(() => loadLinearModel({ ...file, format: 'something-else' })).toThrow();
  });
});

describe('expected calibration error', () => {
  it('is 0 when confidence matches accuracy and grows with overconfidence', () => {
    const honest = [true, true, true, false].map((correct) => ({ confidence: 0.75, correct }));
    expect(expectedCalibrationError(honest)).toBeCloseTo(0, 10);
    expect(expectedCalibrationError([{ confidence: 0.95, correct: true }])).toBeCloseTo(0.05, 10);
    expect(expectedCalibrationError([{ confidence: 0.95, correct: false }])).toBeCloseTo(0.95, 10);
  });
});

describe('triage train', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'triage-train-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the model and a cross-validated report, and the same corpus gives the same bytes', async () => {
    const args = (n: number) => ['train', '--corpus', FIXTURE, '--bits', '14', '--out', join(dir, `m${n}.json`), '--report', join(dir, `r${n}.json`)];
    const first = await run(process.execPath, [BIN, ...args(1)]);
    await run(process.execPath, [BIN, ...args(2)]);
    expect(first.stdout).toMatch(/trained on 48 rows from 1 file/);
    expect(first.stdout).toMatch(/rules \+ model/);
    const [m1, m2] = await Promise.all([readFile(join(dir, 'm1.json')), readFile(join(dir, 'm2.json'))]);
    expect(m1.equals(m2)).toBe(true);
    const report = JSON.parse(await readFile(join(dir, 'r1.json'), 'utf8'));
    expect(report.training.inputs[0]).toMatchObject({ name: 'train-small.jsonl', rows: 48 });
    expect(report.crossValidation.folds).toBe(5);
    expect(Object.keys(report.crossValidation.rulesAndModel.byLanguage)).toEqual(['en', 'zh']);
    expect(report.crossValidation.modelAlone.byLanguage.zh.perClass.threat.support).toBe(6);
    expect(report.model.bytes).toBe(m1.length);
  });

  it('refuses a corpus that lacks a class, and a bad row, with exit code 2', async () => {
    const partial = join(dir, 'partial.jsonl');
    await writeFile(partial, `${JSON.stringify({ id: 1, lang: 'en', label: 'routine', body: 'hi' })}\n`);
    const missing = await run(process.execPath, [BIN, 'train', '--corpus', partial, '--out', join(dir, 'x.json')]).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toMatch(/no rows labelled threat/);
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id":1,"lang":"en","label":"spam","body":"x"}\n');
    const invalid = await run(process.execPath, [BIN, 'train', '--corpus', bad]).catch((e: { code: number; stderr: string }) => e);
    expect(invalid).toMatchObject({ code: 2 });
    expect((invalid as { stderr: string }).stderr).toMatch(/bad\.jsonl:1: not a labelled row/);
  });
});
