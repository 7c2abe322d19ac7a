import type { Address } from '../domain/ticket.ts';

export interface AttachmentInfo {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** What the pipeline knows about one email after parsing; no raw bytes. */
export interface ParsedMessage {
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly from: Address;
  readonly replyTo?: Address;
  readonly to: readonly Address[];
  readonly subject: string;
  readonly date?: Date;
  /** The whole plain-text body (HTML converted when there is no text part). */
  readonly text: string;
  /** What the customer wrote in this message: quoted history and signature removed. */
  readonly newText: string;
  readonly attachments: readonly AttachmentInfo[];
  /** Lower-cased header names to their (first) raw value, for the automation guard. */
  readonly headers: ReadonlyMap<string, string>;
}
