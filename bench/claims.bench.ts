/**
 * Agents claiming at once (`npm run bench:claims`): seeds one complaint queue
 * of TICKETS tickets (default 5,000) on the local stack, then AGENTS agents
 * (default 50) each claim through the agent API over HTTP and resolve what
 * they got, until the queue is empty. Reports claims per second, claim
 * latency percentiles, conflicts retried, and double assignments (a ticket
 * handed to a second agent while the first still held it: must be 0), plus
 * the DynamoDB capacity one claim uses, measured alone afterwards.
 */
import { performance } from 'node:perf_hooks';
import type { LocalUser } from '../infra/local/local-identity.ts';
import { LocalStack } from '../infra/local/local-stack.ts';
import type { Ticket } from '../lib/domain/ticket.ts';
import { meterCapacity } from './capacity-meter.ts';
import { row, writeBenchResult } from './results.ts';
import { benchComplaint, seededTicket, seedItems } from './seed.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 5_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 50);
const agents: LocalUser[] = Array.from({ length: AGENTS }, (_, i) => ({ username: `bench${i}`, password: `bench${i}-local`, groups: ['agent'] }));

const stack = await LocalStack.start({ prefix: 'bench-claims', agents });
try {
  // Seed: one open complaint queue, deadlines a second apart so the order is strict.
  const received = Date.parse('2026-11-30T09:00:00Z');
  let batch: Array<Record<string, unknown>> = [];
  for (let n = 0; n < TICKETS; n += 1) {
    const ticket = benchComplaint(`T-${200000 + n}`, n, new Date(received + n * 1000));
    batch.push(seededTicket(ticket));
    if (batch.length >= 1000) {
      await seedItems(stack, batch);
      batch = [];
    }
  }
  await seedItems(stack, batch);

  const tokens = await Promise.all(agents.map((a) => stack.identity.signIn(a.username, a.password)));
  const call = async (token: string, method: string, path: string, body: unknown) => {
    const response = await fetch(`${stack.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { ticket?: Ticket | null; conflicts?: number } };
  };

  const held = new Map<string, string>();
  const latencies: number[] = [];
  let conflicts = 0;
  let doubleAssignments = 0;
  let resolved = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      for (;;) {
        const started = performance.now();
        const claim = await call(token, 'POST', '/claims', { category: 'complaint' });
        latencies.push(performance.now() - started);
        if (claim.status !== 200) {
          failures += 1;
          continue;
        }
        conflicts += claim.body.conflicts ?? 0;
        const ticket = claim.body.ticket;
        if (!ticket) return;
        if (held.has(ticket.ticketId)) doubleAssignments += 1;
        held.set(ticket.ticketId, agents[i]!.username);
        const done = await call(token, 'POST', `/tickets/${ticket.ticketId}/status`, { status: 'resolved', expectedVersion: ticket.version });
        if (done.status === 200) resolved += 1;
        else failures += 1;
        held.delete(ticket.ticketId);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;

  // One claim alone, metered: what it costs in DynamoDB capacity units (by AWS's rules).
  const meter = meterCapacity(stack.clients.dynamodb);
  const spare = benchComplaint('T-299999', TICKETS, new Date());
  await seedItems(stack, [seededTicket(spare)]);
  meter.reset();
  const single = await call(tokens[0]!, 'POST', '/claims', { category: 'complaint' });
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1);
  const result = {
    benchmark: 'claims (agent API over HTTP, local stack)',
    tickets: TICKETS,
    agents: AGENTS,
    resolved,
    seconds: +seconds.toFixed(1),
    claimsPerSecond: Math.round(resolved / seconds),
    claimLatencyMs: { p50: pct(50), p95: pct(95), p99: pct(99) },
    conflictsRetried: conflicts,
    doubleAssignments,
    failedRequests: failures,
    oneClaim: {
      claimed: single.body.ticket?.ticketId ?? null,
      readUnits: +meter.read.toFixed(1),
      writeUnits: +meter.write.toFixed(1),
      note: "by AWS's billing rules (bench/aws-capacity.ts)",
    },
    rows: [
      row(`claims resolved per second (${AGENTS} agents, ${TICKETS} tickets, local stack)`, resolved / seconds, 'claims/s'),
      row('claim latency p95', pct(95), 'ms'),
      row('double assignments', doubleAssignments, '', { max: 0 }),
      row('DynamoDB write units of one claim (AWS rules)', meter.write, 'WCU'),
      row('DynamoDB read units of one claim (AWS rules)', meter.read, 'RCU'),
    ],
  };
  console.log(JSON.stringify(result, null, 2));
  await writeBenchResult('claims', result);
  if (doubleAssignments > 0 || resolved !== TICKETS) process.exitCode = 1;
} finally {
  await stack.stop();
}
