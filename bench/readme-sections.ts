/**
 * The README's performance section and its cost per 10,000 emails, written
 * from the JSON files under bench/results/ (`npm run bench` does it after the
 * benchmarks; `BENCH_REPORT_ONLY=1 npm run bench` from the files as they are).
 * Each section lives between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchRow, missedTargets } from './results.ts';

export interface StoredResult {
  readonly name: string;
  readonly date: string;
  readonly machine?: { readonly cpus?: number; readonly model?: string; readonly node?: string; readonly loadAverage?: number };
  readonly rows?: readonly BenchRow[];
  readonly [figure: string]: unknown;
}

/** SLA timers that fire for a typical ticket (a warning and a follow-up, or a warning and a breach). */
const TIMERS_PER_TICKET = 2;
const WRITE_PRICE = 0.625; // $ per million write request units, on demand, us-east-1
const READ_PRICE = 0.125; // $ per million read request units

const money = (n: number) => `$${n.toFixed(2)}`;
const num = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function figure(results: ReadonlyMap<string, StoredResult>, name: string, key: string): number | undefined {
  const value = results.get(name)?.[key];
  return typeof value === 'number' ? value : undefined;
}

export function performanceSection(results: ReadonlyMap<string, StoredResult>): string {
  const lines = [
    'Measured by `npm run bench` (every `bench:*` script; each writes one JSON file under',
    '`bench/results/` with the machine, its load and the date, and this section is written',
    'from those files). Timings are ratios to a floor measured in the same run, interleaved',
    'with it, because the development machine is shared and busy; capacity units follow',
    "AWS's billing rules (`bench/aws-capacity.ts`), not DynamoDB Local's own figures.",
    '',
    '| benchmark | what | value | floor (same run) | ratio | target | met |',
    '| --- | --- | ---: | --- | ---: | --- | --- |',
  ];
  const REPORTED = ['parse', 'bundles', 'classify', 'pipeline', 'sla', 'claims', 'console'];
  for (const name of REPORTED) {
    const result = results.get(name);
    for (const row of result?.rows ?? [])
      lines.push(
        `| ${name} | ${row.what} | ${num(row.value)} ${row.unit} | ${row.floor ? `${num(row.floor.value)} (${row.floor.what})` : ''} | ${row.ratio !== undefined ? `${row.ratio}×` : ''} | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} |`,
      );
  }
  const missed = missedTargets(REPORTED.flatMap((name) => results.get(name) ?? []));
  if (missed.length > 0) lines.push('', 'Targets this run missed, each with the figures of the same run that explain it:', '', ...missed.map((m) => `- ${m}.`));
  const dates = REPORTED.flatMap((name) => results.get(name) ?? []);
  const machine = dates[0]?.machine;
  if (machine)
    lines.push(
      '',
      `Run on ${machine.cpus ?? '?'} × ${machine.model ?? '?'}, Node ${machine.node ?? '?'}, load average ${machine.loadAverage ?? '?'} at the start of the last one; ${dates.map((r) => `${r.name} ${r.date.slice(0, 16).replace('T', ' ')} UTC`).join(', ')}.`,
    );
  return lines.join('\n');
}

export function costSection(results: ReadonlyMap<string, StoredResult>): string {
  const writePerEmail = figure(results, 'pipeline', 'writeUnitsPerEmail');
  const readPerEmail = figure(results, 'pipeline', 'readUnitsPerEmail');
  const writePerTimer = figure(results, 'sla', 'writeUnitsPerTimer');
  const readPerTimer = figure(results, 'sla', 'readUnitsPerTimer');
  if (writePerEmail === undefined || readPerEmail === undefined || writePerTimer === undefined || readPerTimer === undefined)
    return '(run `npm run bench:pipeline` and `npm run bench:sla` first)';
  const writes = 10_000 * (writePerEmail + TIMERS_PER_TICKET * writePerTimer);
  const reads = 10_000 * (readPerEmail + TIMERS_PER_TICKET * readPerTimer);
  const dynamo = (writes * WRITE_PRICE + reads * READ_PRICE) / 1e6;
  const fixed = [
    ['SES receiving', '10,000 emails + 10,000 chunks of 256 KB', '$0.10 and $0.09 per 1,000', 1.9],
    ['SES sending', '15,000 replies', '$0.10 per 1,000', 1.5],
    ['Lambda (ARM)', 'ingest 10,000 × ~0.3 s × 1 GB, mailer 15,000 × ~0.15 s × 0.25 GB ≈ 3,600 GB-s; 25,000 requests', '$0.0000133 per GB-s, $0.20 per million', 0.05],
    ['S3', '13,000 PUTs (mail, attachments), 25,000 GETs, 1 GB stored', '$0.005 / $0.0004 per 1,000, $0.023 per GB-month', 0.1],
    ['SQS, SNS', '~100,000 requests, 25,000 publishes', '$0.40 per million, $0.50 per million', 0.05],
    ['KMS', '~25,000 requests (encrypted topics)', '$0.03 per 10,000', 0.08],
    ['CloudWatch Logs, X-Ray', '~100 MB of logs, ~40,000 traces', '$0.50 per GB, $5 per million', 0.25],
  ] as const;
  const total = fixed.reduce((n, row) => n + row[3], 0) + dynamo;
  const dynamoRow = [
    'DynamoDB',
    `10,000 × (${num(writePerEmail)} + ${TIMERS_PER_TICKET} × ${num(writePerTimer)}) write units, 10,000 × (${num(readPerEmail)} + ${TIMERS_PER_TICKET} × ${num(readPerTimer)}) read units`,
    `$${WRITE_PRICE} / $${READ_PRICE} per million`,
    dynamo,
  ] as const;
  const rows = [...fixed.slice(0, 3), dynamoRow, ...fixed.slice(3)];
  return [
    'A worked estimate from AWS list prices (us-east-1, on-demand, without free',
    'tiers; check the pricing pages of your region). Assumptions: 10,000 inbound',
    'emails of under 256 KB each, 1.5 automatic replies per email (every first',
    'reply, plus some still-on-it, reminders and follow-ups), about two fired SLA',
    `timers per ticket, and DynamoDB capacity as \`npm run bench\` measured it by AWS's`,
    `billing rules: ${num(writePerEmail)} write and ${num(readPerEmail)} read units per email for ingest and the`,
    `first reply (\`bench:pipeline\`), ${num(writePerTimer)} write and ${num(readPerTimer)} read units per fired timer (\`bench:sla\`).`,
    '',
    '| item | quantity | list price | cost |',
    '| --- | --- | --- | --- |',
    ...rows.map(([item, quantity, price, cost]) => `| ${item} | ${quantity} | ${price} | ${money(cost)} |`),
    `| **per 10,000 emails** | | | **≈ ${money(total)}** |`,
  ].join('\n');
}

/** Replaces each marked section of the README with what the results say now. */
export async function updateReadme(results: ReadonlyMap<string, StoredResult>, readme = join(import.meta.dirname, '..', 'README.md')): Promise<void> {
  let text = await readFile(readme, 'utf8');
  for (const [name, body] of [
    ['performance', performanceSection(results)],
    ['cost', costSection(results)],
  ] as const) {
    const start = `<!-- bench:${name} -->`;
    const end = `<!-- /bench:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
    text = `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
  }
  await writeFile(readme, text);
}
