/**
 * Bundles one function for Lambda with esbuild, as BUNDLING describes: the one
 * build the CDK stack deploys (infra/bundle-function.ts, run by its local
 * bundling) and the bundle benchmark measures (bench/bundles.bench.ts). These
 * plugins keep the bundle lean and its cold start short:
 *  - requireTheRuntimeSdk: the AWS SDK the runtime provides (CommonJS) is
 *    loaded with `require`, not `import`;
 *  - oneCopyOfEachDependency: a package reached both by `import` and by
 *    `require` (libmime from mailparser and from mailsplit), or in two versions
 *    (entities), is bundled once;
 *  - heFromEntities: mailparser's `he` (73 kB of named references, for HTML
 *    escaping) is a stand-in that escapes the same (infra/stand-ins/he.ts);
 *  - linkifyOnDemand, editDependencies: mailparser's link finder, and libmime's
 *    iconv-lite codecs, Japanese decoder and MIME types, which ingest rarely or
 *    never needs, are not built at cold start;
 *  - compactModel: the classifier's weights travel deflated in a file beside
 *    the bundle (lib/classify/compact-weights.ts) and are expanded at cold
 *    start; the committed model file is read, never changed;
 *  - compactDataTables: data tables (JSON files such as iconv-lite's East Asian
 *    code pages, and dependency modules that are pure data in JavaScript, such
 *    as libmime's MIME types) travel brotli-compressed and are expanded when
 *    first required;
 *  - handlebarsWithoutSourceMaps: Handlebars' compiler runs without the
 *    `source-map` package (26 kB), as its own fallback does in browsers;
 *  - zodWithoutJsonSchema: zod's JSON Schema generation (19 kB that every
 *    schema drags in) stays out of functions that never generate one.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { compactWeights } from '../lib/classify/compact-weights.ts';
import { BUNDLING } from './bundling.ts';
import { compactBase64Literals, compactDataModule, compactJson, compactJsonGroup, compactNumberArrays } from './data-modules.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleOptions {
  /** Keep zod's JSON Schema generation: only the agent API needs it (it serves its OpenAPI document from its schemas). */
  readonly zodJsonSchema?: boolean;
}

/** Builds `entry` (a path relative to the project, e.g. functions/ingest/handler.ts) into `outfile` with its source map; returns esbuild's metafile. */
export async function bundleFunction(entry: string, outfile: string, options: BundleOptions = {}): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    charset: BUNDLING.charset,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    external: [...BUNDLING.externalModules],
    plugins: [
      requireTheRuntimeSdk(),
      oneCopyOfEachDependency(),
      heFromEntities(),
      linkifyOnDemand(),
      editDependencies(),
      compactModel(),
      compactDataTables(),
      handlebarsWithoutSourceMaps(),
      ...(options.zodJsonSchema ? [] : [zodWithoutJsonSchema()]),
    ],
    metafile: true,
    logLevel: 'error',
  });
  return result.metafile;
}

/**
 * The AWS SDK stays out of the bundle (BUNDLING.externalModules: the runtime provides it) and is CommonJS.
 * An ES `import` of a CommonJS package costs Node a translation at cold start (cjs-module-lexer reads each
 * client's code for its export names, then it is compiled as CommonJS anyway): `require` skips that, and
 * resolves through NODE_PATH, where Lambda puts the runtime's SDK. Every import of an `@aws-sdk/` package
 * becomes a small CommonJS module that requires it; the `require` is the banner's (BUNDLING.banner).
 */
function requireTheRuntimeSdk(): Plugin {
  const namespace = 'runtime-sdk';
  return {
    name: 'require-the-runtime-sdk',
    setup(b) {
      b.onResolve({ filter: /^@aws-sdk\// }, (args) =>
        args.kind === 'require-call' && args.namespace === namespace ? { path: args.path, external: true } : { path: args.path, namespace },
      );
      b.onLoad({ filter: /.*/, namespace }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * Packages that mailparser's ES modules import while @zone-eu/mailsplit (CommonJS) requires them: esbuild
 * would bundle both builds of each. Every import of them resolves to the CommonJS build (the same code).
 */
const REQUIRED_AS_COMMONJS = /^(?:libmime|libqp|libbase64)$/;

/**
 * html-to-text's htmlparser2 brings entities 7 and its dom-serializer entities 4. dom-serializer imports only
 * encodeXML, escapeAttribute and escapeText, which entities 7 exports alike: it gets htmlparser2's copy, and
 * so does the `he` stand-in (heFromEntities), which imports decodeHTML and decodeHTMLAttribute.
 */
const SHARED_FROM: Readonly<Record<string, { importer: RegExp; resolveFrom: string }>> = {
  entities: { importer: /node_modules\/dom-serializer\/|infra\/stand-ins\/he\.ts$/, resolveFrom: 'htmlparser2' },
};

/** Marks the plugin's own resolution of a shared package, which esbuild should resolve as usual. */
const SHARING = Symbol('sharing');

function oneCopyOfEachDependency(): Plugin {
  return {
    name: 'one-copy-of-each-dependency',
    setup(b) {
      b.onResolve({ filter: REQUIRED_AS_COMMONJS }, (args) =>
        args.kind === 'require-call' ? undefined : b.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer }),
      );
      b.onResolve({ filter: /^entities$/ }, async (args) => {
        const shared = SHARED_FROM[args.path];
        if (args.pluginData === SHARING || !shared?.importer.test(args.importer)) return undefined;
        const owner = await b.resolve(shared.resolveFrom, { kind: 'import-statement', resolveDir: args.resolveDir });
        if (owner.errors.length > 0) return { errors: owner.errors };
        // Resolved from the owner's package directory, as the owner's own imports are.
        const packageDir = `node_modules/${shared.resolveFrom}`;
        const at = owner.path.lastIndexOf(packageDir);
        if (at === -1) return { errors: [{ text: `${shared.resolveFrom} resolved outside node_modules: ${owner.path}` }] };
        return b.resolve(args.path, { kind: args.kind, resolveDir: owner.path.slice(0, at + packageDir.length), importer: args.importer, pluginData: SHARING });
      });
    },
  };
}

/** What mailparser gets for `he`: see the module's own comment. */
const HE_STAND_IN = join(ROOT, 'infra', 'stand-ins', 'he.ts');

/**
 * mailparser imports `he` only to HTML-escape header values and addresses (he.encode): it gets a stand-in with
 * the same API and the same escaping (infra/stand-ins/he.ts), built on the entities decoder the bundle has
 * anyway, instead of he's 73 kB of named references. Other importers of `he` get the package.
 */
function heFromEntities(): Plugin {
  return {
    name: 'he-from-entities',
    setup(b) {
      b.onResolve({ filter: /^he$/ }, (args) => (/[\\/]node_modules[\\/]mailparser[\\/]/.test(args.importer) ? { path: HE_STAND_IN } : undefined));
    },
  };
}

/** What mailparser gets for `linkify-it`: see the module's own comment. */
const LINKIFY_STAND_IN = join(ROOT, 'infra', 'stand-ins', 'linkify-it.ts');

/**
 * mailparser builds a link finder at import that the functions never use (they skip `textAsHtml`): it gets one
 * built on first use instead (infra/stand-ins/linkify-it.ts), configured as mailparser configures it.
 */
function linkifyOnDemand(): Plugin {
  return {
    name: 'linkify-on-demand',
    setup(b) {
      b.onResolve({ filter: /^linkify-it$/ }, (args) => (/[\\/]node_modules[\\/]mailparser[\\/]/.test(args.importer) ? { path: LINKIFY_STAND_IN } : undefined));
    },
  };
}

/**
 * Edits to a dependency's code, each of which must be found exactly once (or the build fails: the package
 * changed, and the edit must be looked at again).
 */
export interface Edit {
  readonly file: RegExp;
  readonly find: string;
  readonly replace: string;
  /**
   * The binding the edit replaced, and the only ways the edited file may use it (a sticky pattern tried at
   * each use; a mention in a comment is matched by a lookbehind): a new use in a later version of the
   * package fails the build instead of failing at run time.
   */
  readonly uses?: { readonly name: string; readonly as: RegExp };
}

/** The first use of `name` in `source` that `as` does not allow, if any. */
function unexpectedUse(source: string, name: string, as: RegExp): string | undefined {
  const allowed = new RegExp(as.source, `${as.flags.replace('y', '')}y`);
  for (let at = source.indexOf(name); at !== -1; at = source.indexOf(name, at + name.length)) {
    allowed.lastIndex = at;
    if (!allowed.test(source)) return source.slice(Math.max(0, at - 40), at + name.length + 40).replace(/\s+/g, ' ');
  }
  return undefined;
}

const LIBMIME_CHARSET = /[\\/]node_modules[\\/]libmime[\\/]dist[\\/]cjs[\\/]charset\.js$/;

const EDITS: readonly Edit[] = [
  // libmime built, at import, the iconv-lite codecs it compares charsets against (UTF-7 and the transfer
  // encodings it refuses, UTF-16 and UTF-32 whose byte order it guesses, GBK for the decoder class all
  // double-byte codecs share): all of iconv-lite's encodings, and GBK's tables, at every cold start. Most
  // mail is UTF-8 and needs none of them; they are built the first time a charset needs iconv-lite.
  {
    file: LIBMIME_CHARSET,
    find: "const UNSUPPORTED_CODECS = new Set(['utf7', 'utf7imap', 'base64', 'hex'].map(name => iconv_lite_1.default.getCodec(name)));",
    replace:
      "let unsupportedCodecs; const UNSUPPORTED_CODECS = { has: (codec) => (unsupportedCodecs ??= new Set(['utf7', 'utf7imap', 'base64', 'hex'].map(name => iconv_lite_1.default.getCodec(name)))).has(codec) };",
    uses: { name: 'UNSUPPORTED_CODECS', as: /UNSUPPORTED_CODECS(?: = |\.has\()/ },
  },
  {
    file: LIBMIME_CHARSET,
    find: "const DBCS_DECODER = iconv_lite_1.default.getCodec('gbk').decoder;",
    // The codec's constructor, which iconv-lite's encodings export (loaded by the getCodec that precedes the use).
    replace: 'const dbcsDecoder = () => iconv_lite_1.default.encodings._dbcs.prototype.decoder;',
    uses: { name: 'DBCS_DECODER', as: /(?!)/ },
  },
  { file: LIBMIME_CHARSET, find: 'if (codec.decoder === DBCS_DECODER) {', replace: 'if (codec.decoder === dbcsDecoder()) {' },
  {
    file: LIBMIME_CHARSET,
    find: "const BYTE_ORDER_GUESSING = new Map([\n    [iconv_lite_1.default.getCodec('utf-16'), 200],\n    [iconv_lite_1.default.getCodec('utf-32'), 400]\n]);",
    replace:
      "let byteOrderGuessing; const BYTE_ORDER_GUESSING = { get: (codec) => (byteOrderGuessing ??= new Map([[iconv_lite_1.default.getCodec('utf-16'), 200], [iconv_lite_1.default.getCodec('utf-32'), 400]])).get(codec) };",
    uses: { name: 'BYTE_ORDER_GUESSING', as: /BYTE_ORDER_GUESSING(?: = |\.get\()|(?<=\/\/ .*)BYTE_ORDER_GUESSING/ },
  },
  {
    // encoding-japanese (and the expansion of its JIS tables) serves only the Japanese charsets libmime hands
    // it (ISO-2022-JP and the like): it is required when such mail comes, not at cold start.
    file: LIBMIME_CHARSET,
    find: 'const encoding_japanese_1 = __importDefault(require("encoding-japanese"));',
    replace: 'const encoding_japanese_1 = { get default() { return require("encoding-japanese"); } };',
    uses: { name: 'encoding_japanese_1', as: /encoding_japanese_1(?: = |\.default\b)/ },
  },
  {
    // The MIME type table (2 ms to expand) names an attachment's type only when its sender did not (or said
    // application/octet-stream): it is required when such an attachment comes.
    file: /[\\/]node_modules[\\/]libmime[\\/]dist[\\/]cjs[\\/]libmime\.js$/,
    find: 'const mimetypes = __importStar(require("./mimetypes.js"));',
    replace: 'const mimetypes = { get list() { return require("./mimetypes.js").list; }, get extensions() { return require("./mimetypes.js").extensions; } };',
    uses: { name: 'mimetypes', as: /mimetypes(?: = |\.(?:list|extensions)\b|\.js")/ },
  },
];

export function editDependencies(edits: readonly Edit[] = EDITS): Plugin {
  return {
    name: 'edit-dependencies',
    setup(b) {
      // One loader per file, which makes all of its edits.
      for (const file of new Set(edits.map((e) => e.file))) {
        b.onLoad({ filter: file }, async (args) => {
          let source = await readFile(args.path, 'utf8');
          for (const edit of edits.filter((e) => e.file === file)) {
            const at = source.indexOf(edit.find);
            if (at === -1 || source.indexOf(edit.find, at + 1) !== -1) return { errors: [{ text: `${args.path}: expected once: ${edit.find}` }] };
            source = source.replace(edit.find, () => edit.replace);
          }
          for (const { uses } of edits.filter((e) => e.file === file && e.uses)) {
            const use = unexpectedUse(source, uses!.name, uses!.as);
            if (use !== undefined) return { errors: [{ text: `${args.path}: ${uses!.name} is used in a way the edit does not provide: …${use}…` }] };
          }
          return { contents: source, loader: 'js' };
        });
      }
    },
  };
}

/** The committed model, imported by lib/classify/default-model.ts. */
const MODEL_FILE = /lib\/classify\/model\/triage-model\.json$/;

/** The file beside the bundle that holds the model's weights, deflated (compact-weights.ts). */
export const MODEL_WEIGHTS_FILE = 'triage-model.weights.deflate';

/**
 * Loads the model file with its weights in a file of their own beside the bundle (MODEL_WEIGHTS_FILE: in the
 * bundle as a base64 string they would be a third larger, and decoded at every cold start), read at cold start as
 * bytes, which compact-weights.ts expands; every other field as written. The committed model file is read, never
 * changed.
 */
function compactModel(): Plugin {
  return {
    name: 'compact-model',
    setup(b) {
      b.onLoad({ filter: MODEL_FILE }, async (args) => {
        // esbuild reads a relative outfile from the project's root (absWorkingDir), whatever the current directory.
        const outfile = b.initialOptions.outfile && resolve(ROOT, b.initialOptions.outfile);
        if (!outfile) return { errors: [{ text: 'the model needs a bundle with an outfile: its weights are written beside it' }] };
        const { weights, ...fields } = JSON.parse(await readFile(args.path, 'utf8')) as { weights?: unknown };
        if (typeof weights !== 'string') return { errors: [{ text: `${args.path}: no weights to compact` }] };
        await mkdir(dirname(outfile), { recursive: true });
        await writeFile(join(dirname(outfile), MODEL_WEIGHTS_FILE), compactWeights(weights));
        return {
          contents: [
            'import { readFileSync } from "node:fs";',
            `export default { ...${JSON.stringify(fields)}, weights: readFileSync(new URL(${JSON.stringify(`./${MODEL_WEIGHTS_FILE}`)}, import.meta.url)) };`,
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/** zod's JSON Schema generation: classic schemas import it for `.toJSONSchema()` and Standard Schema's `jsonSchema`. */
const ZOD_JSON_SCHEMA = /node_modules\/zod\/v4\/core\/(?:to-json-schema|json-schema-processors)\.js$/;
/** The two factories schemas call when they are built or inspected; the methods they return are what generates. */
const ZOD_JSON_SCHEMA_FACTORIES = new Set(['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod']);

/**
 * Replaces zod's JSON Schema modules by stand-ins with the same exports that throw when asked to generate
 * (`schema.toJSONSchema()`, `z.toJSONSchema(schema)`, `schema['~standard'].jsonSchema.input()`); parsing,
 * errors and everything else are zod's own. The export names are read from the real modules, so a zod
 * upgrade that adds one still bundles.
 */
function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    setup(b) {
      b.onLoad({ filter: ZOD_JSON_SCHEMA }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const names = new Set<string>();
        for (const m of source.matchAll(/^export (?:const|let|function|class) ([\w$]+)/gm)) names.add(m[1]!);
        for (const m of source.matchAll(/^export \{([^}]*)\}/gm))
          for (const spec of m[1]!.split(','))
            if (spec.trim())
              names.add(
                spec
                  .trim()
                  .split(/\s+as\s+/)
                  .pop()!,
              );
        const lines = ['const unavailable = () => { throw new Error("zod JSON Schema generation is not bundled in this function (infra/esbuild-bundle.ts)"); };'];
        for (const name of names) lines.push(`export const ${name} = ${ZOD_JSON_SCHEMA_FACTORIES.has(name) ? '() => unavailable' : 'unavailable'};`);
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/** JSON files from this size on are compacted (iconv-lite's code-page tables, tlds, the classifier's prefilter); below it, brotli gains little. */
const LARGE_TABLE_BYTES = 4 * 1024;

/**
 * Dependency modules that are data written as JavaScript, by the package-relative path that names them;
 * compactDataModule fails the build if one of them is not pure data (an update that turns one into code).
 */
export const DATA_MODULES: readonly RegExp[] = [
  /\/libmime\/dist\/cjs\/(?:mimetypes|charsets)\.js$/, // MIME type ↔ extension tables; charset aliases
  /\/iconv-lite\/encodings\/sbcs-data(?:-generated)?\.js$/, // single-byte code pages
  /\/encoding-japanese\/src\/utf8-to-jis(?:x0212)?-table\.js$/, // JIS X 0208 and 0212 tables (text)
];

/**
 * Dependency modules whose table is a long base64 string literal, by the path that names them: entities'
 * HTML decoding trie (htmlparser2 decodes every character reference with it).
 */
export const BASE64_TABLES: readonly RegExp[] = [/\/entities\/dist\/(?:esm|commonjs)\/generated\/decode-data-html\.js$/];

/** Dependency modules whose tables are array literals of numbers: chardet's n-grams and byte maps of single-byte charsets. */
export const NUMBER_TABLES: readonly RegExp[] = [/\/chardet\/lib\/encoding\/sbcs\.js$/];

/** How a table's module names the module of its directory's tables. */
const GROUP_NAMESPACE = 'data-table-group';
const GROUP = `${GROUP_NAMESPACE}:`;

/**
 * Data tables become CommonJS modules that expand their brotli-compressed JSON when first required: a large
 * JSON file (iconv-lite requires a code page's table the first time it decodes that code page; the tables of
 * one directory of a dependency are compressed together, and expanded together), or a
 * dependency's module of DATA_MODULES, whose exports are made at build time (infra/data-modules.ts). The
 * bundle carries a quarter of the bytes, and each table takes well under a millisecond to expand (libmime's
 * MIME types, 2 ms). The base64 tables of BASE64_TABLES travel as the brotli-compressed bytes they encode, the
 * number tables of NUMBER_TABLES as compressed JSON, expanded when first used.
 */
function compactDataTables(): Plugin {
  return {
    name: 'compact-data-tables',
    setup(b) {
      // The large tables of one directory of a dependency, by name: they travel in one compressed stream.
      const groups = new Map<string, Promise<string[]>>();
      const tablesIn = (dir: string) => {
        let found = groups.get(dir);
        if (!found) {
          found = readdir(dir).then(async (names) => {
            const sizes = await Promise.all(names.filter((n) => n.endsWith('.json')).map(async (n) => [n, (await stat(join(dir, n))).size] as const));
            return sizes
              .filter(([, size]) => size >= LARGE_TABLE_BYTES)
              .map(([n]) => n)
              .sort();
          });
          groups.set(dir, found);
        }
        return found;
      };
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (Buffer.byteLength(text) < LARGE_TABLE_BYTES) return undefined;
        const members = /[\\/]node_modules[\\/]/.test(args.path) ? await tablesIn(dirname(args.path)) : [];
        // A table that is not JSON fails the build here, not at run time.
        if (members.length < 2) return { contents: compactJson(text), loader: 'js' };
        // Named relative to the project: the bundle and its map are the same on every machine.
        const group = GROUP + relative(ROOT, dirname(args.path)).replaceAll('\\', '/');
        return { contents: `module.exports = JSON.parse(require(${JSON.stringify(group)})[${members.indexOf(basename(args.path))}]);`, loader: 'js' };
      });
      b.onResolve({ filter: new RegExp(`^${GROUP}`) }, (args) => ({ path: args.path.slice(GROUP.length), namespace: GROUP_NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: GROUP_NAMESPACE }, async (args) => {
        const dir = join(ROOT, args.path);
        const texts = await Promise.all((await tablesIn(dir)).map((n) => readFile(join(dir, n), 'utf8')));
        return { contents: compactJsonGroup(texts), loader: 'js' };
      });
      b.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, async (args) => {
        const path = args.path.replaceAll('\\', '/');
        const name = path.slice(path.lastIndexOf('node_modules/'));
        if (DATA_MODULES.some((m) => m.test(path))) return { contents: compactDataModule(await readFile(args.path, 'utf8'), name), loader: 'js' };
        if (BASE64_TABLES.some((m) => m.test(path))) return { contents: compactBase64Literals(await readFile(args.path, 'utf8'), name), loader: 'js' };
        if (NUMBER_TABLES.some((m) => m.test(path))) return { contents: compactNumberArrays(await readFile(args.path, 'utf8'), name), loader: 'js' };
        return undefined;
      });
    },
  };
}

/**
 * Handlebars' code generator requires `source-map` (in a try) only to produce source maps of compiled templates,
 * which the mailer never asks for (`srcName`); without it Handlebars uses its own minimal SourceNode, as it does
 * in browsers. The require gets an empty module.
 */
function handlebarsWithoutSourceMaps(): Plugin {
  const namespace = 'no-source-map';
  return {
    name: 'handlebars-without-source-maps',
    setup(b) {
      b.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]node_modules[\\/]handlebars[\\/]/.test(args.importer) ? { path: args.path, namespace } : undefined));
      b.onLoad({ filter: /.*/, namespace }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  };
}
