import { LocaleSchema } from '../domain/ticket.ts';
import { renderTemplate, TEMPLATES, type TemplateId } from '../../templates/render.ts';
import { parseCommandArgs, UsageError } from './args.ts';

const HELP = `Usage: triage templates list
       triage templates preview NAME [--locale en|zh-Hans|zh-Hant] [--html]

Lists the email templates, or renders one with sample data: subject and plain
text, or the HTML part with --html.`;

const SAMPLE = {
  en: { customerName: 'Ada Lovelace', customerSubject: 'Kettle arrived broken', excerpt: 'The kettle I received leaks from the base.' },
  'zh-Hans': { customerName: '王芳', customerSubject: '水壶收到就坏了', excerpt: '我收到的水壶底部漏水。' },
  'zh-Hant': { customerName: '林美玲', customerSubject: '水壺收到就壞了', excerpt: '我收到的水壺底部漏水。' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { locale: { type: 'string' }, html: { type: 'boolean' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [sub, name, ...rest] = positionals;
  if (sub === 'list' && !name) {
    for (const [id, def] of Object.entries(TEMPLATES)) console.log(`${id.padEnd(18)} ${Object.keys(def.locales).join(', ')}`);
    return 0;
  }
  if (sub !== 'preview' || !name || rest.length > 0) throw new UsageError("use 'templates list' or 'templates preview NAME'");
  if (!(name in TEMPLATES)) throw new UsageError(`unknown template '${name}' (see 'triage templates list')`);
  const locale = LocaleSchema.safeParse(values.locale ?? 'en');
  if (!locale.success) throw new UsageError(`--locale must be en, zh-Hans or zh-Hant, not '${values.locale}'`);
  const mail = renderTemplate(name as TemplateId, locale.data, {
    ...SAMPLE[locale.data],
    ticketId: 'T-10042',
    dueAt: new Intl.DateTimeFormat(locale.data === 'en' ? 'en-GB' : locale.data === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date('2026-11-30T13:00:00Z')),
    teamName: locale.data === 'en' ? 'Example Support' : locale.data === 'zh-Hant' ? 'Example 客服團隊' : 'Example 客服团队',
  });
  console.log(values.html ? mail.html : `Subject: ${mail.subject}\n\n${mail.text}`);
  return 0;
}
