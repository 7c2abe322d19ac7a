import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/domain/errors.ts';
import type { Locale } from '../../lib/domain/ticket.ts';
import { renderTemplate, TEMPLATES } from '../../templates/render.ts';

const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
const facts = { customerName: 'Ada Lovelace', ticketId: 'T-10042', customerSubject: 'Broken kettle', dueAt: 'Tuesday 24 November 2026, 14:00 UTC', teamName: 'Example Support' };

describe('renderTemplate', () => {
  it.each(LOCALES)('acknowledgement (%s) states name, ticket number, deadline and subject in every part', (locale) => {
    const mail = renderTemplate('acknowledgement', locale, facts);
    expect(mail.subject).toContain('[T-10042]');
    expect(mail.subject).toContain('Broken kettle');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Ada Lovelace');
      expect(part).toContain('T-10042');
      expect(part).toContain(facts.dueAt);
      expect(part).toContain('Example Support');
    }
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it('has all three locales for every template', () => {
    for (const def of Object.values(TEMPLATES)) expect(Object.keys(def.locales).sort()).toEqual([...LOCALES].sort());
  });

  it('escapes customer text in HTML and keeps subjects on one line', () => {
    const mail = renderTemplate('acknowledgement', 'en', {
      ...facts,
      customerName: '<script>alert(1)</script>',
      customerSubject: 'Hi\r\nBcc: everyone@example.org',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('Hi Bcc: everyone@example.org');
  });

  it('rejects input that lacks a fact the template needs', () => {
    const { dueAt: _omitted, ...partial } = facts;
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(ValidationError);
    expect(() => renderTemplate('acknowledgement', 'en', partial as typeof facts)).toThrow(/dueAt/);
  });
});
