import type { Caller } from '../../lib/domain/caller.ts';
import { ValidationError } from '../../lib/domain/errors.ts';
import type { CustomerJob } from '../../lib/domain/outbound-job.ts';
import type { MailRenderer } from '../../lib/domain/ports.ts';
import { type TeamNaming, teamNameIn } from '../../lib/domain/team-name.ts';
import { baseSubject } from '../../lib/domain/threading.ts';
import { LOCALES, type Locale, type Ticket } from '../../lib/domain/ticket.ts';
import { promisedAnswerBy } from '../../lib/domain/urgency.ts';

/** Templates an agent may start a reply from. */
export const DRAFT_TEMPLATES = ['acknowledgement', 'apology', 'boundary', 'still-on-it', 'pending-reminder', 'follow-up'] as const satisfies ReadonlyArray<CustomerJob['kind']>;
type DraftTemplate = (typeof DRAFT_TEMPLATES)[number];

/** The template's text for this ticket, in the customer's language unless another is asked for, for the agent to edit. */
export function draftReply(
  ticket: Ticket,
  template: string,
  locale: string | undefined,
  caller: Caller,
  renderer: MailRenderer,
  settings: TeamNaming & { timeZone: string },
): { template: DraftTemplate; locale: Locale; text: string } {
  if (!(DRAFT_TEMPLATES as readonly string[]).includes(template)) throw new ValidationError(`template: unknown template '${template}' (one of ${DRAFT_TEMPLATES.join(', ')})`);
  if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) throw new ValidationError(`locale: unknown locale '${locale}' (one of ${LOCALES.join(', ')})`);
  const chosen = (locale ?? ticket.locale) as Locale;
  const rendered = renderer.customerMail({
    kind: template as DraftTemplate,
    locale: chosen,
    ...(ticket.customer.name ? { customerName: ticket.customer.name } : {}),
    ticketId: ticket.ticketId,
    customerSubject: baseSubject(ticket.subject),
    answerBy: promisedAnswerBy(ticket),
    timeZone: ticket.customerTimeZone ?? settings.timeZone,
    teamName: `${caller.name} (${teamNameIn(chosen, settings)})`,
    excerpt: '',
  });
  return { template: template as DraftTemplate, locale: chosen, text: rendered.text };
}
