import Handlebars from 'handlebars';
import type { CustomerMailFacts, MailRenderer, NoticeMailFacts, RenderedMail } from '../lib/domain/ports.ts';
import { ellipsized, oneLine } from '../lib/domain/safe-text.ts';
import { markedExcerpt } from '../lib/domain/signal-text.ts';
import type { Locale } from '../lib/domain/ticket.ts';
import type { TemplateCatalog } from './catalog.ts';
import { formatDeadline } from './deadline.ts';
import { excerptWithoutSignOff } from './excerpt.ts';
import { categoryLabel, clockLabel } from './labels.ts';

/** The mailer's renderer: the template catalog (built in, or with an admin's overrides) and the locale rules for dates and names. */
export class TemplateMailRenderer implements MailRenderer {
  // The facts name the team as the mail is signed (teamNameIn, lib/domain/team-name.ts): an agent's draft adds
  // the agent's own name, which a second lookup here would drop.
  constructor(private readonly catalog: TemplateCatalog) {}

  customerMail(facts: CustomerMailFacts): RenderedMail {
    const { locale } = facts;
    const input = {
      customerName: nameToGreet(facts.customerName) ?? fallbackName(locale),
      ticketId: facts.ticketId,
      customerSubject: facts.customerSubject || fallbackSubject(locale),
      dueAt: formatDeadline(new Date(facts.answerBy), locale, facts.timeZone),
      teamName: facts.teamName,
      excerpt: excerptWithoutSignOff(facts.excerpt, facts.customerName),
    };
    if (facts.kind === 'resolution-summary') return this.catalog.render(facts.kind, locale, { ...input, summary: facts.summary ?? '' });
    return this.catalog.render(facts.kind, locale, input);
  }

  notice(facts: NoticeMailFacts): RenderedMail {
    const { locale, customer } = facts;
    const template = facts.alert === 'threat' ? 'threat-alert' : facts.alert === 'escalation' ? 'escalation-alert' : facts.alert;
    return this.catalog.render(template, locale, {
      ticketId: facts.ticketId,
      category: categoryLabel(facts.category, locale),
      subtype: facts.subtype ?? '',
      priority: facts.priority,
      customer: customer.name ? `${ellipsized(oneLine(customer.name), MAX_GREETED_NAME_CHARS)} <${customer.address}>` : customer.address,
      customerSubject: facts.customerSubject,
      unverified: facts.unverified,
      clock: clockLabel(facts.clock, locale),
      dueAt: facts.dueAt ? formatDeadline(new Date(facts.dueAt), locale, facts.timeZone) : '',
      signals: facts.signals.map((s) => `${s.rule}: "${markedExcerpt(s)}"`),
      customerUpdated: facts.customerUpdated,
      teamName: facts.teamName,
      escalatedBy: facts.escalation?.by ?? '',
      reason: facts.escalation?.reason ?? '',
    });
  }

  agentReply({ text, customerSubject, locale }: { text: string; customerSubject: string; locale: Locale }): RenderedMail {
    const subject = `Re: ${customerSubject || fallbackSubject(locale)}`;
    const escaped = Handlebars.escapeExpression(text).replace(/\r?\n/g, '<br>');
    return { subject, text, html: `<!doctype html><html><body><div style="font-family:sans-serif;font-size:15px;line-height:1.5">${escaped}</div></body></html>` };
  }
}

/**
 * What no name holds: a link or what reads as one (a scheme, a slash, `www.`, a dot between letters as in a domain,
 * a full-width colon), an address, angle brackets, invisible formatting characters (zero-width spaces, direction
 * overrides) that hide the rest, and a phone number (seven digits or more).
 */
const NOT_A_NAME = /[:：]\/\/|\/|www\.|[\p{L}\p{N}-]\.\p{L}{2,}|[@<>]|\p{Cf}|(?:\d[\s.()-]*){7,}/iu;

/** Longer than this, a display name is not a name to greet anyone by. */
export const MAX_GREETED_NAME_CHARS = 64;

/**
 * The customer's display name as a greeting may use it, or undefined for the fallback ("Hello there"): on one
 * line, and never a name that carries a link, an address or a paragraph. Anyone can write anything in From, and
 * the greeting is the first line of mail sent from our address.
 */
export function nameToGreet(name: string | undefined): string | undefined {
  const line = oneLine(name ?? '');
  if (!line || line.length > MAX_GREETED_NAME_CHARS || NOT_A_NAME.test(line)) return undefined;
  return line;
}

function fallbackName(locale: Locale): string {
  return locale === 'en' ? 'there' : '客户';
}

function fallbackSubject(locale: Locale): string {
  return locale === 'en' ? 'your message' : locale === 'zh-Hant' ? '您的來信' : '您的来信';
}
