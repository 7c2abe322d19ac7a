import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { classify } from '../classify/classifier.ts';
import { describeZodError } from '../domain/zod-issues.ts';
import { parseMail } from '../mail/parse-mail.ts';
import { parseCommandArgs, UsageError } from './args.ts';

const HELP = `Usage: triage classify FILE.eml|-
       triage classify --jsonl FILE

Prints the classification of one email (from a file, or standard input with -)
as JSON, or, with --jsonl, one JSON line per input row {"id","subject","body"}:
{"id","category","confidence","language","needsReview","scores","signals"}.`;

const RowSchema = z.object({ id: z.union([z.string(), z.number()]), subject: z.string().optional().default(''), body: z.string() });

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { jsonl: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.jsonl) return classifyJsonl(values.jsonl);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give one FILE.eml, - for standard input, or --jsonl FILE');
  const raw = file === '-' ? await readStdin() : await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const mail = await parseMail(raw);
  console.log(JSON.stringify(classify({ subject: mail.subject, body: mail.newText }), null, 2));
  return 0;
}

async function classifyJsonl(path: string): Promise<number> {
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () => reject(new UsageError(`cannot read ${path}`)));
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let row: z.infer<typeof RowSchema>;
    try {
      const parsed = RowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(describeZodError(parsed.error));
      row = parsed.data;
    } catch (error) {
      throw new UsageError(`${path}:${lineNo}: not a row {"id","subject","body"}: ${(error as Error).message}`);
    }
    const result = classify({ subject: row.subject, body: row.body });
    process.stdout.write(`${JSON.stringify({ id: row.id, ...result })}\n`);
  }
  return 0;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
