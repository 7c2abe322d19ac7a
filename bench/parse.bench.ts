/**
 * Parse CPU per message (`npm run bench:parse [MANIFEST.tsv]`): the real-world
 * mail of the evaluation corpus, by default `../shared/corpus/mime/MANIFEST.tsv`
 * beside the repository (BENCH_CORPUS or the first argument to change; the
 * corpus is not part of the project, and without it the benchmark says so and
 * writes nothing). Three passes over every message, interleaved round by round
 * so that a busy machine slows each alike, timed in CPU time of this process:
 *   floor   mailparser's `simpleParser` with the options parseMail gives it (MAILPARSER_OPTIONS), no charset work
 *   floorWithTextToHtml  the floor: with mailparser's `textAsHtml` rendering and attachment
 *           checksums, which parseMail used to leave on (reported beside, not in the rows)
 *   parse   `parseMail`: framing, charsets, HTML, quotes and signatures, automation
 *   classify `parseMail` then the classifier on subject and new text, as ingest does
 *   classifyAlone  the classifier alone on the same messages, parsed beforehand (reported beside: how much
 *           of the classify pass is the classifier's, and how much slower it runs between parses)
 * The median round of each is reported, and its ratio to the floor.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { classify } from '../lib/classify/classifier.ts';
import { MAILPARSER_OPTIONS, parseMail } from '../lib/mail/parse-mail.ts';
import { row, writeBenchResult } from './results.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const manifest = resolve(process.argv[2] ?? process.env.BENCH_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'mime', 'MANIFEST.tsv'));

if (!existsSync(manifest)) {
  console.error(`bench:parse: no corpus at ${manifest} (give MANIFEST.tsv as the argument or BENCH_CORPUS); nothing measured`);
  process.exit(0);
}

const paths = (await readFile(manifest, 'utf8'))
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[0] ?? '')
  .filter(Boolean);
const messages = await Promise.all(paths.map((p) => readFile(join(dirname(manifest), p))));
const bytes = messages.reduce((n, m) => n + m.length, 0);
/** What ingest classifies of each message, parsed once before timing (classifyAlone's input). */
const parsed = await Promise.all(
  messages.map((m) =>
    parseMail(m).then(
      (p) => ({ subject: p.subject, body: p.newText }),
      () => undefined,
    ),
  ),
);
let next = 0;

const contenders = {
  floor: async (raw: Buffer) => {
    await simpleParser(raw, MAILPARSER_OPTIONS);
  },
  floorWithTextToHtml: async (raw: Buffer) => {
    await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipHtmlToText: true });
  },
  parse: async (raw: Buffer) => {
    await parseMail(raw);
  },
  classify: async (raw: Buffer) => {
    const parsed = await parseMail(raw);
    classify({ subject: parsed.subject, body: parsed.newText });
  },
  // Called once per message, in corpus order: classifies that message's parsed text.
  classifyAlone: async () => {
    const input = parsed[next++ % parsed.length];
    if (input) classify(input);
  },
} as const;
type Name = keyof typeof contenders;

/** CPU milliseconds of one pass over the corpus (user + system time of this process). */
async function pass(name: Name): Promise<number> {
  const run = contenders[name];
  const start = process.cpuUsage();
  for (const raw of messages) {
    try {
      await run(raw);
    } catch {
      // A message parseMail rejects (none in the corpus today) costs what it cost.
    }
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const names = Object.keys(contenders) as Name[];
for (const name of names) await pass(name); // warm up the JIT and the module caches
const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
for (let round = 0; round < ROUNDS; round += 1) {
  // Rotate the order each round, so that none always runs right after garbage the previous one left.
  for (let i = 0; i < names.length; i += 1) {
    const name = names[(round + i) % names.length]!;
    times[name].push(await pass(name));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = Object.fromEntries(names.map((n) => [n, median(times[n])])) as Record<Name, number>;
const floor = { what: 'simpleParser, same options, no charset work', value: ms.floor };
/** The targets, as ratios to the floor. */
const PARSE_MAX = 1.5;
const CLASSIFY_MAX = 1.6;
const cpu = (n: number) => `${n.toFixed(0)} CPU ms`;
const figures = {
  benchmark: 'parse CPU per message (real-world corpus)',
  corpus: manifest,
  messages: messages.length,
  megabytes: +(bytes / 2 ** 20).toFixed(2),
  rounds: ROUNDS,
  cpuMsPerPass: Object.fromEntries(names.map((n) => [n, +ms[n].toFixed(1)])),
  cpuMsPerMessage: Object.fromEntries(names.map((n) => [n, +(ms[n] / messages.length).toFixed(3)])),
  /** Ratios to the floor as the issue first measured it (textAsHtml rendered), for comparison with earlier runs. */
  ratiosToFloorWithTextToHtml: { parse: +(ms.parse / ms.floorWithTextToHtml).toFixed(2), classify: +(ms.classify / ms.floorWithTextToHtml).toFixed(2) },
  rows: [
    row('parse + normalise (parseMail), per corpus pass', ms.parse, 'CPU ms', {
      floor,
      max: PARSE_MAX,
      reasonIfMissed: `what parseMail adds to simpleParser (charset repair of mislabelled mail, text from HTML-only mail, the split of new text from quotes and signature, automation signs) takes ${cpu(ms.parse - ms.floor)} a pass, where the target allows ${cpu((PARSE_MAX - 1) * ms.floor)}`,
    }),
    row('parse + normalise + classify, per corpus pass', ms.classify, 'CPU ms', {
      floor,
      max: CLASSIFY_MAX,
      reasonIfMissed:
        `classifying takes ${cpu(ms.classify - ms.parse)} a pass between parses against ${cpu(ms.classifyAlone)} on the same texts alone (it reads a 1 MB weight table and ` +
        `a 512 kB count table at random, which parsing pushes out of the processor's caches: see the README); with parse at ${(ms.parse / ms.floor).toFixed(2)}× ` +
        `the target leaves it ${cpu(Math.max(0, CLASSIFY_MAX * ms.floor - ms.parse))}`,
    }),
  ],
};
await writeBenchResult('parse', figures);
console.log(JSON.stringify(figures));
