import type { Classifier } from '../lib/classify/classifier.ts';
import * as z from '../lib/domain/zod.ts';
import { parseMail } from '../lib/mail/parse-mail.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { readJsonlRows } from './jsonl.ts';
import { loadClassifier } from './load-classifier.ts';
import { assertMessage, readMessageFile } from './message-file.ts';

const HELP = `Usage: triage classify FILE.eml|-
       triage classify --jsonl FILE

Prints the classification of one email (from a file, or standard input with -)
as JSON, or, with --jsonl, one JSON line per input row {"id","subject","body"}:
{"id","category","confidence","language","needsReview","scores","signals"}.

Options:
  --config FILE   classifier overrides (lexicon entries, thresholds) as JSON`;

const RowSchema = z.object({ id: z.union([z.string(), z.number()]), subject: z._default(z.optional(z.string()), ''), body: z.string() });

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { jsonl: { type: 'string' }, config: { type: 'string' } });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  const classifier = await loadClassifier(values.config);
  if (values.jsonl) return classifyJsonl(values.jsonl, classifier);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give one FILE.eml, - for standard input, or --jsonl FILE');
  const raw = file === '-' ? await readStdin() : await readMessageFile(file);
  if (file === '-') assertMessage(raw, 'standard input');
  const mail = await parseMail(raw);
  console.log(JSON.stringify(classifier.classify({ subject: mail.subject, body: mail.newText }), null, 2));
  return 0;
}

async function classifyJsonl(path: string, classifier: Classifier): Promise<number> {
  for await (const row of readJsonlRows(path, RowSchema, 'a row {"id","subject","body"}')) {
    const result = classifier.classify({ subject: row.subject, body: row.body });
    process.stdout.write(`${JSON.stringify({ id: row.id, ...result })}\n`);
  }
  return 0;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
