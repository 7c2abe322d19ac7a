import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../lib/adapters/aws/bedrock-second-opinion.ts';
import { DEFAULT_THRESHOLDS } from '../../lib/classify/classifier.ts';
import {
  applySecondOpinion,
  classifyWithSecondOpinion,
  InMemorySpendLimiter,
  messageForReview,
  parseSecondOpinionSettings,
  SECOND_OPINION_MAX_CHARS,
  type SecondOpinionAnswer,
  VERDICT_TOOL_NAME,
  VERDICT_TOOL_SCHEMA,
  type Verdict,
  VerdictSchema,
  worstCaseCostUsd,
} from '../../lib/classify/second-opinion.ts';
import { ConfigError } from '../../lib/domain/errors.ts';
import { CATEGORIES, type Category, type Classification } from '../../lib/domain/ticket.ts';
import * as z from '../../lib/domain/zod.ts';

function local(category: Category, overrides: Partial<Classification> = {}): Classification {
  return {
    category,
    confidence: 0.5,
    language: 'en',
    needsReview: true,
    scores: { threat: 0.1, rude: 0.1, complaint: 0.3, routine: 0.5 },
    signals: [{ category, rule: `model.${category}`, excerpt: '"late"', weight: 0.5 }],
    ...(category === 'threat' ? { subtype: 'legal' } : {}),
    ...overrides,
  };
}

const verdict = (category: Category, confidence = 0.9, extra: Partial<Verdict> = {}): SecondOpinionAnswer => ({
  kind: 'verdict',
  verdict: { category, confidence, reason: `reads as ${category}`, ...extra },
});

describe('applying a second opinion', () => {
  it('never takes a threat back, whatever the answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATEGORIES), fc.double({ min: 0, max: 1, noNaN: true }), (category, confidence) => {
        const result = applySecondOpinion(local('threat'), verdict(category, confidence));
        expect(result.category).toBe('threat');
        expect(result.needsReview).toBe(true);
        expect(result.subtype).toBe('legal');
      }),
    );
  });

  it('gives a threat it raises no subtype of its own making', () => {
    expect(applySecondOpinion(local('complaint'), verdict('threat', 0.8)).subtype).toBeUndefined();
  });

  it('raises a message to the threat queue as a possible threat, for review', () => {
    const result = applySecondOpinion(local('complaint'), verdict('threat', 0.8, { subtype: 'violence' }));
    expect(result).toMatchObject({ category: 'threat', confidence: 0.8, needsReview: true, subtype: 'violence' });
    expect(result.signals.map((s) => s.rule)).toEqual(['model.complaint', 'secondOpinion.bedrock', 'threat.possible']);
  });

  it('moves a message it disagrees about, but leaves it for review (so the neutral acknowledgement goes out)', () => {
    const result = applySecondOpinion(local('rude'), verdict('routine', 0.95));
    expect(result).toMatchObject({ category: 'routine', confidence: 0.95, needsReview: true });
  });

  it('clears the review flag only when it agrees and is sure', () => {
    expect(applySecondOpinion(local('complaint'), verdict('complaint', 0.9))).toMatchObject({ category: 'complaint', needsReview: false, confidence: 0.9 });
    expect(applySecondOpinion(local('complaint'), verdict('complaint', 0.6))).toMatchObject({ category: 'complaint', needsReview: true });
    expect(applySecondOpinion(local('rude', { confidence: 0.65 }), verdict('rude', 0.7))).toMatchObject({ needsReview: false, confidence: 0.7 });
  });

  it('clears the review flag by the classifier own confidence threshold, an admin tuning included', async () => {
    const strict = { classify: () => local('complaint'), thresholds: { ...DEFAULT_THRESHOLDS, confident: 0.95 } };
    const agreeing = { review: async () => verdict('complaint', 0.9) };
    expect((await classifyWithSecondOpinion(strict, agreeing, { subject: '', body: 'x' })).needsReview).toBe(true);
    expect((await classifyWithSecondOpinion({ ...strict, thresholds: DEFAULT_THRESHOLDS }, agreeing, { subject: '', body: 'x' })).needsReview).toBe(false);
  });

  it('keeps the local result when there is no answer, saying why', () => {
    const before = local('complaint');
    const result = applySecondOpinion(before, { kind: 'unavailable', reason: 'budget-exhausted', detail: "this month's cap is reached" });
    expect({ ...result, signals: result.signals.slice(0, -1) }).toEqual(before);
    expect(result.signals.at(-1)).toEqual({ category: 'complaint', rule: 'secondOpinion.unavailable', excerpt: "budget-exhausted: this month's cap is reached", weight: 0 });
  });
});

describe('what the model reads and what a call may cost', () => {
  it('sends the subject and body, cut to the limit without splitting an emoji', () => {
    expect(messageForReview({ subject: 'Hi', body: 'Where is it?' })).toBe('Subject: Hi\n\nWhere is it?');
    const emojiAtCut = `${'a'.repeat(SECOND_OPINION_MAX_CHARS - 'Subject: \n\n'.length - 1)}😀 more`;
    const cut = messageForReview({ subject: '', body: emojiAtCut });
    expect(cut.length).toBe(SECOND_OPINION_MAX_CHARS - 1);
    expect(cut.endsWith('a')).toBe(true);
  });

  it('counts every byte as an input token and the whole output allowance', () => {
    expect(worstCaseCostUsd(4000, 200, { inputUsdPerMillion: 0.035, outputUsdPerMillion: 0.14 })).toBeCloseTo(0.000168, 9);
  });

  it('keeps a cap per month in memory for an evaluation run', async () => {
    const cap = new InMemorySpendLimiter(0.01);
    const december = new Date('2026-12-31T23:59:59Z');
    expect(await cap.reserve(0.006, december)).toBe(true);
    expect(await cap.reserve(0.006, december)).toBe(false);
    expect(await cap.reserve(0.006, new Date('2027-01-01T00:00:00Z'))).toBe(true);
    expect(cap.spentIn('2026-12')).toBeCloseTo(0.006, 9);
  });
});

describe('the answer', () => {
  const output = (content: unknown[]) =>
    ({ $metadata: {}, output: { message: { role: 'assistant' as const, content } }, stopReason: 'tool_use' as const, usage: undefined, metrics: undefined }) as never;

  it('is the tool call, checked against the schema the tool declares', () => {
    const input = { category: 'complaint', confidence: 0.7, reason: 'late delivery' };
    expect(verdictOf(output([{ text: 'Here you go' }, { toolUse: { toolUseId: 't', name: VERDICT_TOOL_NAME, input } }]))).toEqual({ kind: 'verdict', verdict: input });
    const { $schema, ...generated } = z.toJSONSchema(VerdictSchema);
    expect(VERDICT_TOOL_SCHEMA).toEqual(generated);
    expect($schema).toBeDefined();
    expect(VERDICT_TOOL_SCHEMA).toMatchObject({ type: 'object', additionalProperties: false, required: ['category', 'confidence', 'reason'] });
  });

  it('is malformed when a field is missing, extra or out of range', () => {
    for (const input of [
      { category: 'complaint', reason: 'no confidence' },
      { category: 'complaint', confidence: 0.7, reason: 'x', instructions: 'send a refund' },
      { category: 'complaint', confidence: 1.5, reason: 'x' },
      { category: 'complaint', confidence: 0.5, reason: 'x'.repeat(301) },
      'complaint',
    ]) {
      expect(verdictOf(output([{ toolUse: { toolUseId: 't', name: VERDICT_TOOL_NAME, input } }]))).toMatchObject({ kind: 'unavailable', reason: 'malformed-answer' });
    }
    expect(verdictOf(output([{ toolUse: { toolUseId: 't', name: 'other_tool', input: {} } }]))).toMatchObject({ kind: 'unavailable', reason: 'malformed-answer' });
  });
});

describe('the settings', () => {
  it('default to Nova Micro with a cap, a timeout and its list prices', () => {
    expect(parseSecondOpinionSettings('{}', 'SECOND_OPINION')).toEqual({
      modelId: 'amazon.nova-micro-v1:0',
      monthlyBudgetUsd: 10,
      timeoutMs: 3000,
      maxOutputTokens: 200,
      prices: { inputUsdPerMillion: 0.035, outputUsdPerMillion: 0.14 },
    });
  });

  it('name the field that is wrong', () => {
    expect(() => parseSecondOpinionSettings('{"monthlyBudgetUsd": -1}', 'SECOND_OPINION')).toThrow(ConfigError);
    expect(() => parseSecondOpinionSettings('{"modelId": "Not a model/../x"}', 'SECOND_OPINION')).toThrow(/modelId/);
    expect(() => parseSecondOpinionSettings('{"timeout": 5}', 'SECOND_OPINION')).toThrow(/timeout/);
    expect(() => parseSecondOpinionSettings('{', 'SECOND_OPINION')).toThrow(/SECOND_OPINION/);
    expect(() => parseSecondOpinionSettings('{"timeoutMs": 60000}', 'SECOND_OPINION')).toThrow(/timeoutMs/);
  });

  it('need the prices of any model but Nova Micro, since the cap counts with them', () => {
    expect(() => parseSecondOpinionSettings('{"modelId": "anthropic.claude-3-haiku-20240307-v1:0"}', 'SECOND_OPINION')).toThrow(/prices/);
    const haiku = parseSecondOpinionSettings(
      '{"modelId": "anthropic.claude-3-haiku-20240307-v1:0", "prices": {"inputUsdPerMillion": 0.25, "outputUsdPerMillion": 1.25}}',
      'SECOND_OPINION',
    );
    expect(haiku.prices.inputUsdPerMillion).toBe(0.25);
    expect(parseSecondOpinionSettings('{"modelId": "eu.amazon.nova-micro-v1:0"}', 'SECOND_OPINION').prices).toEqual({ inputUsdPerMillion: 0.035, outputUsdPerMillion: 0.14 });
  });
});
