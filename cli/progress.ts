import type { Writable } from 'node:stream';
import ora from 'ora';
import { type Progress, silentProgress } from '../infra/local/progress.ts';

/** Where progress goes: standard error by default, so `--json` output on standard output stays clean. */
export type ProgressStream = Writable & { readonly isTTY?: boolean; hasColors?: () => boolean; readonly columns?: number };

export interface TerminalProgressOptions {
  readonly stream?: ProgressStream;
  /** `--quiet`: nothing at all. */
  readonly quiet?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds, for the time each step took (tests pass a clock that does not move). */
  readonly now?: () => number;
}

/**
 * A spinner per step on a terminal, each finished step left as one line with
 * the time it took. Nothing when the stream is not a terminal (a pipe, a file,
 * CI logs), with --quiet, or with TERM=dumb; no colour with NO_COLOR.
 */
export function terminalProgress(options: TerminalProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  if (options.quiet || stream.isTTY !== true || env.TERM === 'dumb') return silentProgress;
  const color = !('NO_COLOR' in env) && (stream.hasColors?.() ?? false);
  const now = options.now ?? Date.now;
  const out = withWidth(stream);
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
  return {
    async step(title, work) {
      const started = now();
      const spinner = ora({ text: title, stream: out, isEnabled: true, discardStdin: false, color: color ? 'cyan' : false }).start();
      let detail = '';
      const update = (next: string) => {
        detail = next;
        spinner.text = next ? `${title}: ${next}` : title;
      };
      try {
        const result = await work(update);
        const seconds = ((now() - started) / 1000).toFixed(1);
        spinner.stopAndPersist({ symbol: paint(32, '✔'), text: `${title}${detail ? `: ${detail}` : ''} ${paint(90, `(${seconds} s)`)}` });
        return result;
      } catch (error) {
        spinner.stopAndPersist({ symbol: paint(31, '✖'), text: `${title}${detail ? `: ${detail}` : ''}` });
        throw error;
      }
    },
  };
}

/**
 * The stream as ora sees it, with a width: a pseudo-terminal can report 0
 * columns, and ora divides by the width to count the lines it must clear.
 */
function withWidth(stream: ProgressStream): NodeJS.WritableStream {
  if ((stream.columns ?? 0) > 0) return stream as unknown as NodeJS.WritableStream;
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'columns') return 80;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as NodeJS.WritableStream;
}
