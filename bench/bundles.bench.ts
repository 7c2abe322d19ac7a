/**
 * Bundle size and cold import per function (`npm run bench:bundles`). Each
 * function is bundled with esbuild exactly as the CDK stack bundles it
 * (infra/esbuild-bundle.ts: minified ESM, source maps, the AWS SDK left to the
 * runtime, one copy of each dependency, the model's weights compacted in a file
 * beside it; a bundle's size counts every file it deploys but the source map),
 * then imported in a fresh `node --enable-source-maps` process with its
 * environment set, as Lambda does at cold start. The floor is a module
 * that only imports `@aws-sdk/client-dynamodb` (an ES import, as the issue
 * measured it); the bundles load the SDK with `require`, which costs Node less,
 * so a second floor that requires it is measured too and each function's ratio
 * to it is reported beside (`ratioToRequireFloor`). Imports are interleaved
 * round by round (floors, then each function) and the median of each is
 * reported with its ratio to the floor's. The esbuild metafile says
 * which dependency weighs most in each bundle, and which are bundled twice.
 * Which AWS SDK clients a bundle loads at cold start is read from Node's module
 * cache after importing it; requiring those alone, in a fresh process, is timed
 * in the same rounds: the part of a cold start that is the SDK's, which a row
 * that misses its target names as its reason.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { BUNDLING } from '../infra/bundling.ts';
import { type BundleOptions, bundleFunction } from '../infra/esbuild-bundle.ts';
import { bundleOptionsOf, type FunctionWiring, functionRegistry } from '../infra/function-registry.ts';
import { type BenchRow, row, writeBenchResult } from './results.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
// Inside node_modules, so that the bundles find the AWS SDK the way Lambda's runtime provides it.
const OUT = join(ROOT, 'node_modules', '.cache', 'inbox-triage-bundles');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const wiring: FunctionWiring = {
  tableName: 'Tickets',
  outboundQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/Outbound',
  alertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:Alerts',
  supportAddresses: ['support@example.com'],
  templateBucket: 'raw-mail',
  auth: { jwksUrl: 'https://example.com/.well-known/jwks.json', issuer: 'https://example.com', audience: 'agents' },
  settings: {},
};

const targets: Record<string, { entry: string; env: Record<string, string | undefined>; bundle?: BundleOptions }> = {
  floor: { entry: join(OUT, 'floor', 'index.mjs'), env: {} },
  floorRequire: { entry: join(OUT, 'floorRequire', 'index.mjs'), env: {} },
  ...Object.fromEntries(
    Object.entries(functionRegistry).map(([name, f]) => [
      name,
      { entry: join(ROOT, f.entry), env: f.environment(wiring) as Record<string, string | undefined>, bundle: bundleOptionsOf(f) },
    ]),
  ),
};
const TARGETS = { ingest: 2, mailer: 1.5, sla: 1.5, feedback: 1.5, agentApi: undefined } as const;
const SIZE_TARGETS: Partial<Record<string, number>> = { ingest: 1024, sla: 150, feedback: 150 };

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
/** The floors are not bundled: a bare import, and a bare require as the bundles do it (BUNDLING.banner). */
const FLOORS: Record<string, string> = {
  floor: "import '@aws-sdk/client-dynamodb';\n",
  floorRequire: `${BUNDLING.banner}\nrequire('@aws-sdk/client-dynamodb');\n`,
};
for (const [name, code] of Object.entries(FLOORS)) {
  await mkdir(join(OUT, name), { recursive: true });
  await writeFile(targets[name]!.entry, code);
}

/** Which package a bundled file comes from: `zod`, `@hono/zod-openapi`, or `(project)`. */
function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) return '(project)';
  const [scope, name] = path.slice(at + 'node_modules/'.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? '?');
}

/** Bytes each package adds to the output, and packages bundled from more than one copy (two versions, or CJS and ESM builds). */
function weigh(meta: Metafile) {
  const output = Object.values(meta.outputs).find((o) => o.entryPoint)!;
  const byPackage = new Map<string, number>();
  const copies = new Map<string, Set<string>>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = packageOf(path);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
    if (pkg === '(project)' || input.bytesInOutput === 0) continue;
    const root = path.slice(0, path.lastIndexOf('node_modules/') + 'node_modules/'.length + pkg.length);
    const flavour = /\/(?:dist|lib)\/(cjs|esm|commonjs|module)\//.exec(path)?.[1] ?? '';
    copies.set(pkg, (copies.get(pkg) ?? new Set()).add(`${root}${flavour ? ` (${flavour})` : ''}`));
  }
  const heaviest = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  // Two installs, or two builds (cjs and esm) of one install; a package's entry file beside its one build is not a copy.
  const isCopy = (s: Set<string>) => new Set([...s].map((c) => c.replace(/ \(.*\)$/, ''))).size > 1 || [...s].filter((c) => c.endsWith(')')).length > 1;
  const duplicates = [...copies.entries()].filter(([, s]) => isCopy(s)).map(([pkg, s]) => ({ package: pkg, copies: [...s] }));
  return { heaviest: heaviest.map(([pkg, bytes]) => ({ package: pkg, kB: +(bytes / 1024).toFixed(1) })), duplicates };
}

/** What a function deploys (its bundle and the files beside it, such as the model's weights; not the source map): kB in all, and the files beside the bundle. */
async function deployedFiles(dir: string): Promise<{ kB: number; beside: { file: string; kB: number }[] }> {
  const files = await Promise.all((await readdir(dir)).filter((f) => !f.endsWith('.map')).map(async (file) => ({ file, bytes: (await stat(join(dir, file))).size })));
  const kB = (bytes: number) => +(bytes / 1024).toFixed(1);
  return { kB: kB(files.reduce((n, f) => n + f.bytes, 0)), beside: files.filter((f) => f.file !== 'index.mjs').map((f) => ({ file: f.file, kB: kB(f.bytes) })) };
}

const bundles: Record<string, { file: string; kB: number; mapKB: number; beside?: unknown; heaviest: unknown; duplicates: unknown }> = {};
for (const [name, target] of Object.entries(targets)) {
  if (name in FLOORS) {
    bundles[name] = { file: target.entry, kB: +((await stat(target.entry)).size / 1024).toFixed(1), mapKB: 0, heaviest: [], duplicates: [] };
    continue;
  }
  const outfile = join(OUT, name, 'index.mjs');
  const metafile = await bundleFunction(relative(ROOT, target.entry), outfile, target.bundle);
  bundles[name] = {
    file: outfile,
    ...(await deployedFiles(dirname(outfile))),
    mapKB: +((await stat(`${outfile}.map`)).size / 1024).toFixed(1),
    ...weigh(metafile),
  };
}

/** The AWS SDK packages (clients and libraries) a module of the process has loaded, from Node's module cache. */
const LOADED_SDK = `Object.keys((await import('node:module')).default._cache).map((p) => /node_modules\\/(@aws-sdk\\/(?:client|lib)-[^/]+)\\//.exec(p)?.[1]).filter(Boolean)`;

/** Milliseconds to import the bundle in a fresh process, as Lambda's init does, and the SDK packages it loaded. */
async function coldImportOf(name: string, sourceMaps: boolean): Promise<{ ms: number; sdk: string[] }> {
  const code = `const t = performance.now(); await import(${JSON.stringify(`file://${bundles[name]!.file}`)}); const ms = performance.now() - t; process.stdout.write(JSON.stringify({ ms, sdk: [...new Set(${LOADED_SDK})].sort() }));`;
  const env = {
    ...process.env,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...Object.fromEntries(Object.entries(targets[name]!.env).filter((e): e is [string, string] => e[1] !== undefined)),
  };
  const args = [...(sourceMaps ? [BUNDLING.nodeOptions] : []), '--input-type=module', '-e', code];
  const { stdout } = await run(process.execPath, args, { env, cwd: OUT });
  return JSON.parse(stdout) as { ms: number; sdk: string[] };
}

async function coldImport(name: string, sourceMaps: boolean): Promise<number> {
  return (await coldImportOf(name, sourceMaps)).ms;
}

/** Milliseconds to `require` these SDK packages in a fresh process, as the bundles load them (BUNDLING.banner), source maps on as deployed. */
async function requireAlone(packages: readonly string[]): Promise<number> {
  const code = `${BUNDLING.banner} const t = performance.now(); for (const p of ${JSON.stringify(packages)}) require(p); process.stdout.write(String(performance.now() - t));`;
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const { stdout } = await run(process.execPath, [BUNDLING.nodeOptions, '--input-type=module', '-e', code], { env, cwd: OUT });
  return Number(stdout);
}

const names = Object.keys(targets);
const functionNames = names.filter((n) => !(n in FLOORS));
// Which SDK packages each function loads at cold start (one import each, not timed).
const sdkOf: Record<string, string[]> = {};
for (const name of functionNames) sdkOf[name] = (await coldImportOf(name, true)).sdk;
const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const noMaps: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const sdkTimes: Record<string, number[]> = Object.fromEntries(functionNames.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const name of names) {
    times[name]!.push(await coldImport(name, true));
    noMaps[name]!.push(await coldImport(name, false));
    if (sdkTimes[name]) sdkTimes[name].push(await requireAlone(sdkOf[name]!));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = { what: 'a bare @aws-sdk/client-dynamodb import', value: median(times.floor!) };
const requireFloor = median(times.floorRequire!);
const ms = (n: number) => `${n.toFixed(0)} ms`;
/** What a function's cold start is made of: the SDK clients it loads, required alone, and the rest (its own code). */
const breakdown = Object.fromEntries(
  functionNames.map((n) => {
    const total = median(times[n]!);
    const sdk = median(sdkTimes[n]!);
    return [n, { totalMs: +total.toFixed(1), sdkPackages: sdkOf[n]!, sdkAloneMs: +sdk.toFixed(1), ownCodeMs: +(total - sdk).toFixed(1) }];
  }),
);
/** Why a cold import misses its target: the SDK's share, and what the target leaves the function's own code. */
function coldImportReason(name: string, max: number): string {
  const b = breakdown[name]!;
  const budget = max * floor.value;
  return (
    `the AWS SDK packages it loads at cold start (${b.sdkPackages.join(', ')}) take ${ms(b.sdkAloneMs)} required alone, ` +
    `${(b.sdkAloneMs / floor.value).toFixed(2)}× the floor by themselves; the target (${ms(budget)}) leaves its own code ` +
    `${ms(budget - b.sdkAloneMs)}, and it takes ${ms(b.ownCodeMs)}`
  );
}
const rows: BenchRow[] = [];
for (const name of functionNames) {
  const max = SIZE_TARGETS[name];
  rows.push(row(`${name} bundle (and files beside it)`, bundles[name]!.kB, 'kB', max !== undefined ? { max } : {}));
}
for (const name of functionNames) {
  const max = TARGETS[name as keyof typeof TARGETS];
  rows.push(
    row(`${name} cold import (source maps on, as deployed)`, median(times[name]!), 'ms', {
      floor,
      ...(max !== undefined ? { max, reasonIfMissed: coldImportReason(name, max) } : {}),
    }),
  );
}
const figures = {
  benchmark: 'bundles and cold import per function',
  rounds: ROUNDS,
  bundling: BUNDLING,
  bundles: Object.fromEntries(
    Object.entries(bundles).map(([n, b]) => [n, { kB: b.kB, sourceMapKB: b.mapKB, beside: b.beside ?? [], heaviest: b.heaviest, duplicates: b.duplicates }]),
  ),
  /** Each function's cold import over a bare `require` of the DynamoDB client, the way the bundles load the SDK. */
  ratiosToRequireFloor: Object.fromEntries(functionNames.map((n) => [n, +(median(times[n]!) / requireFloor).toFixed(2)])),
  coldImportMs: Object.fromEntries(names.map((n) => [n, { withSourceMaps: +median(times[n]!).toFixed(1), withoutSourceMaps: +median(noMaps[n]!).toFixed(1) }])),
  /** Each function's cold import (source maps on): the SDK packages it loads, required alone in the same rounds, and the rest. */
  coldImportBreakdown: breakdown,
  rows,
};
await writeBenchResult('bundles', figures);
console.log(JSON.stringify(figures));
