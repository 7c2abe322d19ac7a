/**
 * `node --import tsx infra/bundle-function.ts ENTRY OUTDIR`: bundles one function (ENTRY relative to the
 * project, e.g. functions/ingest/handler.ts) into OUTDIR/index.mjs with its source map. The CDK stack's
 * bundling runs this (infra/cdk/triage-function.ts); bench:bundles calls bundleFunction itself.
 */
import { join } from 'node:path';
import { bundleFunction } from './esbuild-bundle.ts';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: bundle-function.ts ENTRY OUTDIR');
  process.exit(2);
}
await bundleFunction(entry, join(outdir, 'index.mjs'));
