import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Writes one benchmark's figures to bench/results/NAME.json, with the machine and the date, so runs can be compared. */
export async function writeBenchResult(name: string, figures: object): Promise<string> {
  const dir = join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await writeFile(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...figures }, null, 2)}\n`);
  return file;
}
