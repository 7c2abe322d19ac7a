/**
 * Data tables that travel brotli-compressed in the function bundles (compactDataTables in
 * infra/esbuild-bundle.ts): a JSON file, or a CommonJS module of a dependency that is pure data written as
 * JavaScript (libmime's MIME type table, iconv-lite's single-byte code pages). Such a module is evaluated
 * here, at build time, in a context of its own without `require` or `process` (a check that it is data, not a
 * sandbox: node:vm isolates nothing, and these are the project's own locked dependencies, which its tests run
 * too); its exports must come back from
 * JSON exactly, which is checked by running the module that replaces it and comparing the two, property
 * descriptors and prototypes included. A module that is not pure data fails the build. A table written as a
 * base64 string literal (entities' HTML decoding trie) travels as the brotli-compressed bytes it encodes, and
 * arrays of numbers written as code (chardet's n-gram tables) as compressed JSON.
 */
import { runInContext, createContext as vmContext } from 'node:vm';
import * as zlib from 'node:zlib';

/** The intrinsics of the realm a value was made in: values from a vm context have that context's prototypes. */
interface Realm {
  readonly object: object;
  readonly array: object;
}

interface Evaluated {
  readonly exports: unknown;
  readonly realm: Realm;
}

/** Runs CommonJS `source` as Node would (exports, require, module; `this` is exports) in a fresh, empty context. */
function evaluate(source: string, filename: string, globals: Record<string, unknown> = {}): Evaluated {
  const context = vmContext({ ...globals });
  const realm = runInContext('({ object: Object.prototype, array: Array.prototype })', context) as Realm;
  const module = runInContext('({ exports: {} })', context) as { exports: unknown };
  const require = (globals.require as ((id: string) => unknown) | undefined) ?? ((id: string) => raise(`requires ${id}`));
  const wrapped = runInContext(`(function (exports, require, module) {${source}\n})`, context, { filename }) as (this: unknown, ...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, require, module);
  return { exports: module.exports, realm };
}

function raise(message: string): never {
  throw new Error(message);
}

/** Brotli at its best, base64: what a table weighs in the bundle. */
function pack(data: string | Buffer): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return zlib
    .brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    .toString('base64');
}

/** An expression that gives back `text` from its packed bytes, run when the module is first required. */
function expandText(text: string): string {
  return `require("node:zlib").brotliDecompressSync(Buffer.from(${JSON.stringify(pack(text))}, "base64")).toString("utf8")`;
}

/** An expression that expands packed JSON text. */
function expand(json: string): string {
  return `JSON.parse(${expandText(json)})`;
}

/** A CommonJS module exporting the value of JSON `text`, compacted. */
export function compactJson(text: string): string {
  return `module.exports = ${expand(JSON.stringify(JSON.parse(text)))};`;
}

/**
 * A CommonJS module exporting the JSON texts of several tables (each minified), compressed together: tables
 * that hold the same characters (iconv-lite's EUC-JP and Shift_JIS) compress to little more than one. Each
 * table's module parses its own text.
 */
export function compactJsonGroup(texts: readonly string[]): string {
  // Minified JSON holds no raw line break.
  return `module.exports = ${expandText(texts.map((text) => JSON.stringify(JSON.parse(text))).join('\n'))}.split("\\n");`;
}

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** An own property as plain JSON data has it: enumerable, writable, configurable, a value. */
function isPlainProperty(d: PropertyDescriptor): boolean {
  return 'value' in d && d.enumerable === true && d.writable === true && d.configurable === true;
}

/**
 * The module that replaces pure-data CommonJS `source`; throws, naming what is not data, if it is not. An exports
 * object as transpilers write it (a non-enumerable `__esModule`, a `default` that is the exports object itself)
 * keeps those properties as they were; everything else is JSON.
 */
export function compactDataModule(source: string, filename: string): string {
  try {
    return compacted(evaluate(source, filename), filename);
  } catch (error) {
    throw new Error(`${filename} is not pure data: ${(error as Error).message}`);
  }
}

function compacted(original: Evaluated, filename: string): string {
  const { exports } = original;
  const properties = isObject(exports) && !Array.isArray(exports) ? Object.entries(Object.getOwnPropertyDescriptors(exports)) : [];
  const described = properties.some(([, d]) => !isPlainProperty(d) || d.value === exports);
  let code: string;
  if (!described) {
    code = `module.exports = ${expand(JSON.stringify(exports) ?? raise('exports nothing JSON can hold'))};`;
  } else {
    // One packed array holds the values that are data; the exports object is rebuilt property by property, in order.
    const values: unknown[] = [];
    const lines = ['var e = module.exports;'];
    for (const [key, d] of properties) {
      if (!('value' in d)) raise(`exports.${key} is an accessor`);
      const value = d.value === exports ? 'e' : `v[${values.push(d.value) - 1}]`;
      lines.push(`Object.defineProperty(e, ${JSON.stringify(key)}, { value: ${value}, enumerable: ${d.enumerable}, writable: ${d.writable}, configurable: ${d.configurable} });`);
    }
    lines.splice(1, 0, `var v = ${expand(JSON.stringify(values))};`);
    code = lines.join('\n');
  }
  const difference = differenceBetween(
    original,
    evaluate(code, `${filename} (compacted)`, { Buffer, require: (id: string) => (id === 'node:zlib' ? zlib : raise(`requires ${id}`)) }),
  );
  if (difference) raise(difference);
  return code;
}

/** Where `a` and `b` differ, or undefined: own keys in order, property descriptors, prototypes, values, and which objects are the same object. */
function differenceBetween(a: Evaluated, b: Evaluated): string | undefined {
  const pairs = new Map<object, object>();
  const prototypeOf = (v: object, realm: Realm) => {
    const p = Object.getPrototypeOf(v) as object | null;
    return p === realm.object ? 'Object' : p === realm.array ? 'Array' : p === null ? 'null' : 'another prototype';
  };
  const compare = (x: unknown, y: unknown, at: string): string | undefined => {
    if (!isObject(x) || !isObject(y)) return Object.is(x, y) ? undefined : `${at} is ${describe(x)}, ${describe(y)} after JSON`;
    if (typeof x === 'function') return `${at} is a function`;
    const seen = pairs.get(x);
    if (seen !== undefined) return seen === y ? undefined : `${at} is an object also found elsewhere`;
    pairs.set(x, y);
    const [px, py] = [prototypeOf(x, a.realm), prototypeOf(y, b.realm)];
    if (px !== py || px === 'another prototype') return `${at} has ${px} prototype, ${py} after JSON`;
    if (Object.isExtensible(x) !== Object.isExtensible(y)) return `${at} is ${Object.isExtensible(x) ? '' : 'not '}extensible`;
    if (Array.isArray(x) && Object.keys(x).length !== x.length) return `${at} is an array with holes`;
    const [kx, ky] = [Reflect.ownKeys(x), Reflect.ownKeys(y)];
    const lost = kx.findIndex((k, i) => k !== ky[i]);
    if (lost !== -1) return `${at}[${JSON.stringify(String(kx[lost]))}] (${describe(Reflect.get(x, kx[lost]!))}) is not kept by JSON`;
    if (kx.length !== ky.length) return `${at} has keys after JSON that it had not`;
    for (const key of kx) {
      const [dx, dy] = [Reflect.getOwnPropertyDescriptor(x, key)!, Reflect.getOwnPropertyDescriptor(y, key)!];
      const where = `${at}[${JSON.stringify(String(key))}]`;
      if (!('value' in dx)) return `${where} is an accessor`;
      for (const flag of ['enumerable', 'writable', 'configurable'] as const) if (dx[flag] !== dy[flag]) return `${where} is ${dx[flag] ? '' : 'not '}${flag}`;
      const d = compare(dx.value, dy.value, where);
      if (d) return d;
    }
    return undefined;
  };
  return compare(a.exports, b.exports, 'exports');
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'function') return 'a function';
  if (isObject(v)) return Array.isArray(v) ? 'an array' : 'an object';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** A base64 string literal, long enough to be a table. */
const BASE64_LITERAL = /"([A-Za-z0-9+/]{4096,}={0,2})"/g;

/**
 * `source` with each long base64 literal replaced by an expression that gives the same string from the
 * brotli-compressed bytes it encodes; throws when there is none, or one is not canonical base64.
 */
export function compactBase64Literals(source: string, filename: string): string {
  let found = 0;
  const compacted = source.replace(BASE64_LITERAL, (_, text: string) => {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') !== text) throw new Error(`${filename}: a base64 literal does not come back from its bytes`);
    found += 1;
    return `require("node:zlib").brotliDecompressSync(Buffer.from(${JSON.stringify(pack(bytes))}, "base64")).toString("base64")`;
  });
  if (found === 0) throw new Error(`${filename}: no base64 table found`);
  return compacted;
}

/** An array literal of sixteen or more integer literals (hex or decimal): a table written as code. */
const NUMBER_ARRAY = /\[\s*((?:(?:0x[0-9a-fA-F]+|\d+)\s*,\s*){15,}(?:0x[0-9a-fA-F]+|\d+))\s*,?\s*\]/g;

/** The function the replaced literals call; declared at the end of the module (hoisted, and after any directive). */
const NUMBER_TABLES = '__compactedNumberTables';

/**
 * `source` with each long array literal of integers replaced by a fresh copy (as the literal made one each time
 * it ran) of the same numbers, from brotli-compressed JSON expanded when a table is first used; throws when
 * there is none.
 */
export function compactNumberArrays(source: string, filename: string): string {
  const tables: number[][] = [];
  const compacted = source.replace(NUMBER_ARRAY, (_, list: string) => {
    const values = list.split(',').map((v) => Number(v.trim()));
    if (values.some((v) => !Number.isSafeInteger(v))) throw new Error(`${filename}: a number table holds a number JSON would change`);
    return `${NUMBER_TABLES}()[${tables.push(values) - 1}].slice()`;
  });
  if (tables.length === 0) throw new Error(`${filename}: no number table found`);
  return `${compacted}\nvar ${NUMBER_TABLES}_;\nfunction ${NUMBER_TABLES}() { return (${NUMBER_TABLES}_ ??= ${expand(JSON.stringify(tables))}); }\n`;
}
