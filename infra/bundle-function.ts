/**
 * `node --import tsx infra/bundle-function.ts ENTRY OUTDIR [--zod-json-schema]`: bundles one function (ENTRY
 * relative to the project, e.g. functions/ingest/handler.ts) into OUTDIR/index.mjs with its source map;
 * `--zod-json-schema` keeps zod's JSON Schema generation (BundleOptions). The CDK stack's
 * bundling runs this (infra/cdk/triage-function.ts); bench:bundles calls bundleFunction itself.
 */
import { join } from 'node:path';
import { bundleFunction } from './esbuild-bundle.ts';

const [entry, outdir, ...flags] = process.argv.slice(2);
if (!entry || !outdir || flags.some((f) => f !== '--zod-json-schema')) {
  console.error('usage: bundle-function.ts ENTRY OUTDIR [--zod-json-schema]');
  process.exit(2);
}
await bundleFunction(entry, join(outdir, 'index.mjs'), { zodJsonSchema: flags.includes('--zod-json-schema') });
