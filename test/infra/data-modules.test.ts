import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactBase64Literals, compactDataModule, compactJson, compactJsonGroup, compactNumberArrays } from '../../infra/data-modules.ts';
import { DATA_MODULES } from '../../infra/esbuild-bundle.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const requireHere = createRequire(import.meta.url);

/** The data modules the bundles compact, as installed (one file per DATA_MODULES pattern at least). */
const INSTALLED = [
  'node_modules/libmime/dist/cjs/mimetypes.js',
  'node_modules/libmime/dist/cjs/charsets.js',
  'node_modules/iconv-lite/encodings/sbcs-data.js',
  'node_modules/iconv-lite/encodings/sbcs-data-generated.js',
  'node_modules/encoding-japanese/src/utf8-to-jis-table.js',
  'node_modules/encoding-japanese/src/utf8-to-jisx0212-table.js',
];

describe('data modules compacted at build time (infra/data-modules.ts)', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'triage-data-modules-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  /** Loads module text with Node's own CommonJS loader, as the bundle's code would be run. */
  const load = async (code: string): Promise<unknown> => {
    const file = join(dir, `m${n++}.cjs`);
    await writeFile(file, code);
    return requireHere(file);
  };

  it('names every installed data module the bundles compact', () => {
    for (const path of INSTALLED) expect(DATA_MODULES.some((m) => m.test(`/x/${path}`))).toBe(true);
    for (const m of DATA_MODULES) expect(INSTALLED.some((path) => m.test(`/x/${path}`))).toBe(true);
  });

  it.each(INSTALLED)('%s: the compacted module exports what the package does, and weighs less', async (path) => {
    const source = await readFile(join(ROOT, path), 'utf8');
    const code = compactDataModule(source, path);
    expect(code.length).toBeLessThan(source.length * 0.6);
    const original = requireHere(join(ROOT, path)) as object;
    const compacted = (await load(code)) as object;
    expect(isDeepStrictEqual(compacted, original)).toBe(true);
    // isDeepStrictEqual reads enumerable properties only: the others (a transpiler's __esModule, default) too.
    const descriptors = (o: object) =>
      Object.entries(Object.getOwnPropertyDescriptors(o)).map(([k, d]) => [k, d.enumerable, d.writable, d.configurable, d.value === o ? 'itself' : typeof d.value]);
    if (typeof original === 'object') expect(descriptors(compacted)).toEqual(descriptors(original));
  });

  it("keeps a transpiled module's shape: __esModule, and a default that is the exports object", async () => {
    const source = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.b = exports.a = void 0;',
      'exports.a = { x: [1, 2.5, "é", null, true] };',
      'exports.b = ["z"];',
      'Object.defineProperty(exports, "default", { value: exports, enumerable: false, writable: true, configurable: true });',
    ].join('\n');
    const m = (await load(compactDataModule(source, 'transpiled.js'))) as Record<string, unknown>;
    expect(Object.keys(m)).toEqual(['a', 'b']);
    expect(m.default).toBe(m);
    expect(m.__esModule).toBe(true);
    expect(Object.getOwnPropertyDescriptor(m, '__esModule')).toMatchObject({ enumerable: false, writable: false, configurable: false });
    expect(m.a).toEqual({ x: [1, 2.5, 'é', null, true] });
  });

  it.each([
    ['a function', 'module.exports = { f() {} };', /exports\["f"\] \(a function\) is not kept/],
    ['a getter', 'Object.defineProperty(exports, "g", { get() { return 1; }, enumerable: true, configurable: true });', /accessor/],
    ['NaN', 'module.exports = [1, NaN];', /exports\["1"\] is NaN/],
    ['minus zero', 'module.exports = { z: -0 };', /is -0/],
    ['undefined', 'module.exports = { u: undefined, v: 1 };', /exports\["u"\] \(undefined\) is not kept/],
    ['a shared object', 'const row = [1]; module.exports = { a: row, b: row };', /also found elsewhere/],
    ['a Map', 'module.exports = new Map([[1, 2]]);', /another prototype/],
    ['a Date', 'module.exports = { at: new Date(0) };', /exports\["at"\] is an object, "1970-01-01T00:00:00.000Z" after JSON/],
    ['a sparse array', 'module.exports = [1, , 3];', /exports is an array with holes/],
    ['a frozen object', 'module.exports = Object.freeze({ a: 1 });', /extensible|writable/],
    ['a require', 'module.exports = require("node:os").EOL;', /requires node:os/],
    ['the environment', 'module.exports = { debug: process.env.DEBUG };', /process is not defined/],
    ['a cycle', 'const a = {}; a.self = a; module.exports = { a };', /circular/],
    ['ES module syntax', 'export const a = 1;', /Unexpected token 'export'/],
  ])('fails the build when a data module holds %s', (_, source, why) => {
    expect(() => compactDataModule(source, 'table.js')).toThrow(/^table\.js is not pure data: /);
    expect(() => compactDataModule(source, 'table.js')).toThrow(why);
  });

  it('compacts JSON to the value JSON.parse gives, and refuses what is not JSON', async () => {
    const text = JSON.stringify({ '8140': ['丂', 12], __proto__x: { a: [1e21, -1.5, ''] }, big: 'x'.repeat(5000) }, null, 2);
    expect(await load(compactJson(text))).toEqual(JSON.parse(text));
    expect(compactJson(text).length).toBeLessThan(text.length / 4);
    expect(() => compactJson('{"a": 1,}')).toThrow(SyntaxError);
  });

  it('carries a base64 table as the compressed bytes it encodes, and gives back the very string', async () => {
    const table = Buffer.from(Array.from({ length: 9000 }, (_, i) => ((i * 7) % 256) & (i % 3 ? 0xff : 0x0f))).toString('base64');
    const source = `exports.tree = decode("${table}");\nfunction decode(s) { return s; }\nexports.short = "QUJD";\n`;
    const code = compactBase64Literals(source, 'decode-data.js');
    expect(code.length).toBeLessThan(source.length / 2);
    expect(code).toContain('exports.short = "QUJD"');
    expect(await load(code)).toEqual({ tree: table, short: 'QUJD' });
    // "AB==" decodes to the byte that "AA==" encodes: the bytes would not give back the literal.
    expect(() => compactBase64Literals(`x = "${table.slice(0, 8000)}AB=="`, 'odd.js')).toThrow(/odd\.js: a base64 literal does not come back from its bytes/);
    expect(() => compactBase64Literals('x = "QUJD"', 'small.js')).toThrow(/small\.js: no base64 table found/);
  });

  it('carries arrays of numbers written as code as compressed JSON, a fresh array each time as the literal gave', async () => {
    const grams = Array.from({ length: 64 }, (_, i) => `0x${(0x206166 + i * 977).toString(16)}`).join(', ');
    const source = [
      '"use strict";',
      `exports.grams = function () { return [\n  ${grams},\n]; };`,
      `exports.map = () => [${Array.from({ length: 32 }, (_, i) => i * 8).join(',')}];`,
      'exports.small = [1, 2, 3];',
      'exports.strict = (function () { return this === undefined; })();',
    ].join('\n');
    const code = compactNumberArrays(source, 'sbcs.js');
    expect(code).not.toContain('0x206166');
    const m = (await load(code)) as { grams: () => number[]; map: () => number[]; small: number[]; strict: boolean };
    const original = (await load(source)) as typeof m;
    expect(m.grams()).toEqual(original.grams());
    expect(m.grams()[0]).toBe(0x206166);
    expect(m.grams()).not.toBe(m.grams());
    expect(m.map()).toEqual(original.map());
    expect(m.small).toEqual([1, 2, 3]);
    expect(m.strict).toBe(true);
    expect(() => compactNumberArrays(`x = [${Array(16).fill('9007199254740993').join(',')}];`, 'big.js')).toThrow(/big\.js: a number table holds a number JSON would change/);
    expect(() => compactNumberArrays('x = [1, 2];', 'none.js')).toThrow(/none\.js: no number table found/);
  });

  it("compresses a directory's tables together: each comes back as its JSON text, and alike tables weigh little more than one", async () => {
    const dir = join(ROOT, 'node_modules', 'iconv-lite', 'encodings', 'tables');
    const [eucjp, shiftjis] = await Promise.all(['eucjp.json', 'shiftjis.json'].map((n) => readFile(join(dir, n), 'utf8')));
    const texts = [eucjp!, shiftjis!, '{"a": "line\\nbreak", "b": [1, 2]}'];
    const texts2 = (await load(compactJsonGroup(texts))) as string[];
    expect(texts2.map((t) => JSON.parse(t))).toEqual(texts.map((t) => JSON.parse(t)));
    expect(compactJsonGroup(texts).length).toBeLessThan(0.75 * (compactJson(eucjp!).length + compactJson(shiftjis!).length));
    expect(() => compactJsonGroup(['{"a": 1}', '[1,'])).toThrow(SyntaxError);
  });
});
