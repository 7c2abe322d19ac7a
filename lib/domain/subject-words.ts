import { withoutTokens } from './ticket-token.ts';

/**
 * The words a subject is found by: lower-cased words of three letters or
 * more (common ones left out), and two-character pieces of Chinese text,
 * which has no spaces between words. Bounded, so a long subject costs a
 * fixed number of index entries.
 */
const STOPWORDS = new Set(['the', 'and', 'for', 'you', 'your', 'our', 'with', 'from', 'this', 'that', 'are', 'was', 'not', 'have', 'has', 'about', 'please', 'fwd']);
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const WORD = /[\p{L}\p{N}]{3,}/gu;

export const MAX_SUBJECT_WORDS = 6;

export function subjectWords(subject: string, max = MAX_SUBJECT_WORDS): string[] {
  const words = new Set<string>();
  const text = withoutTokens(subject).normalize('NFKC').toLowerCase();
  for (const run of text.match(HAN_RUN) ?? []) for (let i = 0; i + 2 <= run.length; i += 1) words.add(run.slice(i, i + 2));
  for (const word of text.replace(HAN_RUN, ' ').match(WORD) ?? []) if (!STOPWORDS.has(word)) words.add(word);
  return [...words].slice(0, max);
}
