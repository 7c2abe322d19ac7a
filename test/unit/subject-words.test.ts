import { describe, expect, it } from 'vitest';
import { MAX_SUBJECT_WORDS, subjectWords } from '../../lib/domain/subject-words.ts';

describe('subject words (the search index)', () => {
  it('keeps words of three letters or more, lower-cased, without common words or ticket tokens', () => {
    expect(subjectWords('Re: The KETTLE arrived broken [T-10001]')).toEqual(['kettle', 'arrived', 'broken']);
  });

  it('indexes Chinese by two-character pieces, Traditional and Simplified alike as written', () => {
    expect(subjectWords('订单没有发货')).toEqual(['订单', '单没', '没有', '有发', '发货']);
    expect(subjectWords('商品寄錯了')).toContain('寄錯');
  });

  it('bounds the entries of a long subject', () => {
    expect(subjectWords('alpha bravo charlie delta echo foxtrot golf hotel india')).toHaveLength(MAX_SUBJECT_WORDS);
  });
});
