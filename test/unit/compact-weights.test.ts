import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactWeights, weightBytes } from '../../lib/classify/compact-weights.ts';
import { loadLinearModel, type ModelFile } from '../../lib/classify/linear-model.ts';

const MODEL_PATH = join(import.meta.dirname, '..', '..', 'lib', 'classify', 'model', 'triage-model.json');

describe('compact model weights (what the deployed ingest bundle carries)', () => {
  // The committed file, whose weights are base64.
  let file: ModelFile & { weights: string };
  let compact: Buffer;
  beforeAll(async () => {
    file = JSON.parse(await readFile(MODEL_PATH, 'utf8'));
    compact = compactWeights(file.weights);
  });

  it('round-trips the committed weights byte for byte, in under a quarter of the bytes', () => {
    const bytes = Buffer.from(file.weights, 'base64');
    expect(compact.length).toBeLessThan(bytes.length / 4);
    expect(Buffer.from(weightBytes(compact)).equals(bytes)).toBe(true);
  });

  it('reads the committed base64 as it is', () => {
    expect(Buffer.from(weightBytes(file.weights)).equals(Buffer.from(file.weights, 'base64'))).toBe(true);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const base64 = Buffer.from(bytes).toString('base64');
        expect(Buffer.from(weightBytes(compactWeights(base64))).equals(Buffer.from(bytes))).toBe(true);
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
