/**
 * What the functions' bundles give mailparser for `linkify-it` (infra/esbuild-bundle.ts, linkifyOnDemand).
 * mailparser builds its link finder when it is imported: six compilations of linkify-it's patterns, the full
 * list of top-level domains among them, about 10 ms of every cold start. It uses it only to render
 * `textAsHtml`, which the functions never ask for (lib/mail/parse-mail.ts: skipTextToHtml). This stand-in
 * records how mailparser configures it and builds the real one, configured alike, when first asked for links.
 */
import LinkifyIt from 'linkify-it';

/** The chainable calls that configure an instance; any other property needs the real one. */
const CONFIGURING = new Set<PropertyKey>(['add', 'set', 'tlds']);

type Instance = Record<PropertyKey, unknown>;

type Constructor = new (...args: unknown[]) => object;

/** mailparser's `linkifyIt()`: a handle that builds the real instance (of `Real`) on first use. */
export function onDemand(Real: Constructor, ...args: unknown[]): Instance {
  let real: Instance | undefined;
  const configured: { name: PropertyKey; args: unknown[] }[] = [];
  const instance = (): Instance => {
    if (!real) {
      real = new Real(...args) as Instance;
      for (const call of configured) Reflect.apply(real[call.name] as (...a: unknown[]) => unknown, real, call.args);
    }
    return real;
  };
  const handle: Instance = new Proxy({} as Instance, {
    get(_, name) {
      if (!real && CONFIGURING.has(name))
        return (...a: unknown[]) => {
          configured.push({ name, args: a });
          return handle;
        };
      const target = instance();
      const value = target[name];
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_, name, value) {
      instance()[name] = value;
      return true;
    },
    has: (_, name) => name in instance(),
  });
  return handle;
}

export default function linkifyOnDemand(...args: unknown[]): Instance {
  return onDemand(LinkifyIt, ...args);
}
