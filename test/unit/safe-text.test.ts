import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countReplacements, cutAt, queueSafe, SQS_REFUSED, wellFormed } from '../../lib/domain/safe-text.ts';

const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });

describe('text other services can carry', () => {
  it('keeps well-formed text exactly, emoji and supplementary CJK included', () => {
    const text = 'Zoë \u{1F338} \u{20BB7}野 — 你好';
    expect(wellFormed(text)).toBe(text);
    expect(queueSafe(text)).toBe(text);
  });

  it('replaces each unpaired surrogate with U+FFFD, and SQS-refused characters too', () => {
    expect(wellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(queueSafe('a\u0001b\uFFFEc\tok\n')).toBe('a\uFFFDb\uFFFDc\tok\n');
    expect(countReplacements(queueSafe('\u0000\u0001'))).toBe(2);
  });

  it('makes any string UTF-8 round-trippable and acceptable to SQS (property)', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        const safe = queueSafe(wellFormed(text));
        expect(Buffer.from(safe, 'utf8').toString('utf8')).toBe(safe);
        expect(SQS_REFUSED.test(safe)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never cuts a surrogate pair in half (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const cut = cutAt(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        expect(wellFormed(cut)).toBe(cut);
      }),
      { numRuns: 500 },
    );
  });
});
