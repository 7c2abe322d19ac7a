import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod/mini';
import { describeZodError } from '../lib/domain/zod-issues.ts';
import { UsageError } from './args.ts';

/** Streams the rows of a JSONL file, validated by a schema; a bad row stops with `FILE:LINE: what is wrong`. */
export async function* readJsonlRows<S extends z.ZodMiniType>(path: string, schema: S, what: string): AsyncGenerator<z.infer<S>> {
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () => reject(new UsageError(`cannot read ${path}`, false)));
  });
  let lineNo = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${path}:${lineNo}: not ${what}: ${(error as Error).message}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new UsageError(`${path}:${lineNo}: not ${what}: ${describeZodError(parsed.error)}`);
    yield parsed.data;
  }
}
