import { createHash } from 'node:crypto';
import type { Classifier } from '../classify/classifier.ts';
import { autoReplyBlocker } from '../domain/auto-reply-guard.ts';
import type { Clock, OutboundQueue, RawMailStore, SuppressionStore, TicketStore } from '../domain/ports.ts';
import { type AutoReplyPolicy, applyCustomerReply, isParticipant } from '../domain/reply-policy.ts';
import type { SesReceivedNotification } from '../domain/ses-notification.ts';
import { type ThreadingKeys, threadingKeys } from '../domain/threading.ts';
import type { MessageRef } from '../domain/outbound-job.ts';
import { type Address, type Category, type Locale, MAX_REFERENCES, type RawMailRef, type ThreadMessage, type Ticket } from '../domain/ticket.ts';
import { parseMail } from '../mail/parse-mail.ts';
import { cutAt } from '../domain/safe-text.ts';
import { initialPriority, onCustomerReply, startClocks, timersFor } from '../sla/sla-clock.ts';
import type { SlaConfig } from '../sla/sla-config.ts';
import { alertJob, customerJob } from '../sla/sla-jobs.ts';
import type { ParsedMessage } from '../mail/parsed-message.ts';

export interface IngestDeps {
  readonly rawMail: RawMailStore;
  readonly tickets: TicketStore;
  readonly suppressions: SuppressionStore;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly classifier: Classifier;
  readonly defaultLocale: Locale;
  readonly policy: AutoReplyPolicy;
  readonly sla: SlaConfig;
}

export type IngestOutcome =
  | { readonly status: 'created'; readonly ticketId: string; readonly category: Category; readonly acknowledged: boolean; readonly reason?: string }
  | { readonly status: 'threaded'; readonly ticketId: string }
  | { readonly status: 'duplicate'; readonly ticketId?: string }
  | { readonly status: 'recorded'; readonly reason: string };

/**
 * One received email → a new ticket (with an acknowledgement when one may go
 * out), a message on an existing ticket, or a recorded delivery (bounces,
 * unthreaded out-of-office replies). Idempotent: the SES receipt id and a
 * content key make every redelivery, resend and concurrent duplicate a no-op.
 */
export async function ingestEmail(notification: SesReceivedNotification, deps: IngestDeps): Promise<IngestOutcome> {
  const deliveryKey = notification.mail.messageId;
  const seen = await deps.tickets.findDelivery(deliveryKey);
  if (seen && (seen.acknowledgementQueued || seen.outcome !== 'ticket-created')) {
    return { status: 'duplicate', ...(seen.ticketId ? { ticketId: seen.ticketId } : {}) };
  }
  const { receipt } = notification;
  const rawRef: RawMailRef = { bucket: receipt.action.bucketName, key: receipt.action.objectKey };
  const parsed = await parseMail(await deps.rawMail.load(rawRef));
  const now = deps.clock.now();
  const sender = senderOf(parsed, notification);

  if (seen?.ticketId) {
    // The ticket was written but the acknowledgement step did not finish: finish it.
    const ticket = await deps.tickets.getTicket(seen.ticketId);
    if (ticket) return acknowledge(ticket, messageRefOf(notification), deps);
  }

  // Bounces and feedback reports never open a ticket; they feed the suppression list.
  if (parsed.automation.kind === 'bounce' || parsed.automation.kind === 'feedback-report') {
    const until = new Date(now.getTime() + deps.policy.bounceSuppressionDays * 86_400_000);
    for (const address of parsed.automation.failedRecipients) await deps.suppressions.suppress(address, until, `bounced:${deliveryKey}`);
    const reason = `${parsed.automation.kind}:${parsed.automation.reason}`;
    await deps.tickets.recordDelivery({ deliveryKey, outcome: parsed.automation.kind, reason, acknowledgementQueued: true });
    return { status: 'recorded', reason };
  }

  const recipients = [...receipt.recipients, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  const keys = threadingKeys(parsed.subject, recipients, parsed.inReplyTo, parsed.references);
  const thread = await findThread(keys, sender?.address, deps.tickets);
  const contentKey = contentKeyOf(parsed, sender?.address);
  const quarantined = receipt.virusVerdict?.status === 'FAIL';
  const message = await inboundMessage(parsed, sender, rawRef, deliveryKey, notification, quarantined, deps, thread.ticket?.ticketId);

  if (thread.ticket) {
    const ticket = thread.ticket;
    const human = parsed.automation.kind === 'human';
    // Machine mail (an out-of-office) is recorded on the ticket but changes nothing.
    const replied = human ? applyCustomerReply({ ...ticket, participants: participantsOf(ticket.participants, parsed, receipt.recipients) }, now) : undefined;
    const next = replied && ticket.sla ? { ...replied, sla: onCustomerReply(ticket.sla, now, ticket.category, deps.sla) } : replied;
    const timers = next?.sla ? timersFor(next.sla, next.status, deps.sla) : [];
    const result = await deps.tickets.appendMessage({ message: { ...message, ticketId: ticket.ticketId }, deliveryKey, contentKey, ...(next ? { next } : {}), expectedVersion: ticket.version, timers });
    if (!result.written) return { status: 'duplicate', ...(result.duplicateOf.ticketId ? { ticketId: result.duplicateOf.ticketId } : {}) };
    await deps.tickets.markAcknowledgementQueued(deliveryKey); // follow-ups get no automatic reply
    return { status: 'threaded', ticketId: ticket.ticketId };
  }
  if (parsed.automation.kind === 'auto-reply') {
    const reason = `auto-reply-unthreaded:${parsed.automation.reason}`;
    await deps.tickets.recordDelivery({ deliveryKey, outcome: 'auto-reply-unthreaded', reason, acknowledgementQueued: true });
    return { status: 'recorded', reason };
  }

  const ticketId = await deps.tickets.nextTicketId();
  const ticket = await newTicket(ticketId, parsed, sender, notification, thread.untrustedTicketId, quarantined, deps);
  const timers = ticket.sla ? timersFor(ticket.sla, ticket.status, deps.sla) : [];
  const result = await deps.tickets.createTicket({ ticket, message: { ...message, ticketId }, deliveryKey, contentKey, timers });
  if (!result.written) return { status: 'duplicate', ...(result.duplicateOf.ticketId ? { ticketId: result.duplicateOf.ticketId } : {}) };
  return acknowledge(ticket, messageRefOf(notification), deps);
}

async function newTicket(
  ticketId: string,
  parsed: ParsedMessage,
  sender: Address | undefined,
  notification: SesReceivedNotification,
  relatedTicketId: string | undefined,
  quarantined: boolean,
  deps: IngestDeps,
): Promise<Ticket> {
  const { receipt } = notification;
  const now = deps.clock.now();
  const classification = deps.classifier.classify({ subject: parsed.subject, body: quarantined ? '' : parsed.newText });
  const suppressed = await autoReplySuppression(parsed, sender, notification, deps);
  const status = quarantined ? 'quarantined' : receipt.spamVerdict?.status === 'FAIL' ? 'spam' : 'open';
  // Spam and quarantined mail owe nobody an answer: no clocks.
  const receivedAt = new Date(receipt.timestamp);
  const sla = status === 'open' ? startClocks(classification.category, receivedAt, deps.sla, initialPriority(classification, false, 0)) : undefined;
  const policy = deps.sla.policies[classification.category];
  const dueAt = sla?.response?.dueAt ?? receivedAt.toISOString();
  return {
    schemaVersion: 1,
    ticketId,
    status,
    category: classification.category,
    classification,
    customer: sender ?? { address: notification.mail.source || 'unknown' },
    ...(parsed.senderTimeZone ? { customerTimeZone: parsed.senderTimeZone } : {}),
    supportAddress: (receipt.recipients[0] ?? '').toLowerCase(),
    subject: parsed.subject,
    locale: localeFor(classification.language, deps.defaultLocale),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    firstResponseDueAt: dueAt,
    slaReasons: sla
      ? [`first response within ${policy.firstResponseMinutes} min ${policy.businessHours ? `of business hours (${deps.sla.calendar.timeZone})` : 'around the clock'} for ${classification.category}`]
      : [`no SLA: ${status}`],
    ...(sla ? { sla } : {}),
    ...(suppressed ? { autoReplySuppressed: `autoreply-suppressed:${suppressed}` } : {}),
    participants: participantsOf(sender ? [sender.address] : [], parsed, receipt.recipients),
    ...(relatedTicketId ? { relatedTicketId } : {}),
    ...(receipt.dmarcVerdict?.status === 'FAIL' ? { unverified: true } : {}),
    reopenedCount: 0,
    version: 1,
  };
}

/** Static reasons first, then the suppression list, then the per-address allowance (which this call uses up). */
async function autoReplySuppression(parsed: ParsedMessage, sender: Address | undefined, notification: SesReceivedNotification, deps: IngestDeps): Promise<string | undefined> {
  const blocker = autoReplyBlocker(parsed.automation, sender?.address, notification.receipt, notification.receipt.recipients);
  if (blocker || !sender) return blocker ?? 'no-sender';
  const now = deps.clock.now();
  const suppressed = await deps.suppressions.suppressedReason(sender.address, now);
  if (suppressed) return `address-suppressed:${suppressed}`;
  const allowed = await deps.suppressions.takeAutoReplyAllowance(sender.address, now, deps.policy.maxPerRecipient, deps.policy.windowMinutes);
  return allowed ? undefined : `rate-limit:${deps.policy.maxPerRecipient}-per-${deps.policy.windowMinutes}min`;
}

/**
 * Queues what a new ticket owes: the threat alert and the first reply. Runs
 * again on every redelivery until the delivery record says it finished, so a
 * failure after the ticket was written loses nothing; the jobs' ids are fixed
 * per ticket, so the mailer sends each one once however often it is queued.
 */
async function acknowledge(ticket: Ticket, firstMessage: MessageRef, deps: IngestDeps): Promise<IngestOutcome> {
  const deliveryKey = firstMessage.messageKey;
  // Threats are reported to the responsible people at once, whatever happens to the customer's reply.
  if (ticket.category === 'threat' && ticket.status === 'open') {
    await deps.outbound.enqueue(alertJob(ticket, 'threat', ticket.sla?.epoch, 'threat'));
  }
  if (ticket.autoReplySuppressed) {
    await deps.tickets.markAcknowledgementQueued(deliveryKey);
    return { status: 'created', ticketId: ticket.ticketId, category: ticket.category, acknowledged: false, reason: ticket.autoReplySuppressed };
  }
  // The first reply fits the message: an apology for a complaint, a polite boundary for rudeness,
  // a calm hand-over for a threat. No clock epoch: it goes out even if the customer writes again first.
  // The job only points at the ticket's first message; the mailer reads what it needs from there.
  await deps.outbound.enqueue(customerJob(ticket, FIRST_REPLY[ticket.category], 'ack', { replyTo: firstMessage }));
  await deps.tickets.markAcknowledgementQueued(deliveryKey);
  return { status: 'created', ticketId: ticket.ticketId, category: ticket.category, acknowledged: true };
}

/** Ticket tokens (plus-address, then subject), then Message-IDs; only a participant may join an existing ticket. */
async function findThread(keys: ThreadingKeys, sender: string | undefined, tickets: TicketStore): Promise<{ ticket?: Ticket; untrustedTicketId?: string }> {
  let untrustedTicketId: string | undefined;
  const candidates = async function* () {
    for (const id of [...keys.addressTokens, ...keys.subjectTokens]) yield id;
    for (const messageId of keys.messageIds.slice(0, 10)) for (const id of await tickets.findTicketsByMessageId(messageId)) yield id;
  };
  const tried = new Set<string>();
  for await (const ticketId of candidates()) {
    if (tried.has(ticketId)) continue;
    tried.add(ticketId);
    const ticket = await tickets.getTicket(ticketId);
    if (!ticket) continue;
    if (sender && isParticipant(ticket, sender)) return { ticket };
    untrustedTicketId ??= ticketId;
  }
  return untrustedTicketId ? { untrustedTicketId } : {};
}

async function inboundMessage(
  parsed: ParsedMessage,
  sender: Address | undefined,
  raw: RawMailRef,
  deliveryKey: string,
  notification: SesReceivedNotification,
  quarantined: boolean,
  deps: IngestDeps,
  ticketId = '',
): Promise<ThreadMessage> {
  // A virus-flagged message stays in S3 for forensics; agents see no content from it.
  const attachments = quarantined
    ? []
    : await Promise.all(
        parsed.attachments.map(async (a, i) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
          inline: a.inline,
          key: await deps.rawMail.putAttachment(raw, i, a.filename, a.contentType, a.content),
        })),
      );
  return {
    schemaVersion: 1,
    ticketId,
    direction: 'inbound',
    messageKey: deliveryKey,
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    at: messageRefOf(notification).at,
    from: sender ?? { address: 'unknown' },
    to: [...parsed.to],
    subject: parsed.subject,
    text: quarantined ? '[Quarantined: SES found a virus in this message. The original is kept; its content is not shown.]' : boundText(parsed.text),
    ...(parsed.quoted && !quarantined ? { quoted: boundText(parsed.quoted) } : {}),
    ...(quarantined || !parsed.newText ? {} : { excerpt: excerptOf(parsed.newText) }),
    ...(parsed.references.length > 0 ? { references: boundReferences(parsed.references) } : {}),
    ...(parsed.replacementCharacters > 0 ? { notes: [replacementNote(parsed.replacementCharacters)] } : {}),
    raw,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(parsed.automation.kind !== 'human' ? { automation: `${parsed.automation.kind}:${parsed.automation.reason}` } : {}),
  };
}

/** Why some characters show as �: agents should know the text differs from what was sent. */
function replacementNote(count: number): string {
  return `${count} character${count === 1 ? '' : 's'} shown as \uFFFD: bytes no charset could decode, or characters no mail or storage service can carry. The raw mail keeps the original.`;
}

/** Where an inbound message is stored: under the time SES received it and its SES id. */
function messageRefOf(notification: SesReceivedNotification): MessageRef {
  return { at: new Date(notification.receipt.timestamp).toISOString(), messageKey: notification.mail.messageId };
}

/** The first id (the thread's root) and the most recent ones: what mail clients thread by, in a bounded header. */
function boundReferences(references: readonly string[]): string[] {
  if (references.length <= MAX_REFERENCES - 1) return [...references];
  return [references[0]!, ...references.slice(-(MAX_REFERENCES - 2))];
}

/** DynamoDB items stop at 400 KB: long bodies are cut (the raw mail in S3 keeps everything). */
function boundText(text: string, max = 100_000): string {
  return text.length > max ? `${cutAt(text, max)}\n[… cut here; the full message is in the raw mail]` : text;
}

/** The From address, or the envelope sender when the message has none. */
function senderOf(parsed: ParsedMessage, notification: SesReceivedNotification): Address | undefined {
  if (parsed.from?.address.includes('@')) return parsed.from;
  const source = notification.mail.source.replace(/^<|>$/g, '').toLowerCase();
  return source.includes('@') ? { address: source } : parsed.from;
}

/** The customer plus everyone else on To/Cc, but never our own support addresses. */
function participantsOf(existing: readonly string[], parsed: ParsedMessage, ownAddresses: readonly string[]): string[] {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase().replace(/\+[^@]*@/, '@')));
  const all = [...existing, ...(parsed.from ? [parsed.from.address] : []), ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  return [...new Set(all.map((a) => a.toLowerCase()))].filter((a) => a.includes('@') && !own.has(a.replace(/\+[^@]*@/, '@')));
}

/**
 * Message-ID alone is not enough (broken senders reuse it), so the key adds
 * a hash of what the message says: the same mail resent is one message, a
 * different mail under a reused Message-ID is another.
 */
function contentKeyOf(parsed: ParsedMessage, sender: string | undefined): string {
  const hash = createHash('sha256')
    .update([sender ?? '', parsed.subject, parsed.text, parsed.attachments.map((a) => `${a.filename}:${a.size}`).join(',')].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  return `${parsed.messageId ?? 'no-message-id'}#${hash}`;
}

const FIRST_REPLY = { routine: 'acknowledgement', complaint: 'apology', rude: 'boundary', threat: 'threat-received' } as const;

/** The first sentence or so of what the customer wrote, on one line. */
function excerptOf(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = cutAt(line, max);
  const sentence = cut.search(/[.!?。！？][^.!?。！？]*$/);
  return sentence > 40 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

function localeFor(language: string, fallback: Locale): Locale {
  return language === 'zh-Hans' || language === 'zh-Hant' || language === 'en' ? language : fallback;
}
