import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/domain/errors.ts';
import type { Locale } from '../../lib/domain/ticket.ts';
import { renderTemplate, TEMPLATES, type TemplateId } from '../../templates/render.ts';

const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
const facts = {
  customerName: 'Ada Lovelace',
  ticketId: 'T-10042',
  customerSubject: 'Broken kettle',
  dueAt: 'Tuesday 24 November 2026, 14:00 UTC',
  teamName: 'Example Support',
  excerpt: 'The kettle leaks from the base.',
};
type Fact = keyof typeof facts;

// One row per template (the mapped type makes a missing template a type error): the facts each must state.
const REQUIRED: { [T in TemplateId]: readonly Fact[] } = {
  acknowledgement: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  apology: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName', 'excerpt'],
  boundary: ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  'threat-received': ['customerName', 'ticketId', 'customerSubject', 'dueAt', 'teamName'],
  'still-on-it': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
  'pending-reminder': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
  'follow-up': ['customerName', 'ticketId', 'customerSubject', 'teamName'],
};

const cases = (Object.keys(REQUIRED) as TemplateId[]).flatMap((id) => LOCALES.map((locale) => [id, locale] as const));

describe('templates', () => {
  it.each(cases)('%s (%s) states its facts in subject, text and HTML', (id, locale) => {
    const mail = renderTemplate(id, locale, facts);
    expect(mail.subject).toContain(`[${facts.ticketId}]`);
    expect(mail.subject).toContain(facts.customerSubject);
    for (const part of [mail.text, mail.html]) for (const fact of REQUIRED[id]) expect(part).toContain(facts[fact]);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.text).not.toMatch(/[<>]/);
  });

  it.each(cases)('%s (%s) escapes customer text in HTML and keeps the subject on one line', (id, locale) => {
    const mail = renderTemplate(id, locale, { ...facts, customerName: '<script>alert(1)</script>', customerSubject: 'Hi\r\nBcc: everyone@example.org', excerpt: '<img src=x onerror=alert(1)>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('has every locale for every template, and nothing promises to admit fault in the threat reply', () => {
    for (const def of Object.values(TEMPLATES)) expect(Object.keys(def.locales).sort()).toEqual([...LOCALES].sort());
    const threat = renderTemplate('threat-received', 'en', facts).text.toLowerCase();
    for (const word of ['sorry', 'apolog', 'our fault', 'liable', 'compensat']) expect(threat).not.toContain(word);
  });

  it('rejects input that lacks a fact the template needs', () => {
    const { dueAt: _omitted, ...partial } = facts;
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(ValidationError);
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(/dueAt/);
  });
});
