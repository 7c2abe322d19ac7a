/**
 * How every function is bundled for Lambda: one description, read by the CDK
 * construct (infra/cdk/triage-function.ts) and by the bundle benchmark
 * (bench/bundles.bench.ts) through one esbuild call (infra/esbuild-bundle.ts),
 * so that what is measured is what is deployed. Plain data: no CDK or esbuild
 * imports here.
 */
export const BUNDLING = {
  target: 'node22',
  minify: true,
  /** Source maps are kept: stack traces point into the TypeScript. Their cost at cold start is measured by bench:bundles. */
  sourceMap: true,
  /**
   * Maps without the sources themselves: stack traces need only the mappings, and Node reads the whole
   * map at cold start (the ingest map carried the classifier's model a second time, 6 MB).
   */
  sourcesContent: false,
  format: 'esm',
  /**
   * Non-ASCII characters as they are (UTF-8), not as `\uXXXX` escapes: a character of the lexicon's Chinese terms or
   * of a dependency's text takes two or three bytes instead of six, and Node reads UTF-8 source as well.
   */
  charset: 'utf8',
  mainFields: ['module', 'main'],
  /** ESM bundles of CommonJS dependencies still call `require` for Node's built-ins. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /** The Node.js 22 runtime provides the AWS SDK for JavaScript v3; bundles leave it out. */
  externalModules: ['@aws-sdk/*'],
  /** Source maps are loaded at cold start only with this flag. */
  nodeOptions: '--enable-source-maps',
} as const;
