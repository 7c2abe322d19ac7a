import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '../../lib/domain/errors.ts';
import { LOCALES, type Locale } from '../../lib/domain/ticket.ts';
import { checkTemplateSource, NOTICE_TEMPLATES, renderTemplate, TEMPLATES, TemplateCatalog, type TemplateId } from '../../templates/catalog.ts';

const facts = {
  customerName: 'Ada Lovelace',
  ticketId: 'T-10042',
  customerSubject: 'Broken kettle',
  dueAt: 'Tuesday 24 November 2026, 14:00 UTC',
  teamName: 'Example Support',
  excerpt: 'The kettle leaks from the base.',
};
const summary = 'We sent a replacement kettle by courier (tracking 5521).';
const notice = {
  ticketId: 'T-10042',
  category: 'complaint',
  subtype: 'violence',
  priority: 3,
  customer: 'Ada Lovelace <ada@example.net>',
  customerSubject: 'Broken kettle',
  clock: 'first response',
  dueAt: 'Tuesday 24 November 2026, 14:00 UTC',
  signals: ['threat.intent: "I will come to your office"'],
  teamName: 'Example Support',
  escalatedBy: 'agent1',
  reason: 'asks for a refund above my limit',
};
type Fact = keyof typeof facts | 'summary' | keyof typeof notice;
const value = (fact: Fact): string =>
  fact === 'summary' ? summary : fact === 'signals' ? notice.signals[0]! : String((facts as Record<string, unknown>)[fact] ?? (notice as Record<string, unknown>)[fact]);

// One row per template (the mapped type makes a missing template a type error): the facts each must state.
const REQUIRED: { [T in TemplateId]: readonly Fact[] } = {
  acknowledgement: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  apology: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName', 'excerpt'],
  boundary: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  'threat-received': ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  'still-on-it': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
  'pending-reminder': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
  'follow-up': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
  'resolution-summary': ['customerName', 'ticketId', 'customerSubject', 'teamName', 'summary'],
  'threat-alert': ['ticketId', 'customer', 'customerSubject', 'subtype', 'signals'],
  'sla-warning': ['ticketId', 'customer', 'customerSubject', 'dueAt', 'clock', 'category'],
  'sla-breach': ['ticketId', 'customer', 'customerSubject', 'dueAt', 'clock', 'priority'],
  'escalation-alert': ['ticketId', 'customer', 'customerSubject', 'escalatedBy', 'reason', 'priority'],
};

function inputFor(id: TemplateId, hostile = false): never {
  const evil = { name: '<script>alert(1)</script>', subject: 'Hi\r\nBcc: everyone@example.org', excerpt: '<img src=x onerror=alert(1)>' };
  if (NOTICE_TEMPLATES.has(id)) {
    return (hostile ? { ...notice, customer: evil.name, customerSubject: evil.subject, signals: [evil.excerpt], reason: evil.excerpt } : notice) as never;
  }
  const base = hostile ? { ...facts, customerName: evil.name, customerSubject: evil.subject, excerpt: evil.excerpt } : facts;
  return (id === 'resolution-summary' ? { ...base, summary: hostile ? evil.excerpt : summary } : base) as never;
}

const cases = (Object.keys(REQUIRED) as TemplateId[]).flatMap((id) => LOCALES.map((locale) => [id, locale] as const));

describe('templates', () => {
  it.each(cases)('%s (%s) states its facts in subject, text and HTML', (id, locale) => {
    const mail = renderTemplate(id, locale, inputFor(id));
    expect(mail.subject).toContain(facts.ticketId);
    expect(mail.subject).toContain(facts.customerSubject);
    for (const fact of REQUIRED[id]) {
      expect(mail.text).toContain(value(fact));
      expect(mail.html).toContain(Handlebars.escapeExpression(value(fact)));
    }
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.text).not.toMatch(/<\/?(p|strong|em|br|ul|li)\b/); // no markup in the plain part
  });

  it.each(cases)('%s (%s) escapes customer text in HTML and keeps the subject on one line', (id, locale) => {
    const mail = renderTemplate(id, locale, inputFor(id, true));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toMatch(/&lt;(script|img)/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('has every locale for every template, and the built-in sources pass the override checks', () => {
    for (const [id, def] of Object.entries(TEMPLATES) as Array<[TemplateId, (typeof TEMPLATES)[TemplateId]]>) {
      expect(Object.keys(def.locales).sort()).toEqual([...LOCALES].sort());
      for (const locale of LOCALES) for (const part of ['subject', 'text', 'html'] as const) expect(checkTemplateSource(id, part, def.locales[locale][part])).toEqual([]);
    }
  });

  it('admits no fault in the threat reply, and tells supervisors whether the customer was updated', () => {
    const threat = renderTemplate('threat-received', 'en', facts).text.toLowerCase();
    for (const word of ['sorry', 'apolog', 'our fault', 'liable', 'compensat']) expect(threat).not.toContain(word);
    expect(renderTemplate('sla-breach', 'en', { ...notice, customerUpdated: true }).text).toContain('still on it');
    expect(renderTemplate('sla-breach', 'en', notice).text).not.toContain('still on it');
  });

  it('rejects input that lacks a fact the template needs', () => {
    const { dueAt: _omitted, ...partial } = facts;
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(ValidationError);
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(/dueAt/);
  });
});

describe('template overrides', () => {
  const ack = (locale: Locale, text: string, subject = 'Got it [{{ticketId}}]') => [
    { path: `acknowledgement/${locale}/subject.hbs`, content: subject },
    { path: `acknowledgement/${locale}/text.hbs`, content: text },
    { path: `acknowledgement/${locale}/html.hbs`, content: `<p>${text}</p>` },
  ];
  const problems = (files: Array<{ path: string; content: string }>): string => {
    try {
      TemplateCatalog.withOverrides(files, 'overrides/');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected the overrides to be rejected');
  };

  it('replaces one locale of one template and leaves the rest built in', () => {
    const catalog = TemplateCatalog.withOverrides(ack('en', 'Hi {{customerName}}, {{ticketId}} is answered by {{dueAt}}.'), 'overrides/');
    expect(catalog.overridden).toEqual(['acknowledgement/en']);
    expect(catalog.render('acknowledgement', 'en', facts).text).toBe(`Hi Ada Lovelace, T-10042 is answered by ${facts.dueAt}.`);
    expect(catalog.render('acknowledgement', 'en', { ...facts, customerName: '<b>x</b>' }).html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(catalog.render('acknowledgement', 'zh-Hans', facts).text).toBe(renderTemplate('acknowledgement', 'zh-Hans', facts).text);
  });

  it('names the file and line of an unknown variable', () => {
    expect(problems(ack('en', 'Hello {{customerName}},\nby {{dueDate}}'))).toMatch(/acknowledgement\/en\/text\.hbs line 2: unknown variable 'dueDate' \(known: customerName/);
  });

  it('names the missing parts of a locale', () => {
    expect(problems(ack('zh-Hant', '{{ticketId}}').slice(0, 2))).toContain('acknowledgement/zh-Hant: html.hbs missing');
  });

  it('rejects unknown templates and locales, raw HTML, helpers, partials and subjects without the ticket', () => {
    const message = problems([
      { path: 'welcome/en/text.hbs', content: 'x' },
      { path: 'apology/fr/text.hbs', content: 'x' },
      { path: 'apology.txt', content: 'x' },
      ...ack('en', '{{{excerpt}}} {{lookup customerName 0}} {{> footer}} {{#with teamName}}x{{/with}}'),
      ...ack('zh-Hans', '{{ticketId}}', '您的来信'),
    ]);
    expect(message).toContain("welcome/en/text.hbs: there is no template 'welcome'");
    expect(message).toContain("apology/fr/text.hbs: unknown locale 'fr'");
    expect(message).toContain('apology.txt: expected NAME/LOCALE/');
    expect(message).toContain('acknowledgement/en/html.hbs line 1: {{{…}}} would put unescaped customer text into HTML');
    expect(message).toContain("helpers are not allowed ('lookup')");
    expect(message).toContain('partials are not supported');
    expect(message).toContain("not 'with'");
    expect(message).toContain('acknowledgement/zh-Hans/subject.hbs: the subject must contain {{ticketId}}');
  });

  it('reports a syntax error and a list used where there is none', () => {
    expect(problems(ack('en', 'Hello {{#if customerName}}'))).toContain(
      'text.hbs line 1: syntax error near "{{#if customerName}}": found the end of the template, expected {{/…}}; a block or tag is never closed',
    );
    expect(problems(ack('en', '{{#each customerName}}{{this}}{{/each}} {{ticketId}}'))).toContain("{{#each}} needs a list, and 'customerName' is not one");
  });
});
