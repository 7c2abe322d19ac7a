import Handlebars from 'handlebars';
import { ConfigError, ValidationError } from '../lib/domain/errors.ts';
import { LOCALES, type Locale } from '../lib/domain/ticket.ts';
import type * as z from '../lib/domain/zod.ts';
import { describeZodError } from '../lib/domain/zod-issues.ts';
import { acknowledgement } from './acknowledgement.ts';
import { apology } from './apology.ts';
import { boundary } from './boundary.ts';
import { followUp } from './follow-up.ts';
import { escalationAlert, slaBreach, slaWarning, threatAlert } from './notices.ts';
import { pendingReminder } from './pending-reminder.ts';
import { resolutionSummary } from './resolution-summary.ts';
import { stillOnIt } from './still-on-it.ts';
import type { LocalizedTemplate, RenderedMail, TemplateDefinition } from './template-definition.ts';
import { threatReceived } from './threat-received.ts';

export const TEMPLATES = {
  acknowledgement,
  apology,
  boundary,
  'threat-received': threatReceived,
  'still-on-it': stillOnIt,
  'pending-reminder': pendingReminder,
  'follow-up': followUp,
  'resolution-summary': resolutionSummary,
  'threat-alert': threatAlert,
  'sla-warning': slaWarning,
  'sla-breach': slaBreach,
  'escalation-alert': escalationAlert,
} as const;
export type TemplateId = keyof typeof TEMPLATES;
export type TemplateInput<T extends TemplateId> = z.input<(typeof TEMPLATES)[T]['schema']>;

/** Templates for supervisors; every other one goes to customers and must carry the ticket token in its subject. */
export const NOTICE_TEMPLATES: ReadonlySet<TemplateId> = new Set(['threat-alert', 'sla-warning', 'sla-breach', 'escalation-alert']);

const PARTS = ['subject', 'text', 'html'] as const;
type Part = (typeof PARTS)[number];

/** One file of an admin's override folder or bucket prefix: `NAME/LOCALE/PART.hbs`, path relative to the root. */
export interface TemplateFile {
  readonly path: string;
  readonly content: string;
}

export const MAX_OVERRIDE_FILES = 200;
const MAX_OVERRIDE_BYTES = 64 * 1024;

interface Compiled {
  readonly subject: HandlebarsTemplateDelegate;
  readonly text: HandlebarsTemplateDelegate;
  readonly html: HandlebarsTemplateDelegate;
}

// Strict mode turns an unknown variable at render time into an error instead of an empty string.
const engine = Handlebars.create();

/**
 * The templates in use: the built-in ones, with an admin's overrides laid over
 * them. Overrides are checked when loaded, so a typo fails at load with the file
 * and line named, never in front of a customer.
 */
export class TemplateCatalog {
  private readonly compiled = new Map<string, Compiled>();

  private constructor(
    private readonly overrides: ReadonlyMap<string, LocalizedTemplate>,
    /** `NAME/LOCALE` of every overridden template, for logs and `templates check`. */
    readonly overridden: readonly string[],
  ) {}

  private static readonly BUILT_IN = new TemplateCatalog(new Map(), []);

  static builtIn(): TemplateCatalog {
    return TemplateCatalog.BUILT_IN;
  }

  /** Validates override files and lays them over the built-in templates; every problem is listed in one ConfigError. */
  static withOverrides(files: readonly TemplateFile[], origin: string): TemplateCatalog {
    const problems: string[] = [];
    if (files.length > MAX_OVERRIDE_FILES) problems.push(`${files.length} files; at most ${MAX_OVERRIDE_FILES} are read`);
    const found = new Map<string, Partial<Record<Part, string>>>();
    for (const file of files) {
      const where = file.path;
      const match = /^([a-z-]+)\/([A-Za-z-]+)\/(subject|text|html)\.hbs$/.exec(file.path);
      if (!match) {
        problems.push(`${where}: expected NAME/LOCALE/subject.hbs, text.hbs or html.hbs`);
        continue;
      }
      const [, id, locale, part] = match as unknown as [string, string, string, Part];
      if (!(id in TEMPLATES)) {
        problems.push(`${where}: there is no template '${id}' (known: ${Object.keys(TEMPLATES).join(', ')})`);
        continue;
      }
      if (!(LOCALES as readonly string[]).includes(locale)) {
        problems.push(`${where}: unknown locale '${locale}' (known: ${LOCALES.join(', ')})`);
        continue;
      }
      if (Buffer.byteLength(file.content) > MAX_OVERRIDE_BYTES) {
        problems.push(`${where}: larger than ${MAX_OVERRIDE_BYTES / 1024} KB`);
        continue;
      }
      problems.push(...checkTemplateSource(id as TemplateId, part, file.content).map((p) => `${where}${p}`));
      const key = `${id}/${locale}`;
      found.set(key, { ...found.get(key), [part]: file.content });
    }
    const overrides = new Map<string, LocalizedTemplate>();
    for (const [key, parts] of found) {
      const missing = PARTS.filter((part) => parts[part] === undefined);
      if (missing.length > 0) {
        problems.push(`${key}: ${missing.map((p) => `${p}.hbs`).join(', ')} missing (an override gives subject, text and html together)`);
        continue;
      }
      overrides.set(key, parts as LocalizedTemplate);
    }
    const catalog = new TemplateCatalog(overrides, [...overrides.keys()].sort());
    if (problems.length === 0) problems.push(...catalog.trialRender());
    if (problems.length > 0) throw new ConfigError(`Template overrides in ${origin} are invalid:\n  ${problems.join('\n  ')}`);
    return catalog;
  }

  /**
   * Renders a template in one locale. Input is validated against the template's
   * schema; HTML escapes every value; subject and text are plain text, with line
   * breaks removed from values that end up in the subject.
   */
  render<T extends TemplateId>(id: T, locale: Locale, input: TemplateInput<T>): RenderedMail {
    const def = TEMPLATES[id] as TemplateDefinition<z.ZodMiniObject>;
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) throw new ValidationError(`Template ${id} (${locale}): ${describeZodError(parsed.error)}`);
    const values = parsed.data as Record<string, unknown>;
    const oneLine = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[\r\n\t]+/g, ' ').trim() : v]));
    const t = this.compile(id, locale);
    return { subject: t.subject(oneLine).trim(), text: t.text(values), html: layout(t.html(values), locale) };
  }

  private compile(id: TemplateId, locale: Locale): Compiled {
    const key = `${id}/${locale}`;
    let entry = this.compiled.get(key);
    if (!entry) {
      const source = this.overrides.get(key) ?? TEMPLATES[id].locales[locale];
      entry = {
        subject: engine.compile(source.subject, { strict: true, noEscape: true }),
        text: engine.compile(source.text, { strict: true, noEscape: true }),
        html: engine.compile(source.html, { strict: true }),
      };
      this.compiled.set(key, entry);
    }
    return entry;
  }

  /** Renders every override with sample values, so anything the static check missed fails now. */
  private trialRender(): string[] {
    const problems: string[] = [];
    for (const key of this.overridden) {
      const [id, locale] = key.split('/') as [TemplateId, Locale];
      try {
        this.render(id, locale, sampleInput(TEMPLATES[id].schema as unknown as z.ZodMiniObject) as never);
      } catch (error) {
        problems.push(`${key}: does not render: ${(error as Error).message}`);
      }
    }
    return problems;
  }
}

/** Renders a built-in template. */
export function renderTemplate<T extends TemplateId>(id: T, locale: Locale, input: TemplateInput<T>): RenderedMail {
  return TemplateCatalog.builtIn().render(id, locale, input);
}

type Node = { type: string; loc?: { start: { line: number } } | null };
type PathNode = Node & { type: 'PathExpression'; data: boolean; depth: number; parts: string[]; original: string };
type MustacheNode = Node & { path: Node; params: Node[]; hash?: { pairs: unknown[] }; escaped: boolean };
type BlockNode = MustacheNode & { path: PathNode; program: ProgramNode; inverse?: ProgramNode };
type ProgramNode = Node & { body: Node[] };

const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

/**
 * Static check of one template part: only the template's own variables, plain
 * `if`/`unless`/`each` blocks, no other helpers or partials, and never `{{{…}}}`
 * in HTML (it would bypass escaping). Returns problems as ` line N: …` suffixes.
 */
export function checkTemplateSource(id: TemplateId, part: Part, source: string): string[] {
  const shape = (TEMPLATES[id].schema as unknown as z.ZodMiniObject).shape as Record<string, z.ZodMiniType>;
  const known = Object.keys(shape);
  const problems: string[] = [];
  let ast: ProgramNode;
  try {
    ast = Handlebars.parse(source) as unknown as ProgramNode;
  } catch (error) {
    return [describeSyntaxError((error as Error).message)];
  }
  const at = (node: Node) => (node.loc ? ` line ${node.loc.start.line}` : '');
  const variable = (node: Node, inEach: boolean): string | undefined => {
    if (node.type !== 'PathExpression') return `a literal where a variable belongs`;
    const path = node as PathNode;
    if (inEach && (path.original === 'this' || path.original === '.' || (path.data && ['index', 'first', 'last'].includes(path.original.slice(1))))) return undefined;
    if (path.data || path.depth > 0 || path.parts.length !== 1 || !known.includes(path.parts[0]!)) {
      return `unknown variable '${path.original}' (known: ${known.join(', ')})`;
    }
    return undefined;
  };
  const walk = (program: ProgramNode | undefined, inEach: boolean): void => {
    for (const node of program?.body ?? []) {
      if (node.type === 'MustacheStatement') {
        const m = node as MustacheNode;
        if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) problems.push(`${at(node)}: helpers are not allowed ('${(m.path as PathNode).original ?? '?'}')`);
        else if (!m.escaped && part === 'html') problems.push(`${at(node)}: {{{…}}} would put unescaped customer text into HTML; use {{…}}`);
        else {
          const problem = variable(m.path, inEach);
          if (problem) problems.push(`${at(node)}: ${problem}`);
        }
      } else if (node.type === 'BlockStatement') {
        const b = node as BlockNode;
        const name = b.path.original;
        if (!BLOCK_HELPERS.has(name) || b.params.length !== 1) {
          problems.push(`${at(node)}: only {{#if x}}, {{#unless x}} and {{#each x}} blocks are allowed, not '${name}'`);
          continue;
        }
        const problem = variable(b.params[0]!, inEach);
        if (problem) problems.push(`${at(node)}: ${problem}`);
        else if (name === 'each' && !isArray(shape[(b.params[0] as PathNode).parts[0]!]))
          problems.push(`${at(node)}: {{#each}} needs a list, and '${(b.params[0] as PathNode).original}' is not one`);
        walk(b.program, inEach || name === 'each');
        walk(b.inverse, inEach);
      } else if (node.type !== 'ContentStatement' && node.type !== 'CommentStatement') {
        problems.push(`${at(node)}: ${node.type.replace('Statement', '').toLowerCase()}s are not supported`);
      }
    }
  };
  walk(ast, false);
  if (part === 'subject' && !NOTICE_TEMPLATES.has(id) && !/\{\{\s*ticketId\s*\}\}/.test(source)) {
    problems.push(': the subject must contain {{ticketId}}, so customer replies find their ticket');
  }
  return problems;
}

const TOKENS: Readonly<Record<string, string>> = {
  CLOSE: '}}',
  OPEN_ENDBLOCK: '{{/…}}',
  ID: 'a name',
  EOF: 'the end of the template',
  INVALID: 'a character that does not belong there',
};

/**
 * A Handlebars parse error as one line an admin can act on: where (line and
 * the text around it), what was found and what was expected. Handlebars' own
 * message spans several lines and lists grammar tokens.
 */
export function describeSyntaxError(message: string): string {
  const parse = /^(?:Parse|Lexical) error on line (\d+)[:.](?:[^\n]*)\n([^\n]*)\n(-*)\^(?:\nExpecting (.*), got '(\w+)')?/.exec(message);
  if (parse) {
    const [, line, context = '', pointer = '', expecting, got] = parse;
    const near = context
      .slice(Math.max(0, pointer.length - 30), pointer.length + 1)
      .replace(/^\.\.\./, '')
      .trim();
    const expected = [
      ...new Set(
        (expecting ?? '')
          .split(', ')
          .map((t) => TOKENS[t.replace(/'/g, '')])
          .filter(Boolean),
      ),
    ];
    const found = got ? (TOKENS[got] ?? `'${got}'`) : 'text it cannot read';
    const hint = got === 'EOF' ? '; a block or tag is never closed ({{/if}}, {{/each}}, {{/unless}} or }})' : '';
    return ` line ${line}: syntax error near "${near}": found ${found}${expected.length ? `, expected ${expected.join(' or ')}` : ''}${hint}`;
  }
  const mismatch = /^(\w+) doesn't match (\w+) - (\d+):(\d+)/.exec(message);
  if (mismatch) {
    const [, opened, closed, line] = mismatch;
    return ` line ${line}: {{/${closed}}} closes {{#${opened}}}; close it with {{/${opened}}}`;
  }
  return `: syntax error: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

function isArray(field: z.ZodMiniType | undefined): boolean {
  const def = (field as unknown as { _zod?: { def: { type: string; innerType?: z.ZodMiniType } } })?._zod?.def;
  if (!def) return false;
  return def.type === 'array' || (def.type === 'default' && isArray(def.innerType));
}

/** Sample values of the right types for a template's schema, for trial renders. */
function sampleInput(schema: z.ZodMiniObject): Record<string, unknown> {
  const sample = (field: z.ZodMiniType): unknown => {
    const def = (field as unknown as { _zod: { def: { type: string; innerType?: z.ZodMiniType } } })._zod.def;
    if (def.type === 'default' || def.type === 'optional') return sample(def.innerType!);
    if (def.type === 'number') return 1;
    if (def.type === 'boolean') return true;
    if (def.type === 'array') return ['sample'];
    return 'sample';
  };
  return Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodMiniType>).map(([k, v]) => [k, sample(v)]));
}

function layout(body: string, locale: Locale): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="margin:0;padding:0;background:#f5f6f8">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;background:#ffffff">
${body}
</div></body></html>`;
}
