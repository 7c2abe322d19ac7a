import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Locale, LocaleSchema } from '../lib/domain/ticket.ts';
import { NOTICE_TEMPLATES, TEMPLATES, TemplateCatalog, type TemplateId } from '../templates/catalog.ts';
import { formatDeadline } from '../templates/deadline.ts';
import { categoryLabel, clockLabel } from '../templates/labels.ts';
import { readTemplateDir } from '../templates/template-dir.ts';
import { closest, helpText, parseCommandArgs, UsageError } from './args.ts';
import { existingFolder } from './paths.ts';

const HELP = `Usage: triage templates list [--dir DIR]
       triage templates preview NAME [--locale en|zh-Hans|zh-Hant] [--html] [--dir DIR]
       triage templates check DIR
       triage templates export DIR [NAME]

Lists the email templates, renders one with sample data (subject and plain
text, or the HTML part with --html), or checks a folder of overrides
(NAME/LOCALE/subject.hbs, text.hbs, html.hbs) and lists every problem.
export writes the built-in sources (of one template, or all) into DIR as a
starting point: keep the files you change, delete the rest.
--dir lays the overrides in DIR over the built-in templates.`;

const SAMPLE: Record<Locale, { customerName: string; customerSubject: string; excerpt: string; teamName: string; summary: string; threat: string }> = {
  en: {
    customerName: 'Ada Lovelace',
    customerSubject: 'Kettle arrived broken',
    excerpt: 'The kettle I received leaks from the base.',
    teamName: 'Example Support',
    summary: 'We have sent you a new kettle by courier; it should arrive on Wednesday. You do not need to return the broken one.',
    threat: 'Fix this by Friday or I will come round and smash your shop window.',
  },
  'zh-Hans': {
    customerName: '王芳',
    customerSubject: '水壶收到就坏了',
    excerpt: '我收到的水壶底部漏水。',
    teamName: 'Example 客服团队',
    summary: '我们已通过快递为您寄出一个新水壶，预计周三送达。坏掉的水壶无需寄回。',
    threat: '周五前不解决，我就去把你们店的玻璃砸了。',
  },
  'zh-Hant': {
    customerName: '林美玲',
    customerSubject: '水壺收到就壞了',
    excerpt: '我收到的水壺底部漏水。',
    teamName: 'Example 客服團隊',
    summary: '我們已透過快遞為您寄出一個新水壺，預計週三送達。壞掉的水壺不需要寄回。',
    threat: '週五前不解決，我就去把你們店的玻璃砸了。',
  },
};

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { locale: { type: 'string' }, html: { type: 'boolean' }, dir: { type: 'string' } });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  const [sub, name, ...rest] = positionals;
  if (sub === 'check' && name && rest.length === 0) {
    // withOverrides throws a ConfigError listing every problem; main prints it and exits 1.
    const catalog = TemplateCatalog.withOverrides(await readTemplateDir(await existingFolder(name, 'template overrides')), name);
    console.log(`${name}: ${catalog.overridden.length} template locale(s) overridden, all valid: ${catalog.overridden.join(', ') || '(none)'}`);
    return 0;
  }
  if (sub === 'export' && name && rest.length <= 1) {
    const ids = rest.length === 1 ? [rest[0]!] : Object.keys(TEMPLATES);
    for (const id of ids) {
      if (!(id in TEMPLATES)) throw new UsageError(`unknown template '${id}'${suggest(id)} (see 'triage templates list')`, false);
      for (const [locale, parts] of Object.entries(TEMPLATES[id as TemplateId].locales)) {
        await mkdir(join(name, id, locale), { recursive: true });
        // 'wx': never overwrite an admin's edited file.
        for (const part of ['subject', 'text', 'html'] as const) {
          const file = join(name, id, locale, `${part}.hbs`);
          await writeFile(file, parts[part], { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'EEXIST') throw new UsageError(`${file} already exists: export into a new folder (nothing is ever overwritten)`, false);
            throw new UsageError(`cannot write ${file}: ${error.code ?? error.message}`, false);
          });
        }
      }
    }
    console.log(`Wrote ${ids.length} template(s) × 3 locales to ${name}/NAME/LOCALE/{subject,text,html}.hbs`);
    return 0;
  }
  const catalog = values.dir
    ? TemplateCatalog.withOverrides(await readTemplateDir(await existingFolder(values.dir, '--dir: template overrides')), values.dir)
    : TemplateCatalog.builtIn();
  if (sub === 'list' && !name) {
    for (const [id, def] of Object.entries(TEMPLATES)) {
      const overridden = catalog.overridden.filter((key) => key.startsWith(`${id}/`)).map((key) => key.split('/')[1]);
      const audience = NOTICE_TEMPLATES.has(id as TemplateId) ? 'supervisors' : 'customers';
      console.log(`${id.padEnd(20)} ${audience.padEnd(12)} ${Object.keys(def.locales).join(', ')}${overridden.length ? `  (overridden: ${overridden.join(', ')})` : ''}`);
    }
    return 0;
  }
  if (sub !== 'preview' || !name || rest.length > 0) throw new UsageError("use 'templates list', 'templates preview NAME', 'templates check DIR' or 'templates export DIR [NAME]'");
  if (!(name in TEMPLATES)) throw new UsageError(`unknown template '${name}'${suggest(name)} (see 'triage templates list')`, false);
  const locale = LocaleSchema.safeParse(values.locale ?? 'en');
  if (!locale.success) throw new UsageError(`--locale must be en, zh-Hans or zh-Hant, not '${values.locale}'`);
  const mail = catalog.render(name as TemplateId, locale.data, sampleFor(name as TemplateId, locale.data) as never);
  console.log(values.html ? mail.html : `Subject: ${mail.subject}\n\n${mail.text}`);
  return 0;
}

function suggest(name: string): string {
  const guess = closest(name, Object.keys(TEMPLATES));
  return guess ? `; did you mean '${guess}'?` : '';
}

function sampleFor(id: TemplateId, locale: Locale): Record<string, unknown> {
  const sample = SAMPLE[locale];
  const dueAt = formatDeadline(new Date('2026-11-30T13:00:00Z'), locale, 'Europe/London');
  if (NOTICE_TEMPLATES.has(id)) {
    return {
      ticketId: 'T-10042',
      category: categoryLabel(id === 'threat-alert' ? 'threat' : 'complaint', locale),
      subtype: id === 'threat-alert' ? 'violence' : '',
      priority: id === 'sla-breach' ? 2 : 1,
      customer: `${sample.customerName} <customer@example.net>`,
      customerSubject: sample.customerSubject,
      clock: clockLabel('first-response', locale),
      dueAt,
      signals: id === 'threat-alert' ? [`threat.intent: "${sample.threat}"`] : [],
      customerUpdated: id === 'sla-breach',
      teamName: sample.teamName,
    };
  }
  const { threat: _threat, ...facts } = sample;
  return { ...facts, ticketId: 'T-10042', dueAt };
}
