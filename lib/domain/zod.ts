/**
 * The project's zod: `zod/mini`, with English messages; import it as a namespace (`import * as z`), so that
 * a bundler keeps only the functions a module calls. Mini's schemas are plain functions; the classic API's
 * methods bring every schema type into every function that validates anything (85 kB of each small
 * function, and a slower cold start). Only the agent API's routes use the classic API, which
 * @hono/zod-openapi needs (functions/agent-api/classic-schema.ts).
 */
import { coerce, config, iso } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Mini loads no locale: without this every message would read "Invalid input".
config(en());

export * from 'zod/mini';

// mini's `iso` and `coerce` are namespaces of their own: reaching into one (`z.iso.datetime`) through this
// module makes esbuild keep all of zod, 40 locales included (300 kB). Named functions keep it to what is used.
export function isoDateTime(params?: Parameters<typeof iso.datetime>[0]) {
  return iso.datetime(params);
}
export function coerceNumber(params?: Parameters<typeof coerce.number>[0]) {
  return coerce.number(params);
}
