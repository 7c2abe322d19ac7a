import Handlebars from 'handlebars';
import type { z } from 'zod';
import { ValidationError } from '../lib/domain/errors.ts';
import type { Locale } from '../lib/domain/ticket.ts';
import { describeZodError } from '../lib/domain/zod-issues.ts';
import { acknowledgement } from './acknowledgement.ts';
import { apology } from './apology.ts';
import { boundary } from './boundary.ts';
import { threatReceived } from './threat-received.ts';
import { followUp } from './follow-up.ts';
import { pendingReminder } from './pending-reminder.ts';
import { stillOnIt } from './still-on-it.ts';
import type { RenderedMail, TemplateDefinition } from './template-definition.ts';

export const TEMPLATES = {
  acknowledgement,
  apology,
  boundary,
  'threat-received': threatReceived,
  'still-on-it': stillOnIt, 'pending-reminder': pendingReminder, 'follow-up': followUp } as const;
export type TemplateId = keyof typeof TEMPLATES;
export type TemplateInput<T extends TemplateId> = z.input<(typeof TEMPLATES)[T]['schema']>;

// A separate environment: strict mode makes an unknown variable an error instead of an empty string.
const engine = Handlebars.create();
const textEngine = Handlebars.create();
const compiled = new Map<string, { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate }>();

function compile(def: TemplateDefinition<z.ZodType>, locale: Locale) {
  const key = `${def.id}/${locale}`;
  let entry = compiled.get(key);
  if (!entry) {
    const source = def.locales[locale];
    entry = {
      subject: textEngine.compile(source.subject, { strict: true, noEscape: true }),
      text: textEngine.compile(source.text, { strict: true, noEscape: true }),
      html: engine.compile(source.html, { strict: true }),
    };
    compiled.set(key, entry);
  }
  return entry;
}

/**
 * Renders a template in one locale. Input is validated against the template's
 * schema; HTML escapes every value; subject and text are plain text, with
 * line breaks removed from values that end up in the subject.
 */
export function renderTemplate<T extends TemplateId>(id: T, locale: Locale, input: TemplateInput<T>): RenderedMail {
  const def = TEMPLATES[id] as TemplateDefinition<z.ZodType>;
  const parsed = def.schema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(`Template ${id} (${locale}): ${describeZodError(parsed.error)}`);
  }
  const values = parsed.data as Record<string, unknown>;
  const oneLine = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[\r\n\t]+/g, ' ').trim() : v]),
  );
  const t = compile(def, locale);
  return {
    subject: t.subject(oneLine),
    text: t.text(values),
    html: layout(t.html(values), locale),
  };
}

function layout(body: string, locale: Locale): string {
  const lang = locale === 'en' ? 'en' : locale;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="margin:0;padding:0;background:#f5f6f8">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;background:#ffffff">
${body}
</div></body></html>`;
}
