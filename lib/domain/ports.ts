import type { MessageRef, OutboundJob } from './outbound-job.ts';
import type { TimerKind, TimerSpec } from '../sla/sla-clock.ts';
import type { Category, RawMailRef, ThreadMessage, Ticket, TicketStatus } from './ticket.ts';

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

/**
 * What became of one SES delivery: the why-not log. Every delivery gets one,
 * so a message that opened no ticket or got no reply says why.
 */
export interface Delivery {
  readonly deliveryKey: string;
  /** `ticket-created`, `threaded`, `duplicate`, `bounce`, `auto-reply-unthreaded`, `feedback-report` … */
  readonly outcome: string;
  readonly ticketId?: string;
  readonly reason?: string;
  readonly acknowledgementQueued: boolean;
}

export type WriteResult =
  | { readonly written: true }
  /** The same delivery, or the same message content, was already recorded. */
  | { readonly written: false; readonly duplicateOf: { readonly ticketId?: string; readonly acknowledgementQueued: boolean } };

export type OutboundClaim = 'claimed' | 'already-sent' | 'in-progress';

/** A timer found due by the sweeper. */
export interface DueTimer {
  readonly ticketId: string;
  readonly kind: TimerKind;
  readonly dueAt: string;
  readonly epoch: number;
}

export interface TicketStore {
  findDelivery(deliveryKey: string): Promise<Delivery | undefined>;
  /** Allocates the next human ticket number (`T-10001`, …). */
  nextTicketId(): Promise<string>;
  /** Ticket, first message, delivery record and content key in one transaction; nothing when either key exists. */
  createTicket(input: { ticket: Ticket; message: ThreadMessage; deliveryKey: string; contentKey: string; timers?: readonly TimerSpec[] }): Promise<WriteResult>;
  /**
   * Adds a message to an existing ticket with its delivery record and content key;
   * `next` (when given) replaces the ticket, conditional on `expectedVersion`.
   */
  appendMessage(input: { message: ThreadMessage; deliveryKey: string; contentKey: string; next?: Ticket; expectedVersion: number; timers?: readonly TimerSpec[] }): Promise<WriteResult>;
  /**
   * Replaces the ticket (conditional on `expectedVersion`) and writes its timers; with `fired`,
   * also deletes that timer, conditional on its epoch and due time. Throws ConflictError when either changed.
   */
  saveTicket(input: { next: Ticket; expectedVersion: number; timers: readonly TimerSpec[]; fired?: DueTimer }): Promise<void>;
  /** Timers due by `now` in one shard of the due-time index, earliest first. */
  dueTimers(shard: number, now: Date, limit: number): Promise<DueTimer[]>;
  /** Removes a stale timer (conditional on epoch and due time; a missing timer is fine). */
  deleteTimer(timer: DueTimer): Promise<void>;
  /** A delivery that opened or joined no ticket (a bounce, an unthreaded out-of-office …). */
  recordDelivery(delivery: Delivery): Promise<void>;
  markAcknowledgementQueued(deliveryKey: string): Promise<void>;
  getTicket(ticketId: string): Promise<Ticket | undefined>;
  /** Tickets holding a message with this (normalised) Message-ID, most recent first. */
  findTicketsByMessageId(messageId: string): Promise<string[]>;
  getThread(ticketId: string): Promise<ThreadMessage[]>;
  /** One message of a ticket's thread by where it is stored (its time and key). */
  getMessage(ticketId: string, ref: MessageRef): Promise<ThreadMessage | undefined>;
  /** Tickets of one queue, most urgent (earliest first-response due time) first. */
  listQueue(category: Category, status: TicketStatus): Promise<Ticket[]>;
  /** Conditional on `expectedVersion`; throws ConflictError when the ticket changed meanwhile. */
  updateStatus(ticketId: string, status: TicketStatus, expectedVersion: number, at: Date): Promise<Ticket>;
  claimOutboundJob(jobId: string, at: Date): Promise<OutboundClaim>;
  /** Gives up a claim after a transient failure, so a retry can take the job at once. */
  releaseOutboundJob(jobId: string): Promise<void>;
  /** Records a sent message on its ticket and marks the job done. */
  recordOutbound(jobId: string, message: ThreadMessage): Promise<void>;
}

/** Addresses that must get no automatic mail, and the per-address allowance of automatic replies. */
export interface SuppressionStore {
  suppress(address: string, until: Date, reason: string): Promise<void>;
  /** The reason, while the suppression lasts. */
  suppressedReason(address: string, at: Date): Promise<string | undefined>;
  /** Takes one automatic reply from the address's allowance for the window containing `at`; false when none is left. */
  takeAutoReplyAllowance(address: string, at: Date, max: number, windowMinutes: number): Promise<boolean>;
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
