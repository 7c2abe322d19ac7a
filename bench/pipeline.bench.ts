/**
 * The whole pipeline on the local stack (`npm run bench:pipeline`): delivers
 * the sample mailbox ROUNDS times (default 20; BENCH_ROUNDS to change), each
 * message a new one (fresh Message-ID and sender), lets ingest and the mailer
 * finish, and reports DynamoDB capacity units, SES sends and wall time per
 * email. The capacity numbers feed the cost estimate in the README.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { emlFiles, SAMPLE_MAILBOX } from '../cli/paths.ts';
import { LocalStack } from '../infra/local/local-stack.ts';
import { meterCapacity } from './capacity-meter.ts';
import { row, writeBenchResult } from './results.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

const stack = await LocalStack.start({ prefix: 'bench-pipeline' });
try {
  const samples = await Promise.all((await emlFiles([SAMPLE_MAILBOX])).map((f) => readFile(f, 'latin1')));
  const consumed = meterCapacity(stack.clients.dynamodb);
  let sends = 0;
  stack.clients.ses.middlewareStack.add(
    (next) => async (args) => {
      sends += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countSends' },
  );
  const t0 = performance.now();
  let delivered = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, sample] of samples.entries()) {
      // A different customer each time, so the per-address auto-reply allowance does not kick in.
      const fresh = sample.replace(/^Message-ID:.*$/im, `Message-ID: <bench-${round}-${i}@example.net>`).replace(/^From:(.*)<[^@>]+@([^>]+)>/im, `From:$1<bench${round}x${i}@$2>`);
      await stack.deliver(Buffer.from(fresh, 'latin1'));
      delivered += 1;
    }
    await stack.drain();
  }
  const seconds = (performance.now() - t0) / 1000;
  const perEmail = (n: number) => +(n / delivered).toFixed(2);
  const figures = {
    benchmark: 'pipeline (local stack: ingest + first replies)',
    emails: delivered,
    seconds: +seconds.toFixed(1),
    emailsPerSecond: +(delivered / seconds).toFixed(1),
    capacity: 'AWS billing rules (bench/aws-capacity.ts), from the items written and read; not the figures DynamoDB Local reports',
    readUnitsPerEmail: perEmail(consumed.read),
    writeUnitsPerEmail: perEmail(consumed.write),
    tableWriteUnitsPerEmail: perEmail(consumed.tableWrite),
    indexWriteUnitsPerEmail: perEmail(consumed.indexWrite),
    writeUnitsPerEmailByOperation: Object.fromEntries(Object.entries(consumed.byOperation).map(([k, v]) => [k, perEmail(v)])),
    writeUnitsPerEmailByItem: Object.fromEntries(Object.entries(consumed.byItem).map(([k, v]) => [k, perEmail(v)])),
    sesSendsPerEmail: perEmail(sends),
    rows: [
      row('DynamoDB write units per email (ingest + first reply, AWS rules)', consumed.write / delivered, 'WCU', { max: 18 }),
      row('DynamoDB read units per email (AWS rules)', consumed.read / delivered, 'RCU'),
    ],
  };
  await writeBenchResult('pipeline', figures);
  console.log(JSON.stringify(figures));
} finally {
  await stack.stop();
}
