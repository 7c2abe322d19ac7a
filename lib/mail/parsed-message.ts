import type { Automation } from '../domain/automation.ts';
import type { Address } from '../domain/ticket.ts';
import type { QuoteStyle } from './quoted-text.ts';

export interface AttachmentInfo {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** Shown inline in the HTML body (an image with a Content-ID). */
  readonly inline: boolean;
}

export interface Attachment extends AttachmentInfo {
  readonly content: Buffer;
}

/** What the pipeline knows about one email after parsing. */
export interface ParsedMessage {
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Absent when the message has no usable From header; ingest falls back to the envelope sender. */
  readonly from?: Address;
  readonly replyTo?: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly subject: string;
  readonly date?: Date;
  /** The sender's zone from the Date header's offset (e.g. `Etc/GMT-8`), when it says anything. */
  readonly senderTimeZone?: string;
  /** The whole plain-text body (HTML converted when there is no text part). */
  readonly text: string;
  /** What the customer wrote in this message: quoted history and signature removed. */
  readonly newText: string;
  readonly quoted: string;
  readonly signature: string;
  readonly quoteStyle: QuoteStyle;
  readonly attachments: readonly Attachment[];
  readonly automation: Automation;
  /** Lower-cased header names to their (first) value. */
  readonly headers: ReadonlyMap<string, string>;
  /** U+FFFD characters in subject, text and the sender's name: bytes no charset could decode, or unpaired surrogates. */
  readonly replacementCharacters: number;
}
