/**
 * SLA sweeper throughput on the local stack (`npm run bench:sla`): seeds due
 * timers (default 50,000; BENCH_TIMERS to change) spread over the shards,
 * sweeps them once, and reports timers per second and the DynamoDB capacity
 * units consumed per timer (DynamoDB Local reports ConsumedCapacity like AWS).
 */
import { performance } from 'node:perf_hooks';
import { LocalStack } from '../infra/local/local-stack.ts';
import { dynamoStores } from '../lib/adapters/aws/dynamo-stores.ts';
import { SqsOutboundQueue } from '../lib/adapters/aws/sqs-outbound-queue.ts';
import { TIMER_SHARDS } from '../lib/adapters/aws/table-layout.ts';
import { DEFAULT_SLA_CONFIG } from '../lib/domain/sla/sla-config.ts';
import { sweepSlaTimers } from '../lib/use-cases/sweep-sla-timers.ts';
import { meterCapacity } from './capacity-meter.ts';
import { row, writeBenchResult } from './results.ts';
import { benchComplaint, seededTicket, seedItems } from './seed.ts';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 50_000);
const received = new Date('2026-11-30T09:00:00Z');
const sweepAt = new Date('2026-11-30T12:30:00Z'); // after every warning point

const stack = await LocalStack.start({ prefix: 'bench' });
try {
  const consumed = meterCapacity(stack.clients.dynamodb);

  const table = stack.resources.tableName;
  const seedStart = performance.now();
  let items: Array<Record<string, unknown>> = [];
  for (let n = 0; n < TIMERS; n += 1) {
    // The same item builder the store uses (the ticket with its next deadline), so the benchmark measures the real layout.
    items.push(seededTicket(benchComplaint(`T-${100000 + n}`, n, received)));
    if (items.length >= 1000) {
      await seedItems(stack, items);
      items = [];
    }
  }
  await seedItems(stack, items);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  consumed.reset();

  const stores = dynamoStores(stack.clients.documents, table);
  const deps = {
    tickets: stores.tickets,
    timers: stores.timers,
    outbound: new SqsOutboundQueue(stack.clients.sqs, stack.resources.queues.outbound.url),
    clock: { now: () => sweepAt },
    config: DEFAULT_SLA_CONFIG,
  };
  const t0 = performance.now();
  const result = await sweepSlaTimers(deps);
  const seconds = (performance.now() - t0) / 1000;
  const metered = { read: consumed.read, write: consumed.write, tableWrite: consumed.tableWrite, indexWrite: consumed.indexWrite, byItem: { ...consumed.byItem } };
  const again = await sweepSlaTimers(deps); // a second sweep finds nothing
  Object.assign(consumed, { read: metered.read, tableWrite: metered.tableWrite, indexWrite: metered.indexWrite });
  const perTimer = (n: number) => +(n / Math.max(1, result.fired)).toFixed(2);
  const figures = {
    benchmark: 'sla sweeper (local stack)',
    timers: TIMERS,
    shards: TIMER_SHARDS,
    seedSeconds: +seedSeconds.toFixed(1),
    fired: result.fired,
    stale: result.stale,
    lostRaces: result.lostRaces,
    seconds: +seconds.toFixed(1),
    timersPerSecond: Math.round(result.fired / seconds),
    capacity: 'AWS billing rules (bench/aws-capacity.ts), from the items written and read; not the figures DynamoDB Local reports',
    readUnitsPerTimer: perTimer(consumed.read),
    writeUnitsPerTimer: perTimer(consumed.write),
    tableWriteUnitsPerTimer: perTimer(consumed.tableWrite),
    indexWriteUnitsPerTimer: perTimer(consumed.indexWrite),
    writeUnitsPerTimerByItem: Object.fromEntries(Object.entries(metered.byItem).map(([k, v]) => [k, perTimer(v)])),
    secondSweepFired: again.fired,
    rows: [
      row('DynamoDB write units per fired SLA timer (AWS rules)', consumed.write / Math.max(1, result.fired), 'WCU', { max: 6 }),
      row('DynamoDB read units per fired SLA timer (AWS rules)', consumed.read / Math.max(1, result.fired), 'RCU'),
      row('timers fired per second (local stack)', result.fired / seconds, 'timers/s'),
    ],
  };
  await writeBenchResult('sla', figures);
  console.log(JSON.stringify(figures));
} finally {
  await stack.stop();
}
