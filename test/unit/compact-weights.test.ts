import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPACT_WEIGHTS_PREFIX, compactWeights, weightBytes } from '../../lib/classify/compact-weights.ts';
import { loadLinearModel, type ModelFile } from '../../lib/classify/linear-model.ts';

const MODEL_PATH = join(import.meta.dirname, '..', '..', 'lib', 'classify', 'model', 'triage-model.json');

describe('compact model weights (what the deployed ingest bundle carries)', () => {
  let file: ModelFile;
  // Brotli at its highest quality takes a couple of seconds on the 1 MB of weights: once for the file.
  let compact: string;
  beforeAll(async () => {
    file = JSON.parse(await readFile(MODEL_PATH, 'utf8'));
    compact = compactWeights(file.weights);
  });

  it('round-trips the committed weights byte for byte, in under a third of the characters', () => {
    expect(compact.startsWith(COMPACT_WEIGHTS_PREFIX)).toBe(true);
    expect(compact.length).toBeLessThan(file.weights.length / 3);
    expect(weightBytes(compact).equals(Buffer.from(file.weights, 'base64'))).toBe(true);
  });

  it('reads the committed base64 as it is, and compacts compacted weights to themselves', () => {
    expect(weightBytes(file.weights).equals(Buffer.from(file.weights, 'base64'))).toBe(true);
    expect(compactWeights(compact)).toBe(compact);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const base64 = Buffer.from(bytes).toString('base64');
        expect(weightBytes(compactWeights(base64)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('loads into the same model as the committed file: same logits for the same text', () => {
    const plain = loadLinearModel(file);
    const expanded = loadLinearModel({ ...file, weights: compact });
    expect(expanded.version).toBe(plain.version);
    for (const text of ['where is my order', 'this is a disgrace, I want a refund now', 'i will find you', '我的订单还没到，请尽快处理', '']) {
      expect([...expanded.logits(text)]).toEqual([...plain.logits(text)]);
    }
  });

  it('rejects compacted weights that do not fit the buckets, as it does plain ones', () => {
    expect(() => loadLinearModel({ ...file, weights: compactWeights(Buffer.from([1, 2, 3]).toString('base64')) })).toThrow(/bytes, expected/);
  });
});
