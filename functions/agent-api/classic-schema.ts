/**
 * The domain's schemas are zod/mini (lib/domain/zod.ts); @hono/zod-openapi documents routes from classic
 * schemas only (it calls their methods). classicSchema rebuilds a mini schema as the classic schema of the
 * same kind, from the same definition: the same checks, defaults and shape, so the same validation and the
 * same OpenAPI document. Mini and classic name their kinds alike (ZodMiniObject ↔ ZodObject).
 */
import { z } from '@hono/zod-openapi';
import type { core } from 'zod/mini';

type AnySchema = core.$ZodType;
type Constructor = new (def: unknown) => z.ZodType;

const CLASSIC: Readonly<Record<string, unknown>> = z as unknown as Record<string, unknown>;
const rebuilt = new WeakMap<AnySchema, z.ZodType>();

function isSchema(value: unknown): value is AnySchema {
  return typeof value === 'object' && value !== null && '_zod' in value && typeof (value as AnySchema)._zod.def?.type === 'string';
}

/**
 * A definition with every schema in it rebuilt: inner types, elements, options, shapes. Checks are shared. Other
 * fields keep their descriptors: a default is a getter that gives each parse its own copy.
 */
function classicDef(def: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(def))) {
    const value = key === 'checks' ? undefined : def[key];
    if (isSchema(value)) out[key] = classicSchema(value);
    else if (Array.isArray(value) && value.some(isSchema)) out[key] = value.map((v) => (isSchema(v) ? classicSchema(v) : v));
    else if (key === 'shape' && typeof value === 'object' && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSchema(v) ? classicSchema(v) : v]));
    else Object.defineProperty(out, key, descriptor);
  }
  return out;
}

export function classicSchema<S extends AnySchema>(schema: S): z.ZodType<core.output<S>, core.input<S>> {
  if (schema instanceof z.ZodType) return schema as z.ZodType<core.output<S>, core.input<S>>;
  const known = rebuilt.get(schema);
  if (known) return known as z.ZodType<core.output<S>, core.input<S>>;
  const name = (schema.constructor as { name?: string }).name ?? '';
  const Classic = CLASSIC[name.replace(/^ZodMini/, 'Zod')] as Constructor | undefined;
  if (!name.startsWith('ZodMini') || typeof Classic !== 'function') throw new Error(`classicSchema: no classic schema for ${name || 'an unnamed schema'}`);
  const classic = new Classic(classicDef(schema._zod.def as unknown as Record<string, unknown>));
  rebuilt.set(schema, classic);
  return classic as z.ZodType<core.output<S>, core.input<S>>;
}
