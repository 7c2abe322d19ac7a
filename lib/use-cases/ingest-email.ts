import { createHash } from 'node:crypto';
import type { Classifier } from '../classify/classifier.ts';
import { classifyWithSecondOpinion, type SecondOpinion } from '../classify/second-opinion.ts';
import { autoReplyBlocker } from '../domain/auto-reply-guard.ts';
import { MalformedMailError } from '../domain/errors.ts';
import type { InboundDelivery } from '../domain/inbound-delivery.ts';
import type { MessageRef } from '../domain/outbound-job.ts';
import type { AlertPublisher, Clock, DeliveryLog, OutboundQueue, RawMailStore, SuppressionStore, TicketRepository } from '../domain/ports.ts';
import { type AutoReplyPolicy, isParticipant, replyFromAddress, takeAutoMailAllowance } from '../domain/reply-policy.ts';
import { cutAt, wellFormed } from '../domain/safe-text.ts';
import { senderVerified } from '../domain/sender-trust.ts';
import type { SlaConfig } from '../domain/sla/sla-config.ts';
import { normaliseMessageId, type ThreadingKeys, threadingKeys } from '../domain/threading.ts';
import { type Address, type Category, joinParticipants, type Locale, MAX_REFERENCES, type ThreadMessage, type Ticket } from '../domain/ticket.ts';
import { owedOnReceipt, receive, transition } from '../domain/ticket-lifecycle.ts';
import { MAX_ADDRESS_CHARS, parseMail } from '../mail/parse-mail.ts';
import type { ParsedMessage } from '../mail/parsed-message.ts';

export interface IngestDeps {
  readonly rawMail: RawMailStore;
  readonly tickets: TicketRepository;
  readonly deliveries: DeliveryLog;
  readonly suppressions: SuppressionStore;
  readonly outbound: OutboundQueue;
  /** Where mail that cannot become a ticket is reported (an empty message), so nothing is lost silently. */
  readonly alerts: AlertPublisher;
  readonly clock: Clock;
  readonly classifier: Classifier;
  /** Asked about mail the classifier leaves for review, when the admin enabled it. */
  readonly secondOpinion?: SecondOpinion;
  readonly defaultLocale: Locale;
  readonly policy: AutoReplyPolicy;
  readonly sla: SlaConfig;
  /** The support addresses, the default first. */
  readonly supportAddresses: readonly string[];
}

export type IngestOutcome =
  | { readonly status: 'created'; readonly ticketId: string; readonly category: Category; readonly acknowledged: boolean; readonly reason?: string }
  | { readonly status: 'threaded'; readonly ticketId: string }
  | { readonly status: 'duplicate'; readonly ticketId?: string }
  | { readonly status: 'recorded'; readonly reason: string };

/**
 * One received email → a new ticket (with an acknowledgement when one may go
 * out), a message on an existing ticket, or a recorded delivery (bounces,
 * unthreaded out-of-office replies). Idempotent: the receipt id and a
 * content key make every redelivery, resend and concurrent duplicate a no-op.
 */
export async function ingestEmail(delivery: InboundDelivery, deps: IngestDeps): Promise<IngestOutcome> {
  const { deliveryKey } = delivery;
  const seen = await deps.deliveries.find(deliveryKey);
  if (seen && seen.outcome !== 'ticket-created') return duplicate(seen.ticketId);
  if (seen?.ticketId) {
    // This delivery opened a ticket: queue what the ticket owes again (an attempt may have died before it did; the
    // jobs' ids are fixed per ticket, so the mailer sends each once). If the ticket itself is not there yet, the
    // attempt died before writing it: go on, and the intake claim gives this attempt the same number.
    const ticket = await deps.tickets.getTicket(seen.ticketId);
    if (ticket) return acknowledge(ticket, messageRefOf(delivery), deps);
  }
  const raw = await deps.rawMail.load(delivery.raw);
  let parsed: ParsedMessage;
  try {
    parsed = await parseMail(raw);
  } catch (error) {
    // Mail SES accepted but no parser can read (empty, thousands of parts, a megabyte of headers) is never dropped.
    if (error instanceof MalformedMailError) return unreadable(delivery, raw, error.message, deps);
    throw error;
  }
  const now = deps.clock.now();
  const sender = senderOf(parsed, delivery);

  // Bounces and feedback reports never open a ticket; a bounce about mail we sent feeds the suppression list.
  if (parsed.automation.kind === 'bounce' || parsed.automation.kind === 'feedback-report') {
    const until = new Date(now.getTime() + deps.policy.bounceSuppressionDays * 86_400_000);
    // Anyone can write "MAILER-DAEMON": only the recipients of a message we sent, which the bounce names, are suppressed.
    const ours = await sentMessagesReferredTo(parsed, deps.tickets);
    const failed = parsed.automation.failedRecipients.filter((a) => ours.recipients.has(a.toLowerCase()));
    for (const address of failed) await deps.suppressions.suppress(address, until, `bounced:${deliveryKey}`);
    const unproven = parsed.automation.failedRecipients.length - failed.length;
    const reason = `${parsed.automation.kind}:${parsed.automation.reason}${unproven > 0 ? `:${unproven}-not-sent-by-us-ignored` : ''}`;
    await deps.deliveries.record({ deliveryKey, outcome: parsed.automation.kind, reason });
    return { status: 'recorded', reason };
  }

  const recipients = [...delivery.recipients, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  const keys = threadingKeys(parsed.subject, recipients, parsed.inReplyTo, parsed.references);
  const verified = senderVerified(delivery.verdicts);
  // Forged mail must not join someone else's ticket: unverified mail opens a linked, flagged ticket instead.
  const thread = await findThread(keys, verified ? sender?.address : undefined, deps.tickets);
  const contentKey = contentKeyOf(parsed, sender?.address);
  const quarantined = delivery.verdicts.virus === 'FAIL';
  const message = await inboundMessage(parsed, sender, delivery, quarantined, deps, thread.ticket?.ticketId);

  // An earlier attempt of this delivery began a new ticket (its record or claim is there): finish that one, even if
  // the message would thread now.
  const resuming = seen?.outcome === 'ticket-created';
  if (thread.ticket && !resuming) {
    const ticket = thread.ticket;
    // Machine mail (an out-of-office) is recorded on the ticket but changes nothing.
    const replied =
      parsed.automation.kind === 'human'
        ? transition(ticket, { type: 'customer-reply', at: now, participants: participantsOf([], parsed, ownAddresses(delivery, deps)) }, deps.sla)
        : undefined;
    const result = await deps.tickets.appendMessage({
      message: { ...message, ticketId: ticket.ticketId },
      deliveryKey,
      contentKey,
      expectedVersion: ticket.version,
      timers: replied?.timers ?? [],
      ...(replied ? { next: replied.ticket, audit: replied.audit } : {}),
    });
    if (result.written) return { status: 'threaded', ticketId: ticket.ticketId };
    if (!result.ownClaim) return duplicate(result.duplicateOf.ticketId);
  }
  if (parsed.automation.kind === 'auto-reply') {
    const reason = `auto-reply-unthreaded:${parsed.automation.reason}`;
    await deps.deliveries.record({ deliveryKey, outcome: 'auto-reply-unthreaded', reason });
    return { status: 'recorded', reason };
  }

  // The content is claimed before anything else is written: a copy under another receipt id stops here, and
  // a retry of this delivery gets the same ticket number and creation time, so it writes the same items.
  const claim = await deps.tickets.claimIntake({ message, deliveryKey, contentKey, createdAt: now.toISOString() });
  if (!claim.claimed) return duplicate(claim.duplicateOf.ticketId);
  const { ticketId } = claim;
  const createdAt = new Date(claim.createdAt);
  const draft = await newTicket(ticketId, createdAt, parsed, sender, delivery, { relatedTicketId: thread.untrustedTicketId, verified }, quarantined, contentKey, deps);
  const opened = receive(draft, new Date(delivery.receivedAt), messageRefOf(delivery), deps.sla);
  return open(opened, { ...message, ticketId }, { deliveryKey, contentKey }, messageRefOf(delivery), deps);
}

function duplicate(ticketId: string | undefined): IngestOutcome {
  return { status: 'duplicate', ...(ticketId ? { ticketId } : {}) };
}

/**
 * Writes a claimed ticket and queues what it owes. When an earlier attempt of the same delivery wrote the
 * ticket already (it failed after that), what is owed comes from the ticket as it was stored.
 */
async function open(
  opened: ReturnType<typeof receive>,
  message: ThreadMessage,
  intake: { readonly deliveryKey: string; readonly contentKey: string },
  firstMessage: MessageRef,
  deps: IngestDeps,
): Promise<IngestOutcome> {
  // Searchable by subject words (plain idempotent puts; search skips an entry whose ticket is not written yet).
  await deps.tickets.indexSubject(opened.ticket);
  const result = await deps.tickets.createTicket({ ticket: opened.ticket, message, ...intake, timers: opened.timers, audit: opened.audit });
  const ticket = result.written ? opened.ticket : await deps.tickets.getTicket(opened.ticket.ticketId);
  if (!ticket) throw new Error(`Ticket ${opened.ticket.ticketId} was neither written nor found`);
  return acknowledge(ticket, firstMessage, deps);
}

/**
 * Mail that cannot be parsed: with a sender and any content, a ticket that
 * says why and where the raw mail is (no automatic reply: we do not know
 * what it says); an empty message, a delivery record with the reason and
 * an alert. Either way it is recorded, never left to die in the DLQ.
 */
async function unreadable(delivery: InboundDelivery, raw: Buffer, reason: string, deps: IngestDeps): Promise<IngestOutcome> {
  const { deliveryKey } = delivery;
  const where = `s3://${delivery.raw.bucket}/${delivery.raw.key}`;
  const head = rawHeaders(raw);
  const sender = head.from ?? delivery.envelopeSender.replace(/^<|>$/g, '').toLowerCase();
  if (raw.toString('latin1', 0, Math.min(raw.length, 65_536)).trim() === '' || !sender.includes('@')) {
    const why = `unreadable:${reason}`;
    await deps.alerts.publish({
      subject: 'Inbox Triage: unreadable inbound mail',
      text: `Inbound mail ${deliveryKey} could not be read (${reason}) and opened no ticket. The raw mail is kept at ${where}.`,
      attributes: { alert: 'unreadable-mail' },
    });
    await deps.deliveries.record({ deliveryKey, outcome: 'rejected', reason: why });
    return { status: 'recorded', reason: why };
  }
  const contentKey = `unreadable#${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
  const subject = head.subject ?? '';
  const note = `This message could not be read in full (${reason}); what is shown is bounded. The raw mail is kept at ${where}.`;
  const classification = {
    category: 'routine' as const,
    confidence: 0,
    language: 'other' as const,
    needsReview: true,
    scores: { threat: 0, rude: 0, complaint: 0, routine: 0 },
    signals: [],
  };
  const message: ThreadMessage = {
    schemaVersion: 1,
    ticketId: '',
    direction: 'inbound',
    messageKey: deliveryKey,
    at: delivery.receivedAt,
    from: { address: sender },
    to: [],
    subject,
    text: `[${note}]`,
    notes: [note],
    raw: delivery.raw,
  };
  const claim = await deps.tickets.claimIntake({ message, deliveryKey, contentKey, createdAt: deps.clock.now().toISOString() });
  if (!claim.claimed) return duplicate(claim.duplicateOf.ticketId);
  const { ticketId, createdAt } = claim;
  const draft = {
    schemaVersion: 1 as const,
    ticketId,
    status: 'open' as const,
    category: 'routine' as const,
    classification,
    customer: { address: sender },
    supportAddress: replyFromAddress(delivery.recipients, deps.supportAddresses),
    subject,
    locale: deps.defaultLocale,
    createdAt,
    updatedAt: createdAt,
    autoReplySuppressed: `autoreply-suppressed:unreadable:${cutAt(reason, 200)}`,
    participants: [],
    ...(senderVerified(delivery.verdicts) ? {} : { unverified: true }),
    reopenedCount: 0,
  };
  const opened = receive(draft, new Date(delivery.receivedAt), messageRefOf(delivery), deps.sla);
  return open(opened, { ...message, ticketId }, { deliveryKey, contentKey }, messageRefOf(delivery), deps);
}

/** From and Subject read straight from the first bytes of raw mail, bounded: enough to name a ticket when parsing failed. */
function rawHeaders(raw: Buffer): { from?: string; subject?: string } {
  const text = raw.toString('utf8', 0, Math.min(raw.length, 65_536));
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \t]*(.*)$`, 'im').exec(block)?.[1];
  const from = header('From')
    ?.match(/[^\s<>"',;]+@[^\s<>"',;]+/)?.[0]
    ?.toLowerCase();
  const subject = header('Subject');
  return {
    // Too long to answer, and to key the customer's history by: the envelope sender stands in.
    ...(from && from.length <= MAX_ADDRESS_CHARS ? { from: wellFormed(from) } : {}),
    ...(subject
      ? {
          subject: cutAt(
            wellFormed(subject)
              .replace(/[\u0000-\u001f\u007f]+/g, ' ')
              .trim(),
            200,
          ),
        }
      : {}),
  };
}

/** Message-IDs a bounce may name the message it returns by: its threading headers, the returned headers and its text. */
const MESSAGE_ID_IN_TEXT = /<([^<>\s@]{1,200}@[^<>\s@]{1,200})>/g;
const MAX_BOUNCE_REFERENCES = 20;

/**
 * The messages we sent that a bounce refers to (by the Message-ID SES gave
 * them or our own header id), and who they were sent to. Inbound messages
 * do not count: a forger may know those.
 */
async function sentMessagesReferredTo(parsed: ParsedMessage, tickets: TicketRepository): Promise<{ recipients: Set<string> }> {
  const returned = parsed.attachments.filter((a) => /^(?:message\/rfc822|text\/rfc822-headers|message\/delivery-status)/.test(a.contentType));
  const texts = [parsed.text.slice(0, 50_000), ...returned.map((a) => a.content.toString('utf8', 0, Math.min(a.content.length, 50_000)))];
  const ids = [parsed.inReplyTo, ...parsed.references, ...texts.flatMap((t) => [...t.matchAll(MESSAGE_ID_IN_TEXT)].map((m) => m[0]))].filter((id): id is string => Boolean(id));
  const wanted = [...new Set(ids.map(normaliseMessageId))].slice(0, MAX_BOUNCE_REFERENCES);
  const recipients = new Set<string>();
  for (const id of wanted) {
    for (const ticketId of (await tickets.findTicketsByMessageId(id)).slice(0, 3)) {
      for (const m of await tickets.getThread(ticketId)) {
        const sentAs = [m.messageId, m.headerMessageId].filter((x): x is string => Boolean(x)).map(normaliseMessageId);
        if (m.direction === 'outbound' && sentAs.includes(id)) for (const to of m.to) recipients.add(to.address.toLowerCase());
      }
    }
  }
  return { recipients };
}

async function newTicket(
  ticketId: string,
  createdAt: Date,
  parsed: ParsedMessage,
  sender: Address | undefined,
  delivery: InboundDelivery,
  trust: { readonly relatedTicketId: string | undefined; readonly verified: boolean },
  quarantined: boolean,
  contentKey: string,
  deps: IngestDeps,
): Promise<Parameters<typeof receive>[0]> {
  const { relatedTicketId, verified } = trust;
  // Quarantined mail, mail SES judged spam and mail from unverified senders are not worth a paid second opinion
  // (nor a way for a forger to spend the month's budget).
  const consulted = quarantined || delivery.verdicts.spam === 'FAIL' || !verified ? undefined : deps.secondOpinion;
  const classification = await classifyWithSecondOpinion(deps.classifier, consulted, {
    subject: parsed.subject,
    body: quarantined ? '' : parsed.newText,
  });
  // Unverified mail that names another ticket may be a forgery aimed at it: no automatic mail to the address it claims.
  const suppressed = !verified && relatedTicketId ? 'unverified-sender-names-another-ticket' : await autoReplySuppression(parsed, sender, delivery, contentKey, createdAt, deps);
  // Flags agents set on this customer before (rude, threat, VIP) travel with their new tickets; a forged sender gets none of them.
  const profile = sender && verified ? await deps.tickets.getCustomer(sender.address) : undefined;
  const flagged = profile && Object.values(profile.flags).some(Boolean) ? { customerFlags: profile.flags } : {};
  return {
    schemaVersion: 1,
    ticketId,
    status: quarantined ? 'quarantined' : delivery.verdicts.spam === 'FAIL' ? 'spam' : 'open',
    category: classification.category,
    classification,
    customer: sender ?? { address: delivery.envelopeSender || 'unknown' },
    ...(parsed.senderTimeZone ? { customerTimeZone: parsed.senderTimeZone } : {}),
    // The support address it was written to, or the default one: never another address of a domain we receive for.
    supportAddress: replyFromAddress(delivery.recipients, deps.supportAddresses),
    subject: parsed.subject,
    locale: localeFor(classification.language, deps.defaultLocale),
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    ...(suppressed ? { autoReplySuppressed: `autoreply-suppressed:${suppressed}` } : {}),
    // Nobody joins a ticket on the word of unverified mail: its To and Cc are not participants.
    participants: verified ? participantsOf(sender ? [sender.address] : [], parsed, ownAddresses(delivery, deps)) : [],
    ...(relatedTicketId ? { relatedTicketId } : {}),
    ...(verified ? {} : { unverified: true }),
    ...flagged,
    reopenedCount: 0,
  };
}

/**
 * Static reasons first, then the suppression list, then the per-address allowance (which this call uses up),
 * counted at the ticket's creation time: a retry of the delivery finds the use it made in the same window.
 */
async function autoReplySuppression(
  parsed: ParsedMessage,
  sender: Address | undefined,
  delivery: InboundDelivery,
  contentKey: string,
  now: Date,
  deps: IngestDeps,
): Promise<string | undefined> {
  const blocker = autoReplyBlocker(parsed.automation, sender?.address, delivery.verdicts, ownAddresses(delivery, deps));
  if (blocker || !sender) return blocker ?? 'no-sender';
  const suppressed = await deps.suppressions.suppressedReason(sender.address, now);
  if (suppressed) return `address-suppressed:${suppressed}`;
  // Keyed on the content: ten copies of one message racing to open its ticket spend one reply, not ten.
  return takeAutoMailAllowance(deps.suppressions, sender.address, now, deps.policy, contentKey);
}

/**
 * Queues what a new ticket owes (threat alert, first reply). Runs again on
 * every redelivery of the delivery that opened it, so a failure after the
 * ticket was written loses nothing; the jobs' ids are fixed per ticket, so
 * the mailer sends each one once however often it is queued.
 */
async function acknowledge(ticket: Ticket, firstMessage: MessageRef, deps: IngestDeps): Promise<IngestOutcome> {
  for (const job of owedOnReceipt(ticket, firstMessage)) await deps.outbound.enqueue(job);
  const answered = !ticket.autoReplySuppressed && ticket.status === 'open';
  return {
    status: 'created',
    ticketId: ticket.ticketId,
    category: ticket.category,
    acknowledged: answered,
    ...(ticket.autoReplySuppressed ? { reason: ticket.autoReplySuppressed } : {}),
  };
}

/**
 * Ticket tokens (plus-address, then subject), then Message-IDs; only a participant may join an existing
 * ticket, and only with a verified sender (without one, `sender` is undefined and nothing joins).
 */
async function findThread(keys: ThreadingKeys, sender: string | undefined, tickets: TicketRepository): Promise<{ ticket?: Ticket; untrustedTicketId?: string }> {
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
  delivery: InboundDelivery,
  quarantined: boolean,
  deps: IngestDeps,
  ticketId = '',
): Promise<ThreadMessage> {
  const { raw } = delivery;
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
    messageKey: delivery.deliveryKey,
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    at: delivery.receivedAt,
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
function messageRefOf(delivery: InboundDelivery): MessageRef {
  return { at: delivery.receivedAt, messageKey: delivery.deliveryKey };
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
function senderOf(parsed: ParsedMessage, delivery: InboundDelivery): Address | undefined {
  if (parsed.from?.address.includes('@')) return parsed.from;
  const source = delivery.envelopeSender.replace(/^<|>$/g, '').toLowerCase();
  return source.includes('@') ? { address: source } : parsed.from;
}

/**
 * Our addresses: every configured support address, and whatever this mail was delivered to (an address SES
 * receives for, configured or not). Mail from one of them gets no automatic reply: it would be mail to ourselves.
 */
function ownAddresses(delivery: InboundDelivery, deps: Pick<IngestDeps, 'supportAddresses'>): string[] {
  return [...deps.supportAddresses, ...delivery.recipients];
}

/** The customer plus everyone else on To/Cc, but never our own support addresses. */
function participantsOf(existing: readonly string[], parsed: ParsedMessage, ownAddresses: readonly string[]): string[] {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase().replace(/\+[^@]*@/, '@')));
  const all = [...existing, ...(parsed.from ? [parsed.from.address] : []), ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  return joinParticipants(
    [],
    all.map((a) => a.toLowerCase()).filter((a) => a.includes('@') && !own.has(a.replace(/\+[^@]*@/, '@'))),
  );
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
