/** A piece of message text, marked when a classification signal matched it. */
export interface Segment {
  readonly text: string;
  readonly signal?: string;
}

/** Characters of context the classifier quotes on each side of what a rule matched (lib/classify/rules.ts). */
const EXCERPT_RADIUS = 30;
const MAX_SEARCHED = 20_000;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD = /[\p{L}\p{N}'’-]/u;

/**
 * Splits text into plain and marked segments where the words a rule matched
 * occur. The result is rendered as text nodes and <mark> elements, never as
 * HTML: customer text stays text.
 */
export function highlight(text: string, signals: ReadonlyArray<{ rule: string; excerpt: string; span?: { start: number; end: number } | undefined }>): Segment[] {
  const folded = foldWithMap(text.slice(0, MAX_SEARCHED));
  const spans: Array<{ start: number; end: number; rule: string }> = [];
  const mark = (at: number, length: number, rule: string) => spans.push({ start: folded.map[at]!, end: folded.map[at + length - 1]! + 1, rule });
  for (const signal of signals) {
    // The model's signal lists n-grams, not words of the text; only rule excerpts are quotes.
    if (signal.rule.startsWith('model.') || signal.rule.startsWith('threat.possible')) continue;
    const found = signal.span ? locateSpan(folded.text, signal.excerpt, signal.span) : locateTerm(folded.text, matchedTerm(signal.excerpt));
    if (found) mark(found.at, found.length, signal.rule);
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlapping matches become one mark, named after the first rule.
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of merged) {
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start) });
    segments.push({ text: text.slice(span.start, span.end), signal: span.rule });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

/**
 * Where the words a rule matched are in the text: the classifier gives its
 * excerpt (in the customer's characters, whitespace collapsed) and the
 * matched span in it. The whole excerpt is looked up first, so the mark
 * lands on the occurrence the rule saw; failing that (the match was in the
 * subject, say), the first occurrence of the matched words.
 */
function locateSpan(text: string, excerpt: string, span: { start: number; end: number }): { at: number; length: number } | undefined {
  const { start: from, end: to } = span;
  const lead = excerpt.startsWith('…') ? 1 : 0;
  const trail = excerpt.endsWith('…') ? 1 : 0;
  const context = fold(excerpt.slice(lead, excerpt.length - trail));
  const matched = fold(excerpt.slice(from, to));
  if (matched.length === 0) return undefined;
  const at = context.length > 0 ? text.indexOf(context) : -1;
  const offset = at === -1 ? -1 : context.indexOf(matched, Math.max(0, from - lead - 1));
  if (at !== -1 && offset !== -1) return { at: at + offset, length: matched.length };
  return locateTerm(text, matched);
}

function locateTerm(text: string, term: string | undefined): { at: number; length: number } | undefined {
  if (!term) return undefined;
  // The first place only: a short word may occur again where the rule did not fire.
  const at = text.indexOf(term);
  return at === -1 ? undefined : { at, length: term.length };
}

/**
 * For signals stored without a span (tickets classified before spans existed):
 * what a rule matched, recovered from its excerpt: the classifier quotes
 * EXCERPT_RADIUS characters on each side of the match and marks a cut side
 * with '…', so a cut side tells where the match starts or ends; the other
 * end is widened to the whole word (two characters of Chinese). Undefined
 * when the excerpt is the whole (short) text and the match could be
 * anywhere in it. An estimate: the classifier collapses whitespace in its
 * excerpts, which can shift it by a character or two.
 */
export function matchedTerm(excerpt: string): string | undefined {
  let body = fold(excerpt);
  const lead = body.startsWith('…');
  const trail = body.endsWith('…');
  if (lead) body = body.slice(1);
  if (trail) body = body.slice(0, -1);
  if (!lead && !trail) return undefined;
  const isWord = (i: number) => i >= 0 && i < body.length && WORD.test(body[i]!) && !HAN.test(body[i]!);
  let start = lead ? Math.min(EXCERPT_RADIUS, body.length - 1) : -1;
  let end = trail ? Math.max(0, body.length - EXCERPT_RADIUS) : -1;
  if (start >= 0 && end < 0) end = HAN.test(body[start] ?? '') ? start + 2 : start + 1;
  if (end >= 0 && start < 0) start = HAN.test(body[end - 1] ?? '') ? end - 2 : end - 1;
  if (start < 0 || start >= end) return undefined;
  while (isWord(start - 1) && isWord(start)) start -= 1;
  while (isWord(end) && isWord(end - 1)) end += 1;
  const term = body.slice(start, end).trim();
  return term.length >= (HAN.test(term) ? 2 : 4) ? term : undefined;
}

/** Lower case, whitespace runs as one space: how the classifier writes its excerpts. */
function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The folded text and, for each of its characters, where it came from in the original. */
function foldWithMap(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (lastSpace) continue;
      out += ' ';
      map.push(i);
      lastSpace = true;
      continue;
    }
    const lower = ch.toLowerCase();
    // Keep the map aligned when lower-casing changes a character's length (rare: İ).
    out += lower.length === 1 ? lower : ch;
    map.push(i);
    lastSpace = false;
  }
  return { text: out, map };
}

/** The customer's new words and the quoted history under them (the API keeps both; agents read the first). */
export function splitQuoted(text: string, quoted: string | undefined): { fresh: string; history?: string } {
  if (!quoted) return { fresh: text };
  const at = text.indexOf(quoted.trim());
  if (at === -1) return { fresh: text, history: quoted };
  return { fresh: text.slice(0, at).trimEnd(), history: text.slice(at) };
}
