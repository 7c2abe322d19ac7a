/**
 * `npm run bench`: every `bench:*` script of package.json in turn (each writes
 * one JSON file under bench/results/), then one table of what they measured:
 * each row's value, the floor it was measured against in the same run, the
 * ratio, and the target. A benchmark that fails is reported and the others go on.
 * BENCH_ONLY=parse,bundles runs some of them; BENCH_REPORT_ONLY=1 none. The
 * README's performance and cost sections are then written from the results.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type StoredResult, updateReadme } from './readme-sections.ts';
import { type BenchRow, missedTargets, RESULTS_DIR } from './results.ts';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const only = process.env.BENCH_ONLY?.split(',').map((s) => `bench:${s.trim()}`);
const scripts = process.env.BENCH_REPORT_ONLY ? [] : Object.keys(pkg.scripts).filter((s) => s.startsWith('bench:') && (!only || only.includes(s)));

const started = Date.now();
const failed: string[] = [];
for (const script of scripts) {
  console.error(`\n▶ npm run ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) failed.push(script);
}

interface Result {
  readonly name: string;
  readonly date: string;
  readonly rows?: readonly BenchRow[];
}
const results: Result[] = [];
const byName = new Map<string, StoredResult>();
for (const file of (await readdir(RESULTS_DIR)).filter((f) => f.endsWith('.json')).sort()) {
  const path = join(RESULTS_DIR, file);
  const stored = JSON.parse(await readFile(path, 'utf8')) as StoredResult;
  const name = stored.name ?? file.replace(/\.json$/, '');
  byName.set(name, { ...stored, name });
  const fresh = (await stat(path)).mtimeMs >= started;
  results.push({ ...stored, name: `${name}${fresh ? '' : ' (earlier run)'}` });
}
await updateReadme(byName);

const table: string[][] = [['benchmark', 'what', 'value', 'floor (same run)', 'ratio', 'target', 'met']];
for (const r of results) {
  if (!r.rows?.length) {
    table.push([r.name, '(see its JSON)', '', '', '', '', '']);
    continue;
  }
  for (const row of r.rows)
    table.push([
      r.name,
      row.what,
      `${row.value} ${row.unit}`,
      row.floor ? `${row.floor.value} (${row.floor.what})` : '',
      row.ratio !== undefined ? `${row.ratio}×` : '',
      row.target ?? '',
      row.met === undefined ? '' : row.met ? 'yes' : 'NO',
    ]);
}
const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => (line[c] ?? '').length)));
for (const [i, line] of table.entries()) {
  console.log(
    line
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const missed = missedTargets(results);
if (missed.length > 0) console.log(`\nMissed targets, and why (measured in the same run):\n${missed.map((m) => `- ${m}`).join('\n')}`);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
