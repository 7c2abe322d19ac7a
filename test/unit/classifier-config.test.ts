import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../lib/classify/classifier.ts';
import { parseClassifierConfig, resolveClassifierConfig } from '../../lib/classify/classifier-config.ts';
import { ConfigError } from '../../lib/domain/errors.ts';

// The config changes the rules; these cases look at the rules alone (learned: null), so the model cannot mask the change.
const classifierFrom = (config: unknown) => {
  const { lexicon, thresholds } = resolveClassifierConfig(config);
  return createClassifier(lexicon, thresholds, null);
};

describe('classifier config', () => {
  it('adds an entry that changes a decision', () => {
    const body = 'Your product is a total lemon.';
    expect(classifierFrom({}).classify({ subject: '', body }).category).toBe('routine');
    const tuned = classifierFrom({ lexicon: { add: [{ id: 'shop.complaint.lemon', category: 'complaint', language: 'en', weight: 0.7, terms: ['lemon'] }] } });
    const result = tuned.classify({ subject: '', body });
    expect(result.category).toBe('complaint');
    expect(result.signals[0]?.rule).toBe('shop.complaint.lemon');
  });

  it('removes and overrides entries and thresholds', () => {
    expect(classifierFrom({ lexicon: { remove: ['en.threat.legal-action', 'en.threat.legal-word'] } }).classify({ subject: '', body: 'I will sue.' }).category).not.toBe('threat');
    expect(classifierFrom({ lexicon: { override: { 'zh.rude.profanity': { extraTerms: ['坏蛋'] } } } }).classify({ subject: '', body: '你们这些坏蛋' }).category).toBe('rude');
    expect(classifierFrom({ thresholds: { complaint: 0.9 } }).classify({ subject: '', body: 'It arrived broken.' }).category).toBe('routine');
  });

  it('applies to the rules inside the combined classifier too', () => {
    const { lexicon, thresholds } = resolveClassifierConfig({
      lexicon: { add: [{ id: 'shop.threat.flood', category: 'threat', language: 'en', weight: 1, terms: ['flood your inbox'] }] },
      thresholds: { confident: 1 },
    });
    const combined = createClassifier(lexicon, thresholds);
    const result = combined.classify({ subject: '', body: 'Answer today or I flood your inbox with letters.' });
    expect(result.category).toBe('threat');
    expect(result.signals.map((s) => s.rule)).toContain('shop.threat.flood');
    // confident: 1 leaves every decision to review
    expect(combined.classify({ subject: '', body: 'When do you open on Saturday?' }).needsReview).toBe(true);
  });

  it.each([
    [{ thresholds: { threat: 2 } }, 'thresholds.threat'],
    [{ colour: 'blue' }, 'colour'],
    [{ lexicon: { add: [{ id: 'x', category: 'spam', language: 'en', weight: 1, terms: ['a'] }] } }, 'lexicon.add.0.category'],
    [{ lexicon: { add: [{ id: 'x', category: 'rude', language: 'en', weight: 1, terms: ['(unclosed'] }] } }, 'lexicon.add.0.terms.0: is not a valid regular expression'],
    [{ lexicon: { remove: ['no.such.entry'] } }, "lexicon.remove: unknown entry 'no.such.entry'"],
    [{ lexicon: { override: { 'no.such': { weight: 1 } } } }, 'lexicon.override.no.such: unknown entry'],
    [{ lexicon: { add: [{ id: 'en.rude.profanity', category: 'rude', language: 'en', weight: 1, terms: ['x'] }] } }, 'already exists'],
  ])('rejects %j naming %s', (config, field) => {
    expect(() => resolveClassifierConfig(config)).toThrow(ConfigError);
    expect(() => resolveClassifierConfig(config)).toThrow(field);
  });

  it('rejects a file that is not JSON', () => {
    expect(() => parseClassifierConfig('{oops', 'classifier.json')).toThrow(/classifier\.json is not valid JSON/);
  });
});
