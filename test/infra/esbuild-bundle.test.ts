import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/esbuild-bundle.ts';
import { DEFAULT_MODEL } from '../../lib/classify/default-model.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('function bundles (infra/esbuild-bundle.ts, what the stack deploys and bench:bundles measures)', () => {
  let dir: string;
  let ingest: { code: string; meta: Metafile };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'triage-bundle-'));
    const meta = await bundleFunction('functions/ingest/handler.ts', join(dir, 'ingest', 'index.mjs'));
    ingest = { code: await readFile(join(dir, 'ingest', 'index.mjs'), 'utf8'), meta };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('bundles one copy of each dependency: libmime, libqp, libbase64 once (CommonJS), entities once', () => {
    const inputs = Object.keys(ingest.meta.inputs);
    for (const name of ['libmime', 'libqp', 'libbase64']) {
      expect(inputs.filter((p) => p.startsWith(`node_modules/${name}/dist/esm/`))).toEqual([]);
      expect(inputs.some((p) => p.startsWith(`node_modules/${name}/dist/cjs/`))).toBe(true);
    }
    expect(inputs.filter((p) => p.startsWith('node_modules/entities/'))).toEqual([]);
    expect(inputs.some((p) => p.startsWith('node_modules/htmlparser2/node_modules/entities/'))).toBe(true);
  });

  it('leaves the AWS SDK to the runtime and loads it with require, not import', () => {
    // module.exports = require("@aws-sdk/client-s3"), minified.
    expect(ingest.code).toMatch(/exports=[\w$]+\("@aws-sdk\/client-s3"\)/);
    expect(ingest.code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(Object.keys(ingest.meta.inputs).some((p) => p.includes('node_modules/@aws-sdk/'))).toBe(false);
  });

  it('carries the model weights compacted, not as the committed base64', async () => {
    const committed = JSON.parse(await readFile(join(ROOT, 'lib', 'classify', 'model', 'triage-model.json'), 'utf8')) as { weights: string };
    expect(ingest.code).toContain('"brotli:');
    expect(ingest.code).not.toContain(committed.weights.slice(0, 4096));
    expect(ingest.code.length).toBeLessThan(1.6 * 2 ** 20);
  });

  it('expands the compacted weights into the very model the committed file gives', async () => {
    const entry = join(dir, 'model-entry.ts');
    await writeFile(entry, `export { DEFAULT_MODEL } from ${JSON.stringify(join(ROOT, 'lib', 'classify', 'default-model.ts'))};\n`);
    const outfile = join(dir, 'model', 'index.mjs');
    await bundleFunction(relative(ROOT, entry), outfile);
    const bundled = (await import(pathToFileURL(outfile).href)) as { DEFAULT_MODEL: typeof DEFAULT_MODEL };
    expect(bundled.DEFAULT_MODEL.model.version).toBe(DEFAULT_MODEL.model.version);
    expect(bundled.DEFAULT_MODEL.threatThreshold).toBe(DEFAULT_MODEL.threatThreshold);
    for (const text of ['where is my parcel', 'you are useless idiots', 'I will sue you and come to your office', '退款还没到账，太失望了']) {
      expect([...bundled.DEFAULT_MODEL.model.logits(text)]).toEqual([...DEFAULT_MODEL.model.logits(text)]);
    }
  });
});
