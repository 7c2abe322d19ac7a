import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEGATION_EN, NEGATION_ZH } from '../../lib/classify/compile-lexicon.ts';
import { DEFAULT_LEXICON, type LexiconEntry } from '../../lib/classify/lexicon.ts';
import { LiteralScanner, spellings } from '../../lib/classify/literal-scanner.ts';
import { normaliseForMatching } from '../../lib/classify/normalise.ts';
import { requiredStrings } from '../../lib/classify/required-strings.ts';
import { compileRules, scoreRules } from '../../lib/classify/rules.ts';

/** The plain way to match the lexicon (one regex per entry over all its terms): the fast path must agree with it. */
function referenceMatches(text: string, lexicon: readonly LexiconEntry[]): string[] {
  const han = /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
  const out: string[] = [];
  for (const entry of lexicon) {
    if (entry.language === 'zh' && !han) continue;
    const alternation = entry.terms.map((t) => `(?:${t})`).join('|');
    const pattern = new RegExp(entry.language === 'en' ? `\\b(?:${alternation})\\b` : `(?:${alternation})`, 'g');
    for (const match of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, match.index - 30), match.index);
      if (entry.negatable && (entry.language === 'en' ? NEGATION_EN : NEGATION_ZH).test(before)) continue;
      out.push(entry.id);
      break;
    }
  }
  return out;
}

describe('spellings: plain terms become strings', () => {
  it.each([
    ['refund', ['refund']],
    ['complaints?', ['complaints', 'complaint']],
    ['(?:is|was) down', ['is down', 'was down']],
    ['傻[逼比]', ['傻逼', '傻比']],
    ['a\\.b', ['a.b']],
    ['x(?:a|b)?y', ['xay', 'xby', 'xy']],
  ])('%s', (term, expected) => {
    expect(spellings(term)).toEqual(expected);
  });

  it.each(['\\bsb\\b', 'f+u+c+k', 'why \\w+', 'a.{0,4}b', '[^x]y', '(?=a)b', 'a*', '(?:a|)'])('leaves %s to a regex', (term) => {
    expect(spellings(term)).toBeNull();
  });
});

describe('LiteralScanner', () => {
  it('finds bounded literals only on word boundaries, as \\b does', () => {
    const scanner = new LiteralScanner([{ text: 'late', rule: 0, bounded: true }]);
    const hits: number[] = [];
    scanner.scan('late, chocolate, lately, late', (_r, index) => hits.push(index));
    expect(hits).toEqual([0, 25]);
  });

  it('reports every literal at a position, longest first, and a word tail when asked', () => {
    const scanner = new LiteralScanner([
      { text: '贱', rule: 0, bounded: false },
      { text: '贱人', rule: 1, bounded: false },
      { text: 'frustrat', rule: 2, bounded: true, tail: 'any' },
    ]);
    const hits: string[] = [];
    const text = '你这贱人 so frustrating';
    scanner.scan(text, (rule, index, length) => hits.push(`${rule}:${text.slice(index, index + length)}`));
    expect(hits).toEqual(['0:贱', '1:贱人', '2:frustrating']);
  });

  it('agrees with a regex on where plain words occur (property)', () => {
    const words = ['late', 'lat', 'ate', 'at', 'l', 'te', 'a'];
    const text = fc.array(fc.constantFrom('late', 'lat', 'chocolate', 'at', 'x', ' ', ',', 'ate', '_', '9', '\n'), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...words), fc.boolean(), (t, word, bounded) => {
        const scanner = new LiteralScanner([{ text: word, rule: 0, bounded }]);
        const hits: number[] = [];
        scanner.scan(t, (_r, index) => hits.push(index));
        const source = bounded ? `\\b${word}\\b` : word;
        // Overlapping occurrences too: a lookahead reports every start.
        const expected = [...t.matchAll(new RegExp(`(?=${source})`, 'g'))].map((m) => m.index);
        expect(hits).toEqual(expected);
      }),
    );
  });
});

describe('requiredStrings: what a regex cannot match without', () => {
  it.each([
    ['\\bab(?:cde|fgh)\\b', ['abcde', 'abfgh'], true],
    ['foo\\w*bar', ['foo'], false],
    ['\\b(?:i|we)\\b[^.]{0,5}(?:kill|stab)', ['kill', 'stab'], false],
    ['\\b(?:(?:dis\\w*)|(?:worst))\\b', ['dis', 'worst'], true],
  ])('%s', (source, strings, atWordStart) => {
    expect(requiredStrings(source)).toEqual({ strings, atWordStart });
  });

  it.each(['\\w+', 'a|\\w', '(?:ab)?', 'x.y', '[^a]bc'])('knows nothing useful of %s', (source) => {
    expect(requiredStrings(source)).toBeNull();
  });

  it('is sound: whenever a regex matches, one of its required strings is in the match (property)', () => {
    const atom = fc.constantFrom('ab', 'cat', 'dog', 'x', '\\b', '\\w*', '\\s+', '[ab]', '(?:cat|dog)', '(?:red|blue)?', 'o+', '.', '\\d');
    const pattern = fc.array(atom, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    const alternation = fc.array(pattern, { minLength: 1, maxLength: 3 }).map((a) => a.join('|'));
    const text = fc.array(fc.constantFrom('ab', 'cat', 'dog', 'x', ' ', 'red', 'blue', 'o', '7', 'b', 'a', 'zz'), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(alternation, text, (source, t) => {
        const required = requiredStrings(source);
        const match = new RegExp(source).exec(t);
        if (!required || !match) return;
        const at = match.index;
        const inMatch = required.strings.filter((s) => t.slice(at, at + match[0].length).includes(s));
        expect(inMatch.length).toBeGreaterThan(0);
        if (required.atWordStart) {
          const starts = required.strings.flatMap((s) => [...t.matchAll(new RegExp(`\\b(?=${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'g'))]);
          expect(starts.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scoreRules: the fast path finds exactly what one regex per entry finds', () => {
  const rules = compileRules(DEFAULT_LEXICON);
  // Words the lexicon knows and words it does not, in both languages, with negations and punctuation between.
  const pieces = [
    'i will',
    'we are going to',
    'contact my lawyer',
    'take legal action',
    'sue you',
    'hurt',
    'you idiots',
    'not',
    "don't",
    'refund',
    'still broken',
    'terrible',
    'frustrating',
    'again',
    'report you to the police',
    'if this is not fixed',
    'thanks',
    'the order',
    '我',
    '要',
    '起诉',
    '你们',
    '投诉',
    '不',
    '太慢了',
    '傻逼',
    '法院',
    '质量',
    '没收到',
    '，',
    '。',
    ' ',
    '.',
    '\n',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => normaliseForMatching(p.join(' ')));

  it('on texts built from lexicon words (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(scoreRules(t, rules).hits.map((h) => h.entry.id)).toEqual(referenceMatches(t, DEFAULT_LEXICON));
      }),
      { numRuns: 3000 },
    );
  });

  it('on every spelling of every plain term, in a sentence', () => {
    for (const entry of DEFAULT_LEXICON) {
      for (const term of entry.terms) {
        for (const spelling of spellings(term) ?? []) {
          const t = normaliseForMatching(`hello, ${spelling} again`);
          expect(
            scoreRules(t, rules).hits.map((h) => h.entry.id),
            `${entry.id}: ${spelling}`,
          ).toEqual(referenceMatches(t, DEFAULT_LEXICON));
        }
      }
    }
  });
});

describe('normaliseForMatching', () => {
  it.each([
    ['你們這些騙子，還錢', '你们这些骗子,还钱'],
    ['ＴＥＲＲＩＢＬＥ', 'terrible'],
    ['f*ck this', 'fuck this'],
    ['you 1d1ot', 'you idiot'],
    ['a$$hole', 'asshole'],
    ['s h i t', 'shit'],
    ['order 48213, room 4b', 'order 48213, room 4b'],
    ['plain text stays', 'plain text stays'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseForMatching(input)).toBe(expected);
  });
});
