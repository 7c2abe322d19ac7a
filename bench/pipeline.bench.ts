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
  console.log(
    JSON.stringify({
      benchmark: 'pipeline (local stack: ingest + first replies)',
      emails: delivered,
      seconds: +seconds.toFixed(1),
      emailsPerSecond: +(delivered / seconds).toFixed(1),
      readUnitsPerEmail: +(consumed.read / delivered).toFixed(2),
      writeUnitsPerEmail: +(consumed.write / delivered).toFixed(2),
      sesSendsPerEmail: +(sends / delivered).toFixed(2),
    }),
  );
} finally {
  await stack.stop();
}
