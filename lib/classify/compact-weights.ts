/**
 * The model's weights in the form the deployed ingest function carries them. The
 * committed model file keeps them as base64 of int8 (what `triage train` writes,
 * byte for byte); the bundler (infra/esbuild-bundle.ts) ships brotli of the same
 * bytes in a file beside the bundle (a fifth of their size), read at cold start
 * into the compact form here, and loadLinearModel expands either form to the same
 * weights (brotli: about 4 ms).
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Marks compacted weights. Never valid base64, so the two forms cannot be confused. */
export const COMPACT_WEIGHTS_PREFIX = 'brotli:';

/** Base64 of int8 weights → brotli (highest quality) of the same bytes, base64, behind COMPACT_WEIGHTS_PREFIX. */
export function compactWeights(base64: string): string {
  if (isCompact(base64)) return base64;
  const bytes = Buffer.from(base64, 'base64');
  const packed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return `${COMPACT_WEIGHTS_PREFIX}${packed.toString('base64')}`;
}

/** The weight bytes of either form: the committed base64, or what compactWeights made of it. */
export function weightBytes(weights: string): Buffer {
  return isCompact(weights) ? brotliDecompressSync(Buffer.from(weights.slice(COMPACT_WEIGHTS_PREFIX.length), 'base64')) : Buffer.from(weights, 'base64');
}

function isCompact(weights: string): boolean {
  return weights.startsWith(COMPACT_WEIGHTS_PREFIX);
}
