import { randomUUID } from 'node:crypto';
import type { OutboundJob } from '../domain/outbound-job.ts';
import type { Clock, MailSender, TicketStore } from '../domain/ports.ts';
import type { Locale, ThreadMessage } from '../domain/ticket.ts';
import { composeMail } from '../mail/compose-mail.ts';
import { renderTemplate } from '../../templates/render.ts';

export interface MailerDeps {
  readonly tickets: TicketStore;
  readonly sender: MailSender;
  readonly clock: Clock;
  readonly teamName: string;
  /** IANA time zone deadlines are shown in when the customer's is unknown. */
  readonly timeZone: string;
}

export type SendOutcome = { readonly status: 'sent'; readonly messageId: string } | { readonly status: 'skipped'; readonly reason: string };

/**
 * Renders and sends one outbound job, then records it on the ticket. The job
 * is claimed first so a redelivered job is not sent twice.
 */
export async function sendOutboundMail(job: OutboundJob, deps: MailerDeps): Promise<SendOutcome> {
  const claim = await deps.tickets.claimOutboundJob(job.jobId, deps.clock.now());
  if (claim !== 'claimed') return { status: 'skipped', reason: claim };

  const rendered = renderTemplate('acknowledgement', job.locale, {
    customerName: job.to.name?.trim() || fallbackName(job.locale),
    ticketId: job.ticketId,
    customerSubject: job.customerSubject.trim() || fallbackSubject(job.locale),
    dueAt: formatDeadline(new Date(job.firstResponseDueAt), job.locale, deps.timeZone),
    teamName: deps.teamName,
  });
  const headerMessageId = `<${randomUUID()}@${domainOf(job.from)}>`;
  const raw = await composeMail({
    from: { address: job.from, name: deps.teamName },
    to: job.to,
    replyTo: plusAddress(job.from, job.ticketId),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: headerMessageId,
    ...(job.inReplyTo ? { inReplyTo: job.inReplyTo } : {}),
    references: job.references,
    autoSubmitted: 'auto-replied',
  });
  const { messageId } = await deps.sender.sendRaw(raw, { from: job.from, to: [job.to.address] });

  const message: ThreadMessage = {
    schemaVersion: 1,
    ticketId: job.ticketId,
    direction: 'outbound',
    messageKey: job.jobId,
    messageId,
    headerMessageId,
    at: deps.clock.now().toISOString(),
    from: { address: job.from, name: deps.teamName },
    to: [job.to],
    subject: rendered.subject,
    text: rendered.text,
    kind: job.kind,
  };
  await deps.tickets.recordOutbound(job.jobId, message);
  return { status: 'sent', messageId };
}

/** `support@example.com` + `T-10001` → `support+t-10001@example.com`, so replies carry the ticket. */
export function plusAddress(address: string, ticketId: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0];
  return `${local}+${ticketId.toLowerCase()}@${address.slice(at + 1)}`;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}

function fallbackName(locale: Locale): string {
  return locale === 'en' ? 'there' : '客户';
}

function fallbackSubject(locale: Locale): string {
  return locale === 'en' ? 'your message' : locale === 'zh-Hant' ? '您的來信' : '您的来信';
}

export function formatDeadline(at: Date, locale: Locale, timeZone: string): string {
  const intlLocale = locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN';
  return new Intl.DateTimeFormat(intlLocale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}
