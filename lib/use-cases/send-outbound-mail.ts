import { randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
import type { AgentReplyJob, AlertJob, CustomerJob, OutboundJob } from '../domain/outbound-job.ts';
import type { AlertPublisher, Clock, MailSender, SuppressionStore, TicketStore } from '../domain/ports.ts';
import type { Locale, ThreadMessage } from '../domain/ticket.ts';
import { SendRejectedError } from '../domain/errors.ts';
import { baseSubject } from '../domain/threading.ts';
import { composeMail } from '../mail/compose-mail.ts';
import type { TemplateCatalog } from '../../templates/catalog.ts';
import { categoryLabel, clockLabel } from '../../templates/labels.ts';

export interface MailerDeps {
  readonly tickets: TicketStore;
  readonly sender: MailSender;
  readonly alerts: AlertPublisher;
  readonly suppressions: SuppressionStore;
  readonly clock: Clock;
  readonly teamName: string;
  /** IANA time zone deadlines are shown in when the customer's is unknown (and in notices). */
  readonly timeZone: string;
  /** The templates in use (built in, or with an admin's overrides). */
  readonly templates: () => Promise<TemplateCatalog>;
  /** The language of internal notices to supervisors. */
  readonly noticeLocale: Locale;
}

/** Replies to the customer's own message are `auto-replied`; mail we start (updates, reminders) is `auto-generated`. */
export const AUTO_REPLIES: ReadonlySet<CustomerJob['kind']> = new Set(['acknowledgement', 'apology', 'boundary', 'threat-received']);

export type SendOutcome = { readonly status: 'sent'; readonly messageId: string } | { readonly status: 'skipped'; readonly reason: string };

/**
 * Sends one outbound job and records it on the ticket. The job is claimed
 * first, so a redelivered job is not sent twice; SLA mail made for a clock
 * state the ticket has left (answered, resolved meanwhile) is dropped.
 */
export async function sendOutboundMail(job: OutboundJob, deps: MailerDeps): Promise<SendOutcome> {
  if (job.slaEpoch !== undefined) {
    const ticket = await deps.tickets.getTicket(job.ticketId);
    if (ticket?.sla && ticket.sla.epoch !== job.slaEpoch) return { status: 'skipped', reason: 'stale' };
  }
  // Rendered before the claim: a job that cannot render fails without leaving a claim behind.
  const templates = await deps.templates();
  const content = job.kind === 'alert' ? noticeContent(job, templates, deps) : job.kind === 'agent-reply' ? agentReplyContent(job) : customerContent(job, templates, deps);
  const claim = await deps.tickets.claimOutboundJob(job.jobId, deps.clock.now());
  if (claim !== 'claimed') return { status: 'skipped', reason: claim };
  switch (job.kind) {
    case 'alert':
      return publishAlert(job, content, deps);
    case 'agent-reply':
      return sendMail(job, content, undefined, deps);
    default: {
      // Automatic mail never goes to an address that bounced or complained; the ticket says why.
      const suppressed = await deps.suppressions.suppressedReason(job.to.address, deps.clock.now());
      if (suppressed) return recordSuppressed(job, suppressed, deps);
      return sendMail(job, content, AUTO_REPLIES.has(job.kind) ? 'auto-replied' : 'auto-generated', deps);
    }
  }
}

interface Content {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function customerContent(job: CustomerJob, templates: TemplateCatalog, deps: MailerDeps): Content {
  const facts = {
    customerName: job.to.name?.trim() || fallbackName(job.locale),
    ticketId: job.ticketId,
    // "Re: Fwd: Order [T-10001]" would become "Re: Re: Fwd: Order [T-10001] [T-10002]"; keep the plain subject.
    customerSubject: baseSubject(job.customerSubject) || fallbackSubject(job.locale),
    dueAt: formatDeadline(new Date(job.firstResponseDueAt), job.locale, job.customerTimeZone ?? deps.timeZone),
    teamName: deps.teamName,
    excerpt: job.excerpt,
  };
  if (job.kind === 'resolution-summary') return templates.render(job.kind, job.locale, { ...facts, summary: job.summary ?? '' });
  return templates.render(job.kind, job.locale, facts);
}

function noticeContent(job: AlertJob, templates: TemplateCatalog, deps: MailerDeps): Content {
  const { notice } = job;
  const locale = deps.noticeLocale;
  return templates.render(job.alert === 'threat' ? 'threat-alert' : job.alert, locale, {
    ticketId: job.ticketId,
    category: categoryLabel(notice.category, locale),
    subtype: notice.subtype ?? '',
    priority: notice.priority,
    customer: notice.customer.name ? `${notice.customer.name} <${notice.customer.address}>` : notice.customer.address,
    customerSubject: notice.customerSubject,
    unverified: notice.unverified,
    clock: clockLabel(notice.clock, locale),
    dueAt: notice.dueAt ? formatDeadline(new Date(notice.dueAt), locale, deps.timeZone) : '',
    signals: notice.signals.map((s) => `${s.rule}: "${s.excerpt}"`),
    customerUpdated: notice.customerUpdated,
    teamName: deps.teamName,
  });
}

function agentReplyContent(job: AgentReplyJob): Content {
  const escaped = Handlebars.escapeExpression(job.text).replace(/\r?\n/g, '<br>');
  return { subject: job.subject, text: job.text, html: `<!doctype html><html><body><div style="font-family:sans-serif;font-size:15px;line-height:1.5">${escaped}</div></body></html>` };
}

async function sendMail(job: CustomerJob | AgentReplyJob, content: Content, autoSubmitted: 'auto-replied' | 'auto-generated' | undefined, deps: MailerDeps): Promise<SendOutcome> {
  const fromName = job.kind === 'agent-reply' ? `${job.agentName} (${deps.teamName})` : deps.teamName;
  const headerMessageId = `<${randomUUID()}@${domainOf(job.from)}>`;
  const raw = await composeMail({
    from: { address: job.from, name: fromName },
    to: job.to,
    replyTo: plusAddress(job.from, job.ticketId),
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId: headerMessageId,
    ...(job.inReplyTo ? { inReplyTo: job.inReplyTo } : {}),
    references: job.references,
    ...(autoSubmitted ? { autoSubmitted } : {}),
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.sendRaw(raw, { from: job.from, to: [job.to.address] }));
  } catch (error) {
    if (error instanceof SendRejectedError) return recordFailure(job, error.message, deps);
    // Transient (throttled, unavailable): free the job so the retry SQS makes can take it at once.
    await deps.tickets.releaseOutboundJob(job.jobId);
    throw error;
  }
  const message: ThreadMessage = {
    schemaVersion: 1,
    ticketId: job.ticketId,
    direction: 'outbound',
    messageKey: job.jobId,
    messageId,
    headerMessageId,
    at: deps.clock.now().toISOString(),
    from: { address: job.from, name: fromName },
    to: [job.to],
    subject: content.subject,
    text: content.text,
    kind: job.kind,
  };
  await deps.tickets.recordOutbound(job.jobId, message);
  return { status: 'sent', messageId };
}

/** A permanent send failure: recorded on the ticket, where agents see it; not retried. */
async function recordFailure(job: CustomerJob | AgentReplyJob, reason: string, deps: MailerDeps): Promise<SendOutcome> {
  await recordNote(job, job.to, `Not delivered: ${job.kind}`, `Sending the ${job.kind} to ${job.to.address} failed for good: ${reason}`, `failed:${job.kind}`, deps);
  return { status: 'skipped', reason: `rejected:${reason}` };
}

async function recordSuppressed(job: CustomerJob, reason: string, deps: MailerDeps): Promise<SendOutcome> {
  await recordNote(job, job.to, `Not sent: ${job.kind}`, `The automatic ${job.kind} was not sent: ${job.to.address} is suppressed (${reason}).`, `suppressed:${job.kind}`, deps);
  return { status: 'skipped', reason: `suppressed:${reason}` };
}

async function publishAlert(job: AlertJob, { subject, text }: Content, deps: MailerDeps): Promise<SendOutcome> {
  let messageId: string;
  try {
    ({ messageId } = await deps.alerts.publish({ subject, text, attributes: { alert: job.alert, ticketId: job.ticketId } }));
  } catch (error) {
    await deps.tickets.releaseOutboundJob(job.jobId); // as for mail: the retry may take it at once
    throw error;
  }
  await recordNote(job, { address: 'alerts' }, subject, text, `alert:${job.alert}`, deps);
  return { status: 'sent', messageId };
}

/** An outbound entry on the ticket's thread that is not customer mail (alerts, failures, suppressions); marks the job done. */
async function recordNote(job: OutboundJob, to: { address: string }, subject: string, text: string, kind: string, deps: MailerDeps): Promise<void> {
  await deps.tickets.recordOutbound(job.jobId, {
    schemaVersion: 1,
    ticketId: job.ticketId,
    direction: 'outbound',
    messageKey: job.jobId,
    at: deps.clock.now().toISOString(),
    from: { address: 'from' in job ? job.from : 'alerts' },
    to: [to],
    subject,
    text,
    kind,
  });
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
