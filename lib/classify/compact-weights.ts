/**
 * The model's weights in the form the deployed ingest function carries them. The
 * committed model file keeps them as base64 of int8 (what `triage train` writes,
 * byte for byte); the bundler (infra/esbuild-bundle.ts) ships the same bytes
 * deflated in a file beside the bundle (a quarter of their size), read at cold
 * start as bytes, and loadLinearModel expands either form to the same weights.
 * Deflate rather than brotli: brotli's file is 30 kB smaller, but expanding it
 * took 6 ms at cold start against 4 ms.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/** Base64 of int8 weights → the same bytes, raw deflate at the highest compression. */
export function compactWeights(base64: string): Buffer {
  return deflateRawSync(Buffer.from(base64, 'base64'), { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
}

/** The weight bytes of either form: the committed base64, or the bytes compactWeights made of it. */
export function weightBytes(weights: string | Uint8Array): Uint8Array {
  return typeof weights === 'string' ? Buffer.from(weights, 'base64') : inflateRawSync(weights);
}
