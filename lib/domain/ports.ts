import type { OutboundJob } from './outbound-job.ts';
import type { Category, RawMailRef, ThreadMessage, Ticket, TicketStatus } from './ticket.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface RawMailStore {
  /** Throws NotFoundError when the object is gone. */
  load(ref: RawMailRef): Promise<Buffer>;
}

/** The record that makes a delivery idempotent: one per SES receipt. */
export interface Delivery {
  readonly deliveryKey: string;
  readonly ticketId: string;
  readonly acknowledgementQueued: boolean;
}

export type CreateTicketResult = { readonly created: true } | { readonly created: false; readonly existing: Delivery };

export type OutboundClaim = 'claimed' | 'already-sent' | 'in-progress';

export interface TicketStore {
  findDelivery(deliveryKey: string): Promise<Delivery | undefined>;
  /** Allocates the next human ticket number (`T-10001`, …). */
  nextTicketId(): Promise<string>;
  /** Writes ticket, first message and delivery record together, or nothing when the delivery was already recorded. */
  createTicket(input: { ticket: Ticket; message: ThreadMessage; deliveryKey: string }): Promise<CreateTicketResult>;
  markAcknowledgementQueued(deliveryKey: string): Promise<void>;
  getTicket(ticketId: string): Promise<Ticket | undefined>;
  getThread(ticketId: string): Promise<ThreadMessage[]>;
  /** Tickets of one queue, most urgent (earliest first-response due time) first. */
  listQueue(category: Category, status: TicketStatus): Promise<Ticket[]>;
  /** Conditional on `expectedVersion`; throws ConflictError when the ticket changed meanwhile. */
  updateStatus(ticketId: string, status: TicketStatus, expectedVersion: number, at: Date): Promise<Ticket>;
  claimOutboundJob(jobId: string, at: Date): Promise<OutboundClaim>;
  /** Records a sent message on its ticket and marks the job done. */
  recordOutbound(jobId: string, message: ThreadMessage): Promise<void>;
}

export interface OutboundQueue {
  enqueue(job: OutboundJob): Promise<void>;
}

export interface MailSender {
  /** Returns the Message-ID the provider assigned (SES replaces ours). */
  sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<{ messageId: string }>;
}
