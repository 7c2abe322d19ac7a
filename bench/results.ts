import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * One line of a benchmark's summary table. Timings are never compared across
 * runs or machines: `ratio` is `value` over a `floor` measured in the same run,
 * interleaved with it, so a busy machine slows both alike.
 */
export interface BenchRow {
  readonly what: string;
  readonly value: number;
  readonly unit: string;
  /** What the value is measured against, measured in the same run. */
  readonly floor?: { readonly what: string; readonly value: number };
  readonly ratio?: number;
  /** The target, e.g. `≤ 1.5×` or `≤ 18`; `met` says whether this run met it. */
  readonly target?: string;
  readonly met?: boolean;
  /** Why the target is not met, from figures measured in the same run (set only on rows that miss it). */
  readonly reason?: string;
}

export const RESULTS_DIR = join(import.meta.dirname, 'results');

/** Writes one benchmark's figures to bench/results/NAME.json, with the machine and the date, so runs can be compared. */
export async function writeBenchResult(name: string, figures: { rows?: readonly BenchRow[] } & object): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: +(loadavg()[0] ?? 0).toFixed(2),
  };
  await writeFile(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...figures }, null, 2)}\n`);
  return file;
}

/** A row with its ratio to the floor and whether it meets `≤ N×` (ratios), `≤ N` or `≥ N` (values). */
export function row(
  what: string,
  value: number,
  unit: string,
  options: { floor?: { what: string; value: number }; max?: number; min?: number; reasonIfMissed?: string } = {},
): BenchRow {
  const ratio = options.floor ? +(value / options.floor.value).toFixed(2) : undefined;
  const compared = ratio ?? value;
  const suffix = ratio !== undefined ? '×' : ` ${unit}`;
  const missed = (options.max !== undefined && compared > options.max) || (options.min !== undefined && compared < options.min);
  return {
    what,
    value: +value.toFixed(2),
    unit,
    ...(options.floor ? { floor: { what: options.floor.what, value: +options.floor.value.toFixed(2) } } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(options.max !== undefined ? { target: `≤ ${options.max}${suffix}`, met: compared <= options.max } : {}),
    ...(options.min !== undefined ? { target: `≥ ${options.min}${suffix}`, met: compared >= options.min } : {}),
    ...(missed && options.reasonIfMissed ? { reason: options.reasonIfMissed } : {}),
  };
}

/** Every row of these results that missed its target, with its benchmark's name and the reason it gives. */
export function missedTargets(results: Iterable<{ readonly name: string; readonly rows?: readonly BenchRow[] }>): string[] {
  return [...results].flatMap((r) => (r.rows ?? []).filter((row) => row.met === false).map((row) => `${r.name}, ${row.what}: ${row.reason ?? 'no reason recorded'}`));
}
