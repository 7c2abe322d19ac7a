import { type ParseArgsConfig, parseArgs } from 'node:util';
import { TriageError } from '../lib/domain/errors.ts';

/** A bad command line: exit code 2. */
export class UsageError extends TriageError {
  constructor(
    message: string,
    /** Whether the command's --help would help (a bad option would; a missing file would not). */
    readonly pointsToHelp = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with our error type, so a bad flag is one clear line (with a suggestion) and exit code 2. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, Object.keys(all)));
  }
}

/** Node's parseArgs messages, rewritten as one line that says what to do. */
function describeParseError(error: Error & { code?: string }, names: readonly string[]): string {
  const flag = /'(-{1,2}[^'\s]+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closest(flag.replace(/^-+/, '').split('=')[0]!, names);
    return `unknown option '${flag}'${guess ? `; did you mean --${guess}?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([a-z-]+)/.exec(error.message)?.[1];
    return error.message.includes('argument missing') || error.message.includes('<value>') ? `option --${name} needs a value` : `option --${name} takes no value`;
  }
  return error.message.split('\n')[0]!;
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A prefix is a good guess too ('--temp' for '--templates').
  if (best && bestDistance <= Math.max(1, Math.floor(best.length / 3))) return best;
  return word.length >= 3 ? candidates.find((c) => c.startsWith(word.toLowerCase())) : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A command's help, with the options every command takes listed the same way everywhere. */
export function helpText(text: string): string {
  if (text.includes('-h, --help')) return text;
  const line = '  -h, --help          show this help';
  return /\nOptions:\n/.test(text) ? `${text}\n${line}` : `${text}\n\nOptions:\n${line}`;
}
