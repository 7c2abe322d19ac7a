import { randomUUID } from 'node:crypto';
import { NotFoundError, SendOutcomeUnknownError, SendRejectedError } from '../domain/errors.ts';
import { type AgentReplyJob, type AlertJob, type CustomerJob, MAX_SEND_ATTEMPTS, OUTBOUND_LEASE_MS, type OutboundJob, type ThreadMessageKind } from '../domain/outbound-job.ts';
import type { AlertPublisher, Clock, MailRenderer, MailSender, OutboundLedger, RenderedMail, SuppressionStore, TicketRepository } from '../domain/ports.ts';
import { type AutoReplyPolicy, mayQuoteCustomer, replyFromAddress, standingAutoMailBlocker, takeAutoMailAllowance } from '../domain/reply-policy.ts';
import { ellipsized } from '../domain/safe-text.ts';
import { type TeamNaming, teamNameIn } from '../domain/team-name.ts';
import { baseSubject } from '../domain/threading.ts';
import { type Category, type Locale, MAX_MESSAGE_ID_CHARS, MAX_REFERENCES, type ThreadMessage, type Ticket } from '../domain/ticket.ts';
import { plusAddress, tokenMessageId } from '../domain/ticket-token.ts';
import { promisedAnswerBy } from '../domain/urgency.ts';
import { composeMail, subjectWithToken } from '../mail/compose-mail.ts';

/** The team as mail is signed: a customer writing in a language of TEAM_NAMES sees that name as the sender's and in the signature. */
export interface MailerDeps extends TeamNaming {
  readonly tickets: TicketRepository;
  readonly ledger: OutboundLedger;
  readonly sender: MailSender;
  readonly alerts: AlertPublisher;
  readonly suppressions: SuppressionStore;
  readonly clock: Clock;
  /** IANA time zone deadlines are shown in when the customer's is unknown (and in notices). */
  readonly timeZone: string;
  /** The renderer in use (built-in templates, or with an admin's overrides). */
  readonly renderer: () => Promise<MailRenderer>;
  /** The language of internal notices to supervisors. */
  readonly noticeLocale: Locale;
  /** Limits on automatic mail: SLA mail counts against the same allowances as first replies. */
  readonly policy: AutoReplyPolicy;
  /** The support addresses, the default first: mail goes out only from these. */
  readonly supportAddresses: readonly string[];
}

/** Replies to the customer's own message are `auto-replied`; mail we start (updates, reminders) is `auto-generated`. */
export const AUTO_REPLIES: ReadonlySet<CustomerJob['kind']> = new Set(['acknowledgement', 'apology', 'boundary', 'threat-received']);

export type SendOutcome = ({ readonly status: 'sent'; readonly messageId: string } | { readonly status: 'skipped'; readonly reason: string }) & {
  /** The ticket's queue, for per-queue metrics. */
  readonly category?: Category;
  /** For a first reply: when the message it answers arrived. */
  readonly receivedAt?: string;
};

/** Which delivery of the job this is: on the last one, a failure is recorded on the ticket as final. */
export interface Attempt {
  readonly receive: number;
  readonly maxReceives: number;
}

const FIRST_OF_MANY: Attempt = { receive: 1, maxReceives: Number.POSITIVE_INFINITY };

/**
 * Sends one outbound job and records it on the ticket. The job names the
 * ticket; what the mail says comes from the ticket and the message it
 * answers. The job is claimed first, so a redelivered job is not sent
 * twice; SLA mail made for a clock state the ticket has left (answered,
 * resolved meanwhile) is dropped.
 */
export async function sendOutboundMail(job: OutboundJob, deps: MailerDeps, attempt: Attempt = FIRST_OF_MANY): Promise<SendOutcome> {
  const ticket = await deps.tickets.getTicket(job.ticketId);
  // Tickets are written before their jobs are queued, so this job can never be sent: it belongs in the DLQ.
  if (!ticket) throw new NotFoundError(`Outbound job ${job.jobId} names ticket ${job.ticketId}, which does not exist`);
  const facts = { category: ticket.category };
  if (job.slaEpoch !== undefined && ticket.sla && ticket.sla.epoch !== job.slaEpoch) return { status: 'skipped', reason: 'stale', ...facts };
  const answered = job.kind !== 'alert' && job.replyTo ? await deps.tickets.getMessage(ticket.ticketId, job.replyTo) : undefined;
  // Rendered before the claim: a job that cannot render fails without leaving a claim behind.
  const renderer = await deps.renderer();
  const content =
    job.kind === 'alert'
      ? noticeContent(job, ticket, renderer, deps)
      : job.kind === 'agent-reply'
        ? agentReplyContent(job, ticket, renderer)
        : customerContent(job, ticket, answered, renderer, deps);
  const claim = await deps.ledger.claim(job, deps.clock.now());
  if (claim === 'gave-up') return { ...(await recordGaveUp(job, ticket, deps)), ...facts };
  if (claim !== 'claimed') return { status: 'skipped', reason: claim, ...facts };
  switch (job.kind) {
    case 'alert':
      return { ...(await publishAlert(job, content, deps)), ...facts };
    case 'agent-reply':
      return { ...(await sendMail(job, ticket, content, { autoSubmitted: undefined, threading: threadingOf(answered) }, deps, attempt)), ...facts };
    default: {
      const receipt = answered ? { receivedAt: answered.at } : {};
      // Every automatic mail passes the first reply's guard: not to a forged sender, a list, a robot …
      const standing = standingAutoMailBlocker(ticket);
      if (standing) return { ...(await recordSuppressed(job, ticket, standing, deps)), ...facts, ...receipt };
      // … nor to an address that bounced or complained; the ticket says why.
      const suppressed = await deps.suppressions.suppressedReason(ticket.customer.address, deps.clock.now());
      if (suppressed) return { ...(await recordSuppressed(job, ticket, suppressed, deps)), ...facts, ...receipt };
      // First replies took their allowance when the ticket was opened; later automatic mail takes its own here.
      if (!AUTO_REPLIES.has(job.kind)) {
        const limited = await takeAutoMailAllowance(deps.suppressions, ticket.customer.address, deps.clock.now(), deps.policy, job.jobId);
        if (limited) return { ...(await recordSuppressed(job, ticket, limited, deps)), ...facts, ...receipt };
      }
      const options = { autoSubmitted: AUTO_REPLIES.has(job.kind) ? ('auto-replied' as const) : ('auto-generated' as const), threading: threadingOf(answered) };
      return { ...(await sendMail(job, ticket, content, options, deps, attempt)), ...facts, ...receipt };
    }
  }
}

type Content = RenderedMail;

interface Threading {
  readonly inReplyTo?: string;
  readonly references: readonly string[];
}

/** A reply to a message refers to it and to what it referred to (RFC 5322 §3.6.4), so it threads in the customer's client. */
function threadingOf(answered: ThreadMessage | undefined): Threading {
  // Ids are the customer's text too: an absurd one is left out, and the header stays small whatever they sent.
  const sane = (id: string) => id.length <= MAX_MESSAGE_ID_CHARS;
  const references = (answered?.references ?? []).filter(sane).slice(-(MAX_REFERENCES - 1));
  if (!answered?.messageId || !sane(answered.messageId)) return { references };
  return { inReplyTo: answered.messageId, references: [...references, answered.messageId] };
}

function customerContent(job: CustomerJob, ticket: Ticket, answered: ThreadMessage | undefined, renderer: MailRenderer, deps: MailerDeps): Content {
  // Rude or threatening words are never quoted back: the template says "your message" instead.
  const quote = mayQuoteCustomer(ticket);
  return renderer.customerMail({
    kind: job.kind,
    locale: ticket.locale,
    ...(ticket.customer.name ? { customerName: ticket.customer.name } : {}),
    ticketId: ticket.ticketId,
    // "Re: Fwd: Order [T-10001]" would become "Re: Re: Fwd: Order [T-10001] [T-10002]"; keep the plain subject.
    customerSubject: quote ? boundedSubject(baseSubject(ticket.subject)) : '',
    answerBy: promisedAnswerBy(ticket),
    timeZone: ticket.customerTimeZone ?? deps.timeZone,
    teamName: teamNameIn(ticket.locale, deps),
    excerpt: job.kind === 'apology' && quote ? (answered?.excerpt ?? '') : '',
    ...(job.kind === 'resolution-summary' ? { summary: ticket.resolutionSummary ?? '' } : {}),
  });
}

/** What of the customer's subject a reply repeats: enough to recognise it, never a wall of text. */
const MAX_ECHOED_SUBJECT = 120;

function boundedSubject(subject: string): string {
  return ellipsized(subject, MAX_ECHOED_SUBJECT);
}

function noticeContent(job: AlertJob, ticket: Ticket, renderer: MailRenderer, deps: MailerDeps): Content {
  const { facts } = job;
  return renderer.notice({
    alert: job.alert,
    locale: deps.noticeLocale,
    ticketId: ticket.ticketId,
    category: ticket.category,
    ...(ticket.classification.subtype ? { subtype: ticket.classification.subtype } : {}),
    priority: facts.priority,
    customer: ticket.customer,
    customerSubject: ticket.subject,
    unverified: ticket.unverified === true,
    ...(facts.clock ? { clock: facts.clock } : {}),
    ...(facts.dueAt ? { dueAt: facts.dueAt } : {}),
    timeZone: deps.timeZone,
    signals: ticket.classification.signals.slice(0, MAX_NOTICE_SIGNALS).map((s) => ({ rule: s.rule, excerpt: s.excerpt, ...(s.span ? { span: s.span } : {}) })),
    customerUpdated: facts.customerUpdated,
    teamName: teamNameIn(deps.noticeLocale, deps),
    ...(ticket.escalation ? { escalation: { by: ticket.escalation.by, reason: ticket.escalation.reason } } : {}),
  });
}

const MAX_NOTICE_SIGNALS = 20;

function agentReplyContent(job: AgentReplyJob, ticket: Ticket, renderer: MailRenderer): Content {
  // As in the templates: rude or threatening words are never repeated back, and a long subject is cut.
  const customerSubject = mayQuoteCustomer(ticket) ? boundedSubject(baseSubject(ticket.subject)) : '';
  // sendMail adds the ticket's token to the subject, as to every mail.
  return renderer.agentReply({ text: job.text, customerSubject, locale: ticket.locale });
}

async function sendMail(
  job: CustomerJob | AgentReplyJob,
  ticket: Ticket,
  content: Content,
  options: { autoSubmitted: 'auto-replied' | 'auto-generated' | undefined; threading: Threading },
  deps: MailerDeps,
  attempt: Attempt,
): Promise<SendOutcome> {
  const from = replyFromAddress([ticket.supportAddress], deps.supportAddresses);
  const to = ticket.customer;
  const team = teamNameIn(ticket.locale, deps);
  const fromName = job.kind === 'agent-reply' ? `${job.agentName} (${team})` : team;
  const headerMessageId = tokenMessageId(ticket.ticketId, randomUUID(), domainOf(from));
  const subject = subjectWithToken(content.subject, ticket.ticketId);
  const raw = await composeMail({
    from: { address: from, name: fromName },
    to,
    replyTo: plusAddress(from, ticket.ticketId),
    subject,
    text: content.text,
    html: content.html,
    messageId: headerMessageId,
    ...(options.threading.inReplyTo ? { inReplyTo: options.threading.inReplyTo } : {}),
    references: options.threading.references,
    ...(options.autoSubmitted ? { autoSubmitted: options.autoSubmitted } : {}),
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.sendRaw(raw, { from, to: [to.address] }));
  } catch (error) {
    if (error instanceof SendRejectedError) return recordFailure(job, ticket, error.message, deps);
    if (error instanceof SendOutcomeUnknownError) {
      // SES may have sent it: keep the claim, say so on the ticket, and let at most one more attempt try after the lease.
      const attempts = await deps.ledger.keepUnknown(job, unknownNote(job, ticket, error.message, deps));
      if (attempts >= MAX_SEND_ATTEMPTS) return recordGaveUp(job, ticket, deps);
      throw error;
    }
    // Refused (throttled, paused, unreachable): nothing was sent; free the job so the retry SQS makes can take it at once.
    await deps.ledger.release(job);
    if (attempt.receive >= attempt.maxReceives) await deps.ledger.note(exhaustedNote(job, ticket, (error as Error).name, attempt, deps));
    throw error;
  }
  const message: ThreadMessage = {
    schemaVersion: 1,
    ticketId: ticket.ticketId,
    direction: 'outbound',
    messageKey: job.jobId,
    messageId,
    headerMessageId,
    at: deps.clock.now().toISOString(),
    from: { address: from, name: fromName },
    to: [to],
    subject,
    text: content.text,
    kind: job.kind,
  };
  await deps.ledger.complete(job, message);
  return { status: 'sent', messageId };
}

/** A permanent send failure: recorded on the ticket, where agents see it; not retried. */
async function recordFailure(job: CustomerJob | AgentReplyJob, ticket: Ticket, reason: string, deps: MailerDeps): Promise<SendOutcome> {
  const to = ticket.customer;
  await recordNote(job, ticket, to, `Not delivered: ${job.kind}`, `Sending the ${job.kind} to ${to.address} failed for good: ${reason}`, `failed:${job.kind}`, deps);
  return { status: 'skipped', reason: `rejected:${reason}` };
}

/** What the ticket says when a send may or may not have gone out. */
function unknownNote(job: CustomerJob | AgentReplyJob, ticket: Ticket, reason: string, deps: MailerDeps): ThreadMessage {
  const now = deps.clock.now();
  const retryAt = new Date(now.getTime() + OUTBOUND_LEASE_MS).toISOString();
  return {
    ...noteBase(job, ticket, deps),
    messageKey: `${job.jobId}#unknown#${now.getTime()}`,
    subject: `Outcome unknown: ${job.kind}`,
    text: `The ${job.kind} to ${ticket.customer.address} may or may not have been sent (${reason}). It is not repeated before ${retryAt}, and at most ${MAX_SEND_ATTEMPTS} attempts are made in all.`,
    kind: `unknown:${job.kind}`,
  };
}

/** What the ticket says when the queue's last delivery of a job failed without sending: the job waits in the outbound DLQ. */
function exhaustedNote(job: CustomerJob | AgentReplyJob, ticket: Ticket, reason: string, attempt: Attempt, deps: MailerDeps): ThreadMessage {
  return {
    ...noteBase(job, ticket, deps),
    messageKey: `${job.jobId}#exhausted#${deps.clock.now().getTime()}`,
    subject: `Not sent: ${job.kind}`,
    text: `The ${job.kind} to ${ticket.customer.address} was not sent after ${attempt.receive} attempts (${reason}). The job is in the outbound dead-letter queue: \`triage dlq redrive outbound\` sends it again.`,
    kind: `failed:${job.kind}`,
  };
}

function noteBase(job: OutboundJob, ticket: Ticket, deps: MailerDeps) {
  return {
    schemaVersion: 1 as const,
    ticketId: job.ticketId,
    direction: 'outbound' as const,
    at: deps.clock.now().toISOString(),
    from: { address: ticket.supportAddress },
    to: [{ address: ticket.customer.address }],
  };
}

/** Earlier attempts' outcomes are unknown and no more may be made: the ticket says so and the job is done. */
async function recordGaveUp(job: OutboundJob, ticket: Ticket, deps: MailerDeps): Promise<SendOutcome> {
  const text = `No further attempt at the ${job.kind} for ${ticket.ticketId}: ${MAX_SEND_ATTEMPTS} attempts were made and SES may have sent it. Check with the customer whether it arrived.`;
  const kind: ThreadMessageKind = job.kind === 'alert' ? `alert:${job.alert}` : `failed:${job.kind}`;
  await recordNote(job, ticket, job.kind === 'alert' ? { address: 'alerts' } : ticket.customer, `Gave up: ${job.kind}`, text, kind, deps);
  return { status: 'skipped', reason: 'gave-up' };
}

async function recordSuppressed(job: CustomerJob, ticket: Ticket, reason: string, deps: MailerDeps): Promise<SendOutcome> {
  const to = ticket.customer;
  await recordNote(job, ticket, to, `Not sent: ${job.kind}`, `The automatic ${job.kind} was not sent: ${to.address} is suppressed (${reason}).`, `suppressed:${job.kind}`, deps);
  return { status: 'skipped', reason: `suppressed:${reason}` };
}

async function publishAlert(job: AlertJob, { subject, text }: Content, deps: MailerDeps): Promise<SendOutcome> {
  let messageId: string;
  try {
    ({ messageId } = await deps.alerts.publish({ subject, text, attributes: { alert: job.alert, ticketId: job.ticketId } }));
  } catch (error) {
    await deps.ledger.release(job); // as for mail: the retry may take it at once
    throw error;
  }
  await recordNote(job, undefined, { address: 'alerts' }, subject, text, `alert:${job.alert}`, deps);
  return { status: 'sent', messageId };
}

/** An outbound entry on the ticket's thread that is not customer mail (alerts, failures, suppressions); marks the job done. */
async function recordNote(
  job: OutboundJob,
  ticket: Ticket | undefined,
  to: { address: string },
  subject: string,
  text: string,
  kind: ThreadMessageKind,
  deps: MailerDeps,
): Promise<void> {
  await deps.ledger.complete(job, {
    schemaVersion: 1,
    ticketId: job.ticketId,
    direction: 'outbound',
    messageKey: job.jobId,
    at: deps.clock.now().toISOString(),
    from: { address: ticket?.supportAddress ?? 'alerts' },
    to: [to],
    subject,
    text,
    kind,
  });
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}
