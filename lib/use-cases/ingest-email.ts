import type { Classifier } from '../classify/classifier.ts';
import { autoReplyBlocker } from '../domain/auto-reply-guard.ts';
import { acknowledgementJobId, type OutboundJob } from '../domain/outbound-job.ts';
import type { Clock, OutboundQueue, RawMailStore, TicketStore } from '../domain/ports.ts';
import type { SesReceivedNotification } from '../domain/ses-notification.ts';
import { firstResponseDeadline } from '../domain/sla-policy.ts';
import type { Locale, ThreadMessage, Ticket } from '../domain/ticket.ts';
import { parseMail } from '../mail/parse-mail.ts';

export interface IngestDeps {
  readonly rawMail: RawMailStore;
  readonly tickets: TicketStore;
  readonly outbound: OutboundQueue;
  readonly clock: Clock;
  readonly classifier: Classifier;
  readonly defaultLocale: Locale;
}

export type IngestOutcome =
  | { readonly status: 'created'; readonly ticketId: string; readonly acknowledged: boolean; readonly suppressedReason?: string }
  | { readonly status: 'duplicate'; readonly ticketId: string };

/**
 * One received email → one ticket with its first message, and one queued
 * acknowledgement. Safe to run again for the same notification: the SES
 * receipt id keys a delivery record written in the same transaction as the ticket.
 */
export async function ingestEmail(notification: SesReceivedNotification, deps: IngestDeps): Promise<IngestOutcome> {
  const deliveryKey = notification.mail.messageId;
  const seen = await deps.tickets.findDelivery(deliveryKey);
  if (seen?.acknowledgementQueued) return { status: 'duplicate', ticketId: seen.ticketId };

  const rawRef = { bucket: notification.receipt.action.bucketName, key: notification.receipt.action.objectKey };
  const parsed = await parseMail(await deps.rawMail.load(rawRef));
  const supportAddress = (notification.receipt.recipients[0] ?? '').toLowerCase();
  const blocker = autoReplyBlocker(parsed.headers, parsed.from.address, notification.receipt, notification.receipt.recipients);

  let ticketId = seen?.ticketId;
  let ticket: Ticket | undefined;
  if (!ticketId) {
    const now = deps.clock.now();
    const receivedAt = new Date(notification.receipt.timestamp);
    const classification = deps.classifier.classify({ subject: parsed.subject, body: parsed.newText });
    const deadline = firstResponseDeadline(classification.category, receivedAt);
    ticketId = await deps.tickets.nextTicketId();
    ticket = {
      schemaVersion: 1,
      ticketId,
      status: 'open',
      category: classification.category,
      classification,
      // Replies go to From, not Reply-To: a forged Reply-To must not turn us into a relay.
      customer: parsed.from,
      supportAddress,
      subject: parsed.subject,
      locale: localeFor(classification.language, deps.defaultLocale),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      firstResponseDueAt: deadline.dueAt.toISOString(),
      slaReasons: [...deadline.reasons],
      ...(blocker ? { autoReplySuppressed: `autoreply-suppressed:${blocker}` } : {}),
      version: 1,
    };
    const message: ThreadMessage = {
      schemaVersion: 1,
      ticketId,
      direction: 'inbound',
      messageKey: deliveryKey,
      ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
      at: receivedAt.toISOString(),
      from: parsed.from,
      to: [...parsed.to],
      subject: parsed.subject,
      text: parsed.text,
      raw: rawRef,
    };
    const result = await deps.tickets.createTicket({ ticket, message, deliveryKey });
    if (!result.created) {
      // A concurrent delivery of the same mail won the race; carry on with its ticket.
      if (result.existing.acknowledgementQueued) return { status: 'duplicate', ticketId: result.existing.ticketId };
      ticketId = result.existing.ticketId;
      ticket = undefined;
    }
  }

  ticket ??= await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new Error(`Ticket ${ticketId} of delivery ${deliveryKey} is missing`);
  if (ticket.autoReplySuppressed) {
    await deps.tickets.markAcknowledgementQueued(deliveryKey);
    return { status: 'created', ticketId, acknowledged: false, suppressedReason: ticket.autoReplySuppressed };
  }
  await deps.outbound.enqueue(acknowledgementJob(ticket, deliveryKey, parsed.messageId, parsed.references));
  await deps.tickets.markAcknowledgementQueued(deliveryKey);
  return { status: 'created', ticketId, acknowledged: true };
}

function acknowledgementJob(
  ticket: Ticket,
  deliveryKey: string,
  messageId: string | undefined,
  references: readonly string[],
): OutboundJob {
  return {
    schemaVersion: 1,
    jobId: acknowledgementJobId(ticket.ticketId, deliveryKey),
    kind: 'acknowledgement',
    ticketId: ticket.ticketId,
    to: ticket.customer,
    from: ticket.supportAddress,
    locale: ticket.locale,
    category: ticket.category,
    customerSubject: ticket.subject,
    firstResponseDueAt: ticket.firstResponseDueAt,
    ...(messageId ? { inReplyTo: messageId } : {}),
    references: messageId ? [...references, messageId] : [...references],
  };
}

function localeFor(language: string, fallback: Locale): Locale {
  return language === 'zh-Hans' || language === 'zh-Hant' || language === 'en' ? language : fallback;
}
