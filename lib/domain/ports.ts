import type { AlertJob, CustomerJob, MessageRef, NoticeFacts, OutboundJob } from './outbound-job.ts';
import type { TimerKind, TimerSpec } from './sla-state.ts';
import type { Address, AuditEntry, Category, CustomerProfile, Locale, RawMailRef, Recategorisation, ThreadMessage, Ticket, TicketStatus } from './ticket.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface RawMailStore {
  /** Throws NotFoundError when the object is gone. */
  load(ref: RawMailRef): Promise<Buffer>;
  /** Keeps an attachment next to the raw mail; returns its key. */
  putAttachment(ref: RawMailRef, index: number, filename: string, contentType: string, content: Buffer): Promise<string>;
}

export const DELIVERY_OUTCOMES = ['ticket-created', 'threaded', 'duplicate', 'bounce', 'feedback-report', 'auto-reply-unthreaded', 'rejected'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * What became of one SES delivery: the why-not log. Every delivery gets one,
 * so a message that opened no ticket or got no reply says why.
 */
export interface Delivery {
  readonly deliveryKey: string;
  readonly outcome: DeliveryOutcome;
  readonly ticketId?: string;
  readonly reason?: string;
}

export type WriteResult =
  | { readonly written: true }
  /**
   * The same delivery, or the same message content, was already recorded. `ownClaim`: this very delivery
   * claimed the content for a new ticket before (an attempt died before writing it): that ticket is to be finished.
   */
  | { readonly written: false; readonly duplicateOf: { readonly ticketId?: string }; readonly ownClaim?: true };

/**
 * The claim a new ticket starts with, keyed on the message's content: `claimed` when this delivery holds it
 * (a first attempt, its retry, or a concurrent worker on the same delivery: all get the same number and
 * creation time, so they write the same items); otherwise the content belongs to another delivery.
 */
export type IntakeClaim =
  | { readonly claimed: true; readonly ticketId: string; readonly createdAt: string }
  | { readonly claimed: false; readonly duplicateOf: { readonly ticketId?: string } };

/**
 * `gave-up`: earlier attempts ended with their outcome unknown (or crashed) and
 * MAX_SEND_ATTEMPTS were made; the job must not be sent again.
 */
export type OutboundClaim = 'claimed' | 'already-sent' | 'in-progress' | 'gave-up';

/** A deadline found due by the sweeper: a ticket's next timer, as the due-time index holds it. */
export interface DueTimer {
  readonly ticketId: string;
  readonly kind: TimerKind;
  readonly dueAt: string;
  readonly epoch: number;
}

/** An inbound message with the keys that make its delivery idempotent. */
export interface InboundWrite {
  readonly message: ThreadMessage;
  /** The SES receipt id. */
  readonly deliveryKey: string;
  /** Message-ID plus a hash of what it says: the same mail resent under a new receipt id. */
  readonly contentKey: string;
}

/** Tickets and their threads. Every write is conditional on the ticket's version; a stale one throws ConflictError. */
export interface TicketRepository {
  /** Allocates the next human ticket number (`T-10001`, …). */
  nextTicketId(): Promise<string>;
  /**
   * Claims the message's content for a new ticket before anything else is written, allocating the ticket's
   * number and fixing its creation time (`createdAt` is used by the first claim only). A second delivery of
   * the same content (a resend under another receipt id, a concurrent copy) gets `claimed: false` and is
   * recorded in the delivery log as a duplicate; the same delivery again gets the same claim back.
   */
  claimIntake(input: InboundWrite & { readonly createdAt: string }): Promise<IntakeClaim>;
  /**
   * Writes a claimed ticket: the delivery record (`ticket-created`, holding the first message), then the ticket
   * with its creation's audit entry (the commit point: nothing reads a ticket's messages before the ticket
   * exists). Idempotent: every attempt of one claim writes the same items; `written: false` when the ticket is
   * there already (an earlier attempt wrote it).
   * `timers` is every timer the ticket's state needs (each write of a ticket is given the whole set): the
   * earliest is the ticket's next deadline in the due-time index.
   */
  createTicket(input: InboundWrite & { ticket: Ticket; timers: readonly TimerSpec[]; audit: AuditEntry }): Promise<WriteResult>;
  /**
   * Adds an inbound message to an existing ticket with its (finished) delivery record and content key, in one
   * transaction; `next` (when given) replaces the ticket, conditional on `expectedVersion`, with its timers.
   */
  appendMessage(input: InboundWrite & { next?: Ticket; expectedVersion: number; timers: readonly TimerSpec[]; audit?: AuditEntry }): Promise<WriteResult>;
  /**
   * Replaces the ticket (conditional on `expectedVersion`) with its next deadline, the earliest of `timers`
   * (the whole set its state needs). Throws ConflictError when the ticket changed: of two sweeps firing
   * the same timer, or an agent and a sweep, one wins.
   */
  saveTicket(input: {
    next: Ticket;
    expectedVersion: number;
    timers: readonly TimerSpec[];
    audit: AuditEntry;
    message?: ThreadMessage;
    /** The customer's profile, written in the same transaction (flagging from a ticket). */
    customer?: CustomerProfile;
    /** Classifier feedback, written in the same transaction (recategorising). */
    recategorisation?: Recategorisation;
    /**
     * Jobs the transition owes, kept in the same transaction until they are queued (an outbox): if queueing
     * fails after the save, the sweeper queues them later, so a saved reply is never a lost one.
     */
    outbox?: readonly OutboundJob[];
  }): Promise<void>;
  /** Outbox entries written before `before` and not yet cleared: jobs whose queueing may have failed. */
  pendingOutbox(before: Date, limit: number): Promise<Array<{ readonly entry: string; readonly job: OutboundJob }>>;
  /** Forgets an outbox entry once its job is queued. */
  clearOutbox(entry: string): Promise<void>;
  /** Every recategorisation, oldest first, a page at a time: the material the classifier is retrained from. */
  recategorisations(page: { limit: number; cursor?: string }): Promise<{ items: Recategorisation[]; cursor?: string }>;
  /** The customer's profile (flags), if anyone ever flagged them. */
  getCustomer(address: string): Promise<CustomerProfile | undefined>;
  /** Makes the ticket findable by the words of its subject (idempotent: a retry writes the same entries). */
  indexSubject(ticket: Ticket): Promise<void>;
  /** Tickets whose subject has every one of these words, newest first. */
  ticketsWithWords(words: readonly string[], limit: number): Promise<Ticket[]>;
  /** The customer's tickets, newest first: their history, found without scanning. */
  ticketsOfCustomer(address: string, limit: number): Promise<Ticket[]>;
  /** One page of a queue, most urgent first; `cursor` continues where the last page stopped. */
  queuePage(category: Category, status: TicketStatus, page: { limit: number; cursor?: string }): Promise<{ tickets: Ticket[]; cursor?: string }>;
  /** The ticket's audit trail, oldest first. */
  getAudit(ticketId: string): Promise<AuditEntry[]>;
  getTicket(ticketId: string): Promise<Ticket | undefined>;
  /** Tickets holding a message with this (normalised) Message-ID, most recent first; an id we made (`<t-10001.…@…>`) names its ticket first. */
  findTicketsByMessageId(messageId: string): Promise<string[]>;
  getThread(ticketId: string): Promise<ThreadMessage[]>;
  /** The ticket with its thread and audit trail (what getTicket, getThread and getAudit give), for the ticket view: the ticket read once. */
  getTicketWithHistory(ticketId: string): Promise<{ ticket: Ticket; thread: ThreadMessage[]; audit: AuditEntry[] } | undefined>;
  /** One message of a ticket's thread by where it is stored (its time and key). */
  getMessage(ticketId: string, ref: MessageRef): Promise<ThreadMessage | undefined>;
  /** Tickets of one queue, most urgent first. */
  listQueue(category: Category, status: TicketStatus): Promise<Ticket[]>;
}

/** The why-not log of deliveries. */
export interface DeliveryLog {
  find(deliveryKey: string): Promise<Delivery | undefined>;
  /**
   * The outcome of a delivery that opened or joined no ticket (a bounce, an unthreaded out-of-office …); a second
   * record for the same key is ignored. Tickets record their deliveries themselves (createTicket, appendMessage).
   */
  record(delivery: Delivery): Promise<void>;
}

/** Tickets' next SLA deadlines by due time: one entry per ticket. */
export interface TimerIndex {
  /**
   * One page of the deadlines due by `now` in one shard of the due-time index, earliest first; `cursor`
   * continues after the previous page (the index is eventually consistent: an entry may be stale).
   */
  due(shard: number, now: Date, limit: number, cursor?: string): Promise<{ timers: DueTimer[]; cursor?: string }>;
  /**
   * A deadline the ticket no longer owes (its stored next deadline is this one, but its state needs other
   * timers, e.g. after the SLA policy changed) is replaced by the earliest of `timers`; when the ticket has
   * moved on already (the index entry was stale), nothing happens.
   */
  reschedule(stale: DueTimer, timers: readonly TimerSpec[], epoch: number): Promise<void>;
  readonly shards: number;
}

/** An outbound job as the ledger knows it: its id, and the ticket whose thread records what it sent. */
export type JobRef = Pick<OutboundJob, 'jobId' | 'ticketId'>;

/** Exactly-once sending: each outbound job is claimed before it is sent and marked sent with what went out. */
export interface OutboundLedger {
  /**
   * Takes the job: a new one, or one whose last attempt's lease (OUTBOUND_LEASE_MS) ran out,
   * while fewer than MAX_SEND_ATTEMPTS attempts were made.
   */
  claim(job: JobRef, at: Date): Promise<OutboundClaim>;
  /** Gives up a claim after a failure that proves nothing was sent, so a retry can take the job at once. */
  release(job: JobRef): Promise<void>;
  /**
   * The send's outcome is unknown: the claim stays until its lease runs out, and the note goes on the
   * ticket's thread. Returns how many attempts the job has had.
   */
  keepUnknown(job: JobRef, note: ThreadMessage): Promise<number>;
  /** A note on the ticket's thread about a job (retries exhausted …) that leaves the job as it is. */
  note(message: ThreadMessage): Promise<void>;
  /** Records what was sent (or why not) on the ticket's thread and marks the job done, in one write. */
  complete(job: JobRef, message: ThreadMessage): Promise<void>;
}

/** `repeat`: this use was charged before (a copy of the same message), so it is allowed without a second charge. */
export type AllowanceResult = 'charged' | 'repeat' | 'refused';

/** Addresses that must get no automatic mail, and the per-address allowance of automatic replies. */
export interface SuppressionStore {
  suppress(address: string, until: Date, reason: string): Promise<void>;
  /** The reason, while the suppression lasts. */
  suppressedReason(address: string, at: Date): Promise<string | undefined>;
  /**
   * Takes one automatic reply from a counter's allowance for the window containing `at`; false when none is left.
   * The counter is named by `key`: a mailbox, `domain:<domain>` or `global` (see takeAutoMailAllowance).
   * `use` names what the reply is for (the message's content key, a job id): the same use counts once, so
   * concurrent copies of one message, or a retried job, cannot spend the allowance twice.
   */
  takeAutoReplyAllowance(key: string, at: Date, max: number, windowMinutes: number, use?: string): Promise<AllowanceResult>;
}

export interface OutboundQueue {
  enqueue(job: OutboundJob): Promise<void>;
}

export interface AlertPublisher {
  publish(alert: { subject: string; text: string; attributes: Record<string, string> }): Promise<{ messageId: string }>;
}

export interface MailSender {
  /** Returns the Message-ID the provider assigned (SES replaces ours). */
  sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<{ messageId: string }>;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What a customer mail says; instants are ISO strings, and writing them for a person is the renderer's job. */
export interface CustomerMailFacts {
  readonly kind: CustomerJob['kind'];
  readonly locale: Locale;
  readonly customerName?: string;
  readonly ticketId: string;
  /** The customer's subject without reply prefixes or tokens; may be empty. */
  readonly customerSubject: string;
  /** When a person will answer, as promised. */
  readonly answerBy: string;
  readonly timeZone: string;
  readonly teamName: string;
  readonly excerpt: string;
  readonly summary?: string;
}

/** What an internal notice to supervisors says. */
export interface NoticeMailFacts {
  readonly alert: AlertJob['alert'];
  readonly locale: Locale;
  readonly ticketId: string;
  readonly category: Category;
  readonly subtype?: string;
  readonly priority: number;
  readonly customer: Address;
  readonly customerSubject: string;
  readonly unverified: boolean;
  readonly clock?: NoticeFacts['clock'];
  readonly dueAt?: string;
  readonly timeZone: string;
  readonly signals: ReadonlyArray<{ readonly rule: string; readonly excerpt: string; readonly span?: { readonly start: number; readonly end: number } }>;
  readonly customerUpdated: boolean;
  readonly teamName: string;
  /** For escalations: who handed the ticket up and why. */
  readonly escalation?: { readonly by: string; readonly reason: string };
}

/** Turns facts into mail in the reader's language, with customer text escaped. */
export interface MailRenderer {
  customerMail(facts: CustomerMailFacts): RenderedMail;
  notice(facts: NoticeMailFacts): RenderedMail;
  /**
   * An agent's own words, sent as written, under "Re: " and the customer's subject (empty when it may not be
   * repeated: the renderer then says "your message" in the reader's language).
   */
  agentReply(facts: { readonly text: string; readonly customerSubject: string; readonly locale: Locale }): RenderedMail;
}

/** Short-lived links to stored attachments, for agents' browsers. */
export interface AttachmentLinks {
  linkFor(bucket: string, key: string, filename: string): Promise<string>;
}
