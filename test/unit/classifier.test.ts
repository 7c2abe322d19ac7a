import { describe, expect, it } from 'vitest';
import { classify, MAX_CLASSIFIED_CHARS } from '../../lib/classify/classifier.ts';

const c = (body: string, subject = '') => classify({ subject, body });

describe('classify (first rules)', () => {
  it.each([
    ['routine', 'Could you tell me when the shop opens on Saturday?'],
    ['complaint', 'The heater stopped working after two days and I would like a refund.'],
    ['rude', 'You are useless idiots, answer my email.'],
    ['threat', 'If this is not fixed I will take legal action.'],
    ['threat', 'I know where you live.'],
    ['routine', '请问发票怎么申请？'],
    ['complaint', '快递一直没收到，太慢了，我要退款。'],
    ['rude', '你们客服都是废物吗'],
    ['threat', '再不处理我就去法院起诉你们'],
  ])('%s: %s', (category, body) => {
    expect(c(body).category).toBe(category);
  });

  it('explains a decision with the rule and the excerpt that matched', () => {
    const result = c('I will sue you if my money is not returned.');
    expect(result.subtype).toBe('legal');
    expect(result.signals[0]).toMatchObject({ category: 'threat', rule: 'en.legal.action' });
    expect(result.signals[0]?.excerpt).toContain('sue');
  });

  it('ignores a negated complaint and undirected profanity', () => {
    expect(c('I am not complaining, just asking how to reset my password.').category).toBe('routine');
    expect(c('This damn printer needs a new driver, where do I get it?').category).toBe('routine');
    expect(c('我不是要投诉，只是想问一下营业时间').category).toBe('routine');
  });

  it('reads obfuscated profanity aimed at staff', () => {
    expect(c('f*ck you and your shop').category).toBe('rude');
  });

  it('detects Traditional Chinese and matches it with the same lexicon', () => {
    const result = c('我的訂單一直沒收到，我要退款');
    expect(result.language).toBe('zh-Hant');
    expect(result.category).toBe('complaint');
  });

  it('answers routine with review for empty or unknown input, and bounds huge input', () => {
    expect(c('')).toMatchObject({ category: 'routine', needsReview: true, language: 'other' });
    const huge = c('a'.repeat(MAX_CLASSIFIED_CHARS * 3));
    expect(huge.signals.some((s) => s.rule === 'input.truncated')).toBe(true);
  });
});
