import { parseConfigJson } from '../domain/config-values.ts';
import { ConfigError } from '../domain/errors.ts';
import * as z from '../domain/zod.ts';
import { describeZodError } from '../domain/zod-issues.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './classifier.ts';
import { DEFAULT_LEXICON, type LexiconEntry } from './lexicon.ts';

/**
 * What an admin may change without touching code: add, remove or adjust lexicon entries and thresholds. Built on
 * first use (z.lazy): most deployments never set CLASSIFIER_CONFIG, and its schemas would be built at every cold start.
 */
export const ClassifierConfigSchema = z.lazy(() => {
  const TermSchema = z.string().check(
    z.minLength(1),
    z.maxLength(500),
    z.refine((t) => {
      try {
        new RegExp(t);
        return true;
      } catch {
        return false;
      }
    }, 'is not a valid regular expression'),
  );
  const Terms = z.array(TermSchema).check(z.minLength(1));

  const WeightSchema = z.number().check(z.minimum(0), z.maximum(2));
  const Score = z.number().check(z.minimum(0), z.maximum(1));

  const EntrySchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'use lower-case letters, digits, dots and dashes')),
    category: z.enum(['threat', 'rude', 'complaint']),
    language: z.enum(['en', 'zh']),
    weight: WeightSchema,
    terms: Terms,
    subtype: z.optional(z.string().check(z.minLength(1))),
    negatable: z.optional(z.boolean()),
  });

  return z.strictObject({
    thresholds: z.optional(z.partial(z.strictObject({ threat: Score, rude: Score, complaint: Score, review: Score, confident: Score }))),
    lexicon: z.optional(
      z.strictObject({
        add: z.optional(z.array(EntrySchema)),
        remove: z.optional(z.array(z.string())),
        override: z.optional(z.record(z.string(), z.partial(z.strictObject({ weight: WeightSchema, terms: Terms, extraTerms: Terms })))),
      }),
    ),
  });
});
export type ClassifierConfig = z.infer<typeof ClassifierConfigSchema>;

export interface ResolvedClassifierConfig {
  readonly lexicon: readonly LexiconEntry[];
  readonly thresholds: Thresholds;
}

/** Validates a config object and applies it to the defaults; every problem is reported with its path. */
export function resolveClassifierConfig(input: unknown, source = 'classifier config'): ResolvedClassifierConfig {
  const parsed = ClassifierConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(`${source}: ${describeZodError(parsed.error)}`);
  const config = parsed.data;
  const known = new Set(DEFAULT_LEXICON.map((e) => e.id));
  const problems: string[] = [];
  for (const id of config.lexicon?.remove ?? []) if (!known.has(id)) problems.push(`lexicon.remove: unknown entry '${id}'`);
  for (const id of Object.keys(config.lexicon?.override ?? {})) if (!known.has(id)) problems.push(`lexicon.override.${id}: unknown entry`);
  for (const [i, e] of (config.lexicon?.add ?? []).entries()) if (known.has(e.id)) problems.push(`lexicon.add.${i}.id: '${e.id}' already exists; use override`);
  if (problems.length > 0) throw new ConfigError(`${source}: ${problems.join('; ')}`);

  const removed = new Set(config.lexicon?.remove ?? []);
  const lexicon = [
    ...DEFAULT_LEXICON.filter((e) => !removed.has(e.id)).map((e) => {
      const o = config.lexicon?.override?.[e.id];
      return o ? { ...e, weight: o.weight ?? e.weight, terms: [...(o.terms ?? e.terms), ...(o.extraTerms ?? [])] } : e;
    }),
    ...(config.lexicon?.add ?? []),
  ];
  return { lexicon, thresholds: { ...DEFAULT_THRESHOLDS, ...config.thresholds } };
}

/** Parses the JSON text of a config file (or environment variable) and resolves it. */
export function parseClassifierConfig(json: string, source: string): ResolvedClassifierConfig {
  return resolveClassifierConfig(parseConfigJson(json, source), source);
}
