/** A piece of message text, marked when a classification signal matched it. */
export interface Segment {
  readonly text: string;
  readonly signal?: string;
}

/**
 * Splits text into plain and marked segments where the rules' excerpts occur
 * (case-insensitive). The result is rendered as text nodes and <mark>
 * elements, never as HTML: customer text stays text.
 */
export function highlight(text: string, signals: ReadonlyArray<{ rule: string; excerpt: string }>): Segment[] {
  const folded = foldWithMap(text.slice(0, MAX_SEARCHED));
  const spans: Array<{ start: number; end: number; rule: string }> = [];
  for (const { rule, excerpt } of signals) {
    // The model's signal lists n-grams, not words of the text; only rule excerpts are quotes.
    if (rule.startsWith('model.') || rule.startsWith('threat.possible')) continue;
    const span = longestCommonRun(folded.text, wholeWords(excerpt));
    if (span && span.length >= (HAN.test(excerpt) ? 2 : MIN_MARKED_LATIN)) spans.push({ start: folded.map[span.at]!, end: folded.map[span.at + span.length - 1]! + 1, rule });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue; // overlaps one already marked
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start) });
    segments.push({ text: text.slice(span.start, span.end), signal: span.rule });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

/** Long enough to mean something: a short English word, or two Chinese characters. */
const MIN_MARKED_LATIN = 4;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const MAX_SEARCHED = 20_000;

/** The excerpt without the word pieces its '…' ends cut through (Chinese has no word pieces to drop). */
function wholeWords(excerpt: string): string {
  let text = fold(excerpt);
  if (text.startsWith('…')) text = text.slice(1).replace(/^[a-z0-9'’-]+(?=\s)/, '');
  if (text.endsWith('…')) text = text.slice(0, -1).replace(/(?<=\s)[a-z0-9'’-]+$/, '');
  return text.trim();
}

/** Lower case, whitespace runs as one space: how the classifier's excerpts are written. */
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

/**
 * The longest stretch of the excerpt found word for word in the text. The
 * classifier quotes a window of normalised text around what it matched, so
 * the overlap is where the signal fired.
 */
function longestCommonRun(text: string, needle: string): { at: number; length: number } | undefined {
  if (!needle || !text) return undefined;
  let best: { at: number; length: number } | undefined;
  let previous = new Uint16Array(needle.length + 1);
  for (let i = 1; i <= text.length; i += 1) {
    const current = new Uint16Array(needle.length + 1);
    for (let j = 1; j <= needle.length; j += 1) {
      if (text[i - 1] !== needle[j - 1]) continue;
      const run = previous[j - 1]! + 1;
      current[j] = run;
      if (!best || run > best.length) best = { at: i - run, length: run };
    }
    previous = current;
  }
  if (!best) return undefined;
  // Trim to whole words at the edges (spaces and cut-off letters of English words).
  const slice = text.slice(best.at, best.at + best.length);
  const lead = slice.length - slice.trimStart().length;
  const trimmed = slice.trim();
  return { at: best.at + lead, length: trimmed.length };
}

/** The customer's new words and the quoted history under them (the API keeps both; agents read the first). */
export function splitQuoted(text: string, quoted: string | undefined): { fresh: string; history?: string } {
  if (!quoted) return { fresh: text };
  const at = text.indexOf(quoted.trim());
  if (at === -1) return { fresh: text, history: quoted };
  return { fresh: text.slice(0, at).trimEnd(), history: text.slice(at) };
}
