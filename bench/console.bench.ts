/**
 * The agent console (`npm run bench:console`): the size of the bundle agents
 * download (raw, gzip and brotli) and the first load of the queue board on
 * the local stack in headless Chromium, from navigation to the first ticket
 * row drawn with live data, over RUNS fresh browser contexts (cold cache;
 * default 10) and as many reloads (warm cache), beside the floor of the
 * board's two API calls made alone just before each load. Writes
 * bench/results/console.json, whose rows `npm run bench` prints.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CONSOLE_DIST, ensureConsoleBuilt, serveConsole } from '../infra/local/console-server.ts';
import { LocalStack } from '../infra/local/local-stack.ts';
import { row, writeBenchResult } from './results.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const MAILBOX = join(import.meta.dirname, '..', 'samples', 'mailbox');

// A fresh build, so the size is that of the sources as they are.
await rm(CONSOLE_DIST, { recursive: true, force: true });
const dist = await ensureConsoleBuilt();
const files = await readdir(join(dist, 'assets'));
const bundle = { js: { raw: 0, gzip: 0, brotli: 0 }, css: { raw: 0, gzip: 0, brotli: 0 } };
for (const name of files) {
  const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : undefined;
  if (!kind) continue;
  const content = await readFile(join(dist, 'assets', name));
  bundle[kind].raw += content.length;
  bundle[kind].gzip += gzipSync(content, { level: 9 }).length;
  bundle[kind].brotli += brotliCompressSync(content).length;
}
const indexHtml = await readFile(join(dist, 'index.html'));
const html = indexHtml.length;

const stack = await LocalStack.start({ prefix: 'bench-console' });
const site = await serveConsole({ apiUrl: stack.api.url, identityUrl: stack.identity.url }, dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const file of (await readdir(MAILBOX)).filter((f) => f.endsWith('.eml')).sort()) await stack.deliver(await readFile(join(MAILBOX, file)));
  await stack.drain();
  const token = await stack.identity.signIn('agent1', 'agent1-local');

  /** Milliseconds from navigation start to the first ticket row of the board, as the page's own clock measures it. */
  const boardDrawn = async (page: import('playwright-core').Page) => {
    await page.waitForFunction(() => document.querySelector('tr[data-ticket]') !== null, undefined, { polling: 'raf' });
    return page.evaluate(() => performance.now());
  };
  /** The floor, measured in the same run just before each load: the board's two API calls alone, from Node, through the console's origin. */
  const apiAlone = async () => {
    const headers = { authorization: `Bearer ${token}` };
    const started = performance.now();
    await Promise.all(
      [fetch(`${site.url}/api/queues`, { headers }), fetch(`${site.url}/api/tickets?status=open&limit=100`, { headers })].map(async (r) => (await r).arrayBuffer()),
    );
    return performance.now() - started;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  const floors: number[] = [];
  let transferred = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in already (the token the sign-in form would keep): the figure is the board's load, not typing.
    await context.addInitScript((t) => sessionStorage.setItem('inbox-triage.session', t), token);
    const page = await context.newPage();
    floors.push(await apiAlone());
    await page.goto(`${site.url}/`);
    cold.push(await boardDrawn(page));
    transferred = await page.evaluate(() =>
      performance.getEntriesByType('resource').reduce(
        (sum, e) => sum + (e as PerformanceResourceTiming).transferSize,
        performance.getEntriesByType('navigation').reduce((s, e) => s + (e as PerformanceNavigationTiming).transferSize, 0),
      ),
    );
    await page.reload();
    warm.push(await boardDrawn(page));
    await context.close();
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    return { runs: xs.length, minMs: Math.round(sorted[0]!), p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Math.round(sorted.at(-1)!) };
  };
  let tickets = 0;
  for (const category of ['threat', 'rude', 'complaint', 'routine'] as const) tickets += (await stack.stores.tickets.listQueue(category, 'open')).length;
  const floor = { what: "the board's API calls alone, p50", value: stats(floors).p50Ms };
  const rows = [
    row('console JavaScript, gzip', bundle.js.gzip / 1024, 'KiB'),
    row('console CSS, gzip', bundle.css.gzip / 1024, 'KiB'),
    row('board first load, cold cache (navigation → first ticket row), p50', stats(cold).p50Ms, 'ms', { floor }),
    row('board load, warm cache, p50', stats(warm).p50Ms, 'ms', { floor }),
  ];
  const figures = {
    rows,
    bundle: { ...bundle, html, totalGzip: bundle.js.gzip + bundle.css.gzip + gzipSync(indexHtml).length },
    firstLoadBoard: { cold: stats(cold), warm: stats(warm), apiCallsAlone: stats(floors), bytesTransferredCold: transferred, openTicketsOnBoard: tickets },
  };
  const file = await writeBenchResult('console', figures);
  console.log(
    `Console bundle: JS ${(bundle.js.raw / 1024).toFixed(1)} KiB (${(bundle.js.gzip / 1024).toFixed(1)} KiB gzip, ${(bundle.js.brotli / 1024).toFixed(1)} KiB brotli), CSS ${(bundle.css.raw / 1024).toFixed(1)} KiB (${(bundle.css.gzip / 1024).toFixed(1)} KiB gzip)`,
  );
  console.log(
    `Board first load (navigation → first ticket row, ${RUNS} runs): cold p50 ${figures.firstLoadBoard.cold.p50Ms} ms, p95 ${figures.firstLoadBoard.cold.p95Ms} ms; warm p50 ${figures.firstLoadBoard.warm.p50Ms} ms; its API calls alone p50 ${floor.value} ms`,
  );
  console.log(`Wrote ${file}`);
} finally {
  await browser.close();
  await site.stop();
  await stack.stop();
}
