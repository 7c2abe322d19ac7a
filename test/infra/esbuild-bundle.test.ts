import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE64_TABLES, type BundleOptions, bundleFunction, DATA_MODULES, editDependencies, MODEL_WEIGHTS_FILE, NUMBER_TABLES } from '../../infra/esbuild-bundle.ts';
import { bundleOptionsOf, functionRegistry } from '../../infra/function-registry.ts';
import { DEFAULT_MODEL } from '../../lib/classify/default-model.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('function bundles (infra/esbuild-bundle.ts, what the stack deploys and bench:bundles measures)', () => {
  let dir: string;
  let ingest: { code: string; meta: Metafile };
  beforeAll(async () => {
    // Inside node_modules, so that test entries written there resolve the project's packages.
    await mkdir(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    dir = await mkdtemp(join(ROOT, 'node_modules', '.cache', 'triage-bundle-'));
    const meta = await bundleFunction(functionRegistry.ingest.entry, join(dir, 'ingest', 'index.mjs'), bundleOptionsOf(functionRegistry.ingest));
    ingest = { code: await readFile(join(dir, 'ingest', 'index.mjs'), 'utf8'), meta };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes an entry module of these lines, bundles it as the functions are bundled (into NAME/index.mjs), and imports it. */
  async function bundled<T>(name: string, lines: readonly string[], options?: BundleOptions): Promise<{ meta: Metafile; outfile: string; module: T }> {
    const entry = join(dir, `${name}-entry.ts`);
    await writeFile(entry, `${lines.join('\n')}\n`);
    const outfile = join(dir, name, 'index.mjs');
    const meta = await bundleFunction(relative(ROOT, entry), outfile, options);
    return { meta, outfile, module: (await import(pathToFileURL(outfile).href)) as T };
  }

  it('bundles one copy of each dependency: libmime, libqp, libbase64 once (CommonJS), entities once', () => {
    const inputs = Object.keys(ingest.meta.inputs);
    for (const name of ['libmime', 'libqp', 'libbase64']) {
      expect(inputs.filter((p) => p.startsWith(`node_modules/${name}/dist/esm/`))).toEqual([]);
      expect(inputs.some((p) => p.startsWith(`node_modules/${name}/dist/cjs/`))).toBe(true);
    }
    expect(inputs.filter((p) => p.startsWith('node_modules/entities/'))).toEqual([]);
    expect(inputs.some((p) => p.startsWith('node_modules/htmlparser2/node_modules/entities/'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('node_modules/he/'))).toEqual([]);
    expect(inputs).toContain('infra/stand-ins/he.ts');
  });

  it("gives mailparser the he stand-in, which escapes its addresses' HTML as he does", async () => {
    const raw = [
      'From: "Tom & Jerry <Ltd>" <tom+"x"@example.com>',
      'To: =?UTF-8?B?5p2O5piO?= <li@example.cn>, Team: "O\'Brien `ops`" <ob@example.ie>;',
      'Cc: "Zoë 😀" <zoe@example.com>',
      'Subject: x',
      '',
      'body',
      '',
    ].join('\r\n');
    const { meta, module } = await bundled<{ html: (raw: string) => Promise<string[]> }>('mailparser', [
      "import { simpleParser } from 'mailparser';",
      'export async function html(raw: string) {',
      '  const m = await simpleParser(raw, { skipTextToHtml: true });',
      '  return [m.from, m.to, m.cc].flat().map((a) => a?.html);',
      '}',
    ]);
    expect(Object.keys(meta.inputs).filter((p) => p.startsWith('node_modules/he/'))).toEqual([]);
    const { simpleParser } = await import('mailparser');
    const m = await simpleParser(raw, { skipTextToHtml: true });
    const expected = [m.from, m.to, m.cc].flat().map((a) => a?.html);
    expect(expected.join('\n')).toContain('Tom &#x26; Jerry &#x3C;Ltd&#x3E;');
    expect(await module.html(raw)).toEqual(expected);
  });

  it('leaves the AWS SDK to the runtime and loads it with require, not import', () => {
    // module.exports = require("@aws-sdk/client-s3"), minified.
    expect(ingest.code).toMatch(/exports=[\w$]+\("@aws-sdk\/client-s3"\)/);
    expect(ingest.code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(Object.keys(ingest.meta.inputs).some((p) => p.includes('node_modules/@aws-sdk/'))).toBe(false);
  });

  it('carries the model weights compacted in a file beside the bundle, not as the committed base64', async () => {
    const committed = JSON.parse(await readFile(join(ROOT, 'lib', 'classify', 'model', 'triage-model.json'), 'utf8')) as { weights: string };
    const beside = await readFile(join(dir, 'ingest', MODEL_WEIGHTS_FILE));
    expect(inflateRawSync(beside).equals(Buffer.from(committed.weights, 'base64'))).toBe(true);
    expect(beside.length).toBeLessThan(Buffer.from(committed.weights, 'base64').length / 4);
    expect(ingest.code).toContain(MODEL_WEIGHTS_FILE);
    expect(ingest.code).not.toContain(committed.weights.slice(0, 4096));
    expect(ingest.code.length).toBeLessThan(2 ** 20);
  });

  it('expands the compacted weights into the very model the committed file gives', async () => {
    const { module } = await bundled<{ DEFAULT_MODEL: typeof DEFAULT_MODEL }>('model', [
      `export { DEFAULT_MODEL } from ${JSON.stringify(join(ROOT, 'lib', 'classify', 'default-model.ts'))};`,
    ]);
    expect(module.DEFAULT_MODEL.model.version).toBe(DEFAULT_MODEL.model.version);
    expect(module.DEFAULT_MODEL.threatThreshold).toBe(DEFAULT_MODEL.threatThreshold);
    for (const text of ['where is my parcel', 'you are useless idiots', 'I will sue you and come to your office', '退款还没到账，太失望了']) {
      expect([...module.DEFAULT_MODEL.model.logits(text)]).toEqual([...DEFAULT_MODEL.model.logits(text)]);
    }
  });

  it("leaves zod's JSON Schema generation out unless asked, and parses the same either way", async () => {
    const lines = [
      "import * as z from 'zod';",
      'const Job = z.strictObject({ ticketId: z.string().regex(/^T-\\d+$/), kind: z.enum(["acknowledgement", "alert"]), at: z.iso.datetime().optional() });',
      'export const ok = Job.parse({ ticketId: "T-1", kind: "alert" });',
      'export const issues = Job.safeParse({ ticketId: "x", kind: "other", extra: 1 }).error?.issues.map((i) => i.message);',
      'export const standard = Job["~standard"].validate({ ticketId: "T-2", kind: "alert" });',
      'export function jsonSchema() { return JSON.stringify(Job.toJSONSchema()); }',
    ];
    const load = async (name: string, zodJsonSchema: boolean) => {
      const { outfile, module } = await bundled<{ ok: unknown; issues: string[]; standard: unknown; jsonSchema: () => string }>(name, lines, { zodJsonSchema });
      return { size: (await readFile(outfile)).length, module };
    };
    const lean = await load('zod-lean', false);
    const full = await load('zod-full', true);
    expect(lean.size).toBeLessThan(full.size - 10_000);
    expect(lean.module.ok).toEqual({ ticketId: 'T-1', kind: 'alert' });
    expect(lean.module.issues).toEqual(full.module.issues);
    expect(lean.module.issues.length).toBe(3);
    expect(lean.module.standard).toEqual(full.module.standard);
    expect(() => lean.module.jsonSchema()).toThrow(/JSON Schema generation is not bundled/);
    expect(JSON.parse(full.module.jsonSchema())).toMatchObject({ type: 'object', required: ['ticketId', 'kind'] });
  });

  it("carries iconv-lite's code-page tables compacted and decodes every East Asian code page as the package does", async () => {
    expect(ingest.code).not.toContain('"8140"'); // the first row of cp936.json, as written
    const samples = {
      gbk: '您好，订单还没到',
      big5: '您好，訂單還沒到',
      shift_jis: 'ご注文が届きません',
      'euc-jp': 'ご注文が届きません',
      'euc-kr': '주문이 도착하지 않았습니다',
      gb18030: '镕𠀀',
    };
    const { meta, module } = await bundled<{ decoded: Record<string, string> }>('iconv', [
      "import iconv from 'iconv-lite';",
      `const samples = ${JSON.stringify(samples)};`,
      'export const decoded = Object.fromEntries(Object.entries(samples).map(([cs, text]) => [cs, iconv.decode(iconv.encode(text, cs), cs)]));',
    ]);
    expect(Object.keys(meta.inputs).filter((p) => p.includes('iconv-lite/encodings/tables/')).length).toBeGreaterThan(5);
    // Compressed together: EUC-JP and Shift_JIS hold the same characters.
    expect(Object.keys(meta.inputs)).toContain('data-table-group:node_modules/iconv-lite/encodings/tables');
    expect(module.decoded).toEqual(samples);
  });

  it("carries dependencies' data tables compacted, and they, libmime and mailparser's link finder behave as the packages' own", async () => {
    expect(ingest.code).not.toContain("'application/acad'"); // libmime's MIME type table, as written
    expect(ingest.code).not.toContain('"windows1251"'); // iconv-lite's single-byte code pages
    expect(ingest.code).not.toContain('QR08ALkAAgH6AYsDNQR2BO0E'); // entities' HTML decoding trie, as written
    expect(ingest.code).not.toMatch(/\[2122086,\s*2122100/); // chardet's first n-grams (0x206166, 0x206174), as written
    const probe = join(dir, 'data-probe.mjs');
    await writeFile(
      probe,
      [
        "import chardet from 'chardet';",
        "import Encoding from 'encoding-japanese';",
        "import iconv from 'iconv-lite';",
        "import libmime from 'libmime';",
        "import { convert } from 'html-to-text';",
        "import { simpleParser } from 'mailparser';",
        // What libmime built at import: in the bundles iconv-lite's encodings wait for the first charset that needs them.
        'export const encodingsAtImport = iconv.encodings != null;',
        'async function stream(charset, bytes, size) {',
        '  return new Promise((resolve) => {',
        '    const s = libmime.createDecodeStream(charset);',
        "    let out = '';",
        "    s.on('data', (d) => (out += d));",
        "    s.on('end', () => resolve(out));",
        '    for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));',
        '    s.end();',
        '  });',
        '}',
        'export async function probe() {',
        "  const jis = Encoding.convert(Encoding.stringToCode('丂 髙橋 ｶﾀｶﾅ ① 鷗'), { to: 'JIS', from: 'UNICODE' });",
        '  const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => 128 + i));',
        // Byte by byte through libmime's stream: its DBCS decoder must be recognised (edited in the bundle) or the astral character is cut.
        "  const streamed = await stream('gb18030', iconv.encode('您好，订单 还没到 𠀀!', 'gb18030'), 1);",
        // UTF-16 without a byte order mark, Chinese first: libmime holds back 200 bytes so that iconv-lite guesses the order from enough text.
        "  const utf16 = await stream('utf-16', iconv.encode('订单编号一二三四五六七八九十 Order 1234, ' + 'not yet arrived. '.repeat(12), 'utf-16be'), 3);",
        '  return {',
        "    extensions: ['image/jpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/x-nope', 'application/x-zip-compressed'].map((t) => libmime.detectExtension(t)),",
        "    types: ['report.xlsx', 'a.eml', 'b.zip', 'c.unknown'].map((f) => libmime.detectMimeType(f)),",
        "    charsets: ['latin1', 'ks_c_5601-1987', 'x-sjis', 'win-1251', 'UTF8'].map((c) => libmime.normalizeCharset(c)),",
        "    singleByte: ['windows-1251', 'koi8-r', 'cp437', 'iso-8859-7', 'windows-874', 'maccyrillic'].map((cp) => iconv.decode(bytes, cp)),",
        "    jis: [Buffer.from(jis).toString('latin1'), Encoding.codeToString(Encoding.convert(jis, { to: 'UNICODE', from: 'JIS' })), libmime.decodeWords('=?ISO-2022-JP?B?' + Buffer.from(jis).toString('base64') + '?=')],",
        // chardet's single-byte recognisers read their n-gram tables (compacted in the bundle), twice each.
        '    detected: [1, 2].flatMap(() => [',
        "      ['Привет, мой заказ до сих пор не пришёл, верните деньги пожалуйста.', 'windows-1251'],",
        "      ['Привет, мой заказ до сих пор не пришёл, верните деньги пожалуйста.', 'koi8-r'],",
        "      ['Γεια σας, η παραγγελία μου δεν έχει φτάσει ακόμα, παρακαλώ επιστροφή χρημάτων.', 'iso-8859-7'],",
        "      ['Hej, min ordre er ikke kommet endnu, og jeg vil gerne have pengene tilbage.', 'iso-8859-1'],",
        "      ['שלום, ההזמנה שלי עדיין לא הגיעה, אנא החזירו לי את הכסף בהקדם.', 'iso-8859-8'],",
        '    ].map(([text, cs]) => chardet.analyse(iconv.encode(text.repeat(3), cs)).slice(0, 4))),',
        '    streamed,',
        '    utf16,',
        // UTF-7 is refused (it smuggles markup), as are the transfer encodings.
        "    refused: [libmime.decodeWords('=?utf-7?Q?+ADw-script+AD4-?='), libmime.decodeWords('=?hex?Q?414243?=')],",
        "    entities: convert('<p>caf&eacute; &amp; &notin; &#x1F600; &copy 2024 &NotNestedGreaterGreater; &bogus; &lt;b&gt;</p>'),",
        "    links: (await simpleParser('Subject: x\\r\\n\\r\\nsee www.example.museum, shop.example.photography and example.zzzz\\r\\n')).textAsHtml,",
        '  };',
        '}',
      ].join('\n'),
    );
    const outfile = join(dir, 'data-probe', 'index.mjs');
    const meta = await bundleFunction(relative(ROOT, probe), outfile);
    const compacted = Object.keys(meta.inputs).filter((p) => [...DATA_MODULES, ...BASE64_TABLES, ...NUMBER_TABLES].some((m) => m.test(`/${p}`)));
    expect(compacted.length).toBe(8);
    const inBundle = (await import(pathToFileURL(outfile).href)) as { probe: () => Promise<unknown>; encodingsAtImport: boolean };
    expect(inBundle.encodingsAtImport).toBe(false);
    const unbundled = (await import(pathToFileURL(probe).href)) as {
      probe: () => Promise<{ jis: string[]; links: string; streamed: string; utf16: string; refused: string[]; entities: string; detected: unknown[][] }>;
      encodingsAtImport: boolean;
    };
    const expected = await unbundled.probe();
    expect(expected.streamed).toBe('您好，订单 还没到 𠀀!');
    expect(expected.utf16).toBe(`订单编号一二三四五六七八九十 Order 1234, ${'not yet arrived. '.repeat(12)}`);
    expect(expected.refused[0]).not.toContain('<script>');
    expect(expected.detected[0]?.[0]).toMatchObject({ name: 'windows-1251', lang: 'ru' });
    expect(expected.detected[2]?.[0]).toMatchObject({ name: 'ISO-8859-7', lang: 'el' });
    expect(expected.entities).toBe('café & ∉ 😀 © 2024 ⪢̸ &bogus; <b>');
    expect(expected.jis[2]).toBe('丂 髙橋 ｶﾀｶﾅ ① 鷗');
    expect(expected.links).toContain('href="http://shop.example.photography"'); // a TLD only the tlds package knows
    expect(await inBundle.probe()).toEqual(expected);
    expect(unbundled.encodingsAtImport).toBe(true);
  });

  it("carries the classifier's prefilter compacted, read as committed", async () => {
    const lib = join(ROOT, 'lib', 'classify');
    const { outfile, module } = await bundled<{ required: unknown }>('prefilter', [
      `import { compileLexicon } from ${JSON.stringify(join(lib, 'compile-lexicon.ts'))};`,
      `import { DEFAULT_LEXICON } from ${JSON.stringify(join(lib, 'lexicon.ts'))};`,
      'export const required = compileLexicon(DEFAULT_LEXICON).map((r) => r.required);',
    ]);
    expect(await readFile(outfile, 'utf8')).not.toContain('inbox-triage.prefilter/1');
    const { compileLexicon } = await import('../../lib/classify/compile-lexicon.ts');
    const { DEFAULT_LEXICON } = await import('../../lib/classify/lexicon.ts');
    const expected = compileLexicon(DEFAULT_LEXICON).map((r) => r.required);
    expect(expected.filter((r) => r !== null).length).toBeGreaterThan(5);
    expect(module.required).toEqual(expected);
  });

  it("fails the build when an edit to a dependency's code no longer finds its text", async () => {
    const pkg = join(dir, 'node_modules', 'edited');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'index.js'), 'export default { codec: build("gbk") };\nfunction build(n) { return n; }\n');
    const entry = join(dir, 'edit-entry.js');
    await writeFile(entry, "import edited from './node_modules/edited/index.js';\nexport default edited;\n");
    const edit = (find: string) => [{ file: /[\\/]node_modules[\\/]edited[\\/]index\.js$/, find, replace: 'codec: "lazy"' }];
    const run = (find: string) =>
      build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [editDependencies(edit(find))] });
    expect((await run('codec: build("gbk")')).outputFiles[0]!.text).toContain('codec: "lazy"');
    await expect(run("codec: build('gbk')")).rejects.toThrow(/expected once: codec: build\('gbk'\)/);
  });

  it('fails the build when an edited binding is used in a way the edit does not provide', async () => {
    const pkg = join(dir, 'node_modules', 'edited-uses');
    await mkdir(pkg, { recursive: true });
    const source = (use: string) => `const CODECS = new Set(["a"]);\n// see CODECS\nexport const known = (c) => CODECS.has(c);\n${use}\n`;
    const entry = join(dir, 'edit-uses-entry.js');
    await writeFile(entry, "export * from './node_modules/edited-uses/index.js';\n");
    const edits = [
      {
        file: /[\\/]node_modules[\\/]edited-uses[\\/]index\.js$/,
        find: 'const CODECS = new Set(["a"]);',
        replace: 'let codecs; const CODECS = { has: (c) => (codecs ??= new Set(["a"])).has(c) };',
        uses: { name: 'CODECS', as: /CODECS(?: = |\.has\()|(?<=\/\/ .*)CODECS/ },
      },
    ];
    const run = async (use: string) => {
      await writeFile(join(pkg, 'index.js'), source(use));
      return build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [editDependencies(edits)] });
    };
    expect((await run('export const none = 0;')).outputFiles[0]!.text).toContain('codecs ??=');
    await expect(run('export const count = CODECS.size;')).rejects.toThrow(/CODECS is used in a way the edit does not provide: .*CODECS\.size/);
  });

  it('compiles and renders Handlebars templates without the source-map package, as unbundled', async () => {
    const { meta, module } = await bundled<{ rendered: string }>('handlebars', [
      "import Handlebars from 'handlebars';",
      'const template = Handlebars.compile("Dear {{name}},\\n{{#each items}}- {{this}}\\n{{/each}}{{#if late}}Sorry: {{{note}}} & {{note}}{{/if}}");',
      'export const rendered = template({ name: "Lin <Meiling>", items: ["kettle", "订单"], late: true, note: "<b>late</b>" });',
    ]);
    expect(Object.keys(meta.inputs).filter((p) => p.includes('node_modules/source-map/'))).toEqual([]);
    const Handlebars = (await import('handlebars')).default;
    const template = Handlebars.compile('Dear {{name}},\n{{#each items}}- {{this}}\n{{/each}}{{#if late}}Sorry: {{{note}}} & {{note}}{{/if}}');
    expect(module.rendered).toBe(template({ name: 'Lin <Meiling>', items: ['kettle', '订单'], late: true, note: '<b>late</b>' }));
  });

  it("keeps zod's JSON Schema code in every function whose code asks zod for JSON Schema", async () => {
    const asksForJsonSchema = /\btoJSONSchema\b|\.jsonSchema\.(?:input|output)\b/;
    for (const [name, f] of Object.entries(functionRegistry)) {
      const options: BundleOptions = bundleOptionsOf(f);
      const meta = name === 'ingest' ? ingest.meta : await bundleFunction(f.entry, join(dir, name, 'index.mjs'), options);
      const askers: string[] = [];
      for (const path of Object.keys(meta.inputs)) {
        if (path.includes('node_modules/zod/') || !/\.(?:[cm]?js|ts)$/.test(path) || path.includes(':')) continue;
        if (asksForJsonSchema.test(await readFile(join(ROOT, path), 'utf8'))) askers.push(path);
      }
      if (askers.length > 0) expect({ name, askers, zodJsonSchema: options.zodJsonSchema === true }).toEqual({ name, askers, zodJsonSchema: true });
    }
  });
});
