import { tokensInAddresses, tokensInSubject, withoutTokens } from './ticket-token.ts';

/**
 * Threading keys of an inbound message: ticket tokens from the subject
 * (`[T-10001]`) and from plus-addressed recipients (`support+t-10001@…`),
 * and the Message-IDs it refers to.
 */
const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|rv|tr|r|回复|回覆|答复|答覆|转发|轉寄|转寄|转|回)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;

export interface ThreadingKeys {
  readonly subjectTokens: readonly string[];
  readonly addressTokens: readonly string[];
  readonly messageIds: readonly string[];
}

export function threadingKeys(subject: string, recipients: readonly string[], inReplyTo: string | undefined, references: readonly string[]): ThreadingKeys {
  const subjectTokens = tokensInSubject(subject);
  const addressTokens = tokensInAddresses(recipients);
  // Most recent first: In-Reply-To, then References from the end.
  const messageIds = [...new Set([inReplyTo, ...[...references].reverse()].filter((id): id is string => Boolean(id)).map(normaliseMessageId))];
  return { subjectTokens, addressTokens, messageIds };
}

/** `<ABC@host>` → `abc@host`; SES ids `<0100…@email.amazonses.com>` → the SES message id alone, which is what SendRawEmail returned. */
export function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').toLowerCase();
  const ses = /^([^@]+)@(?:[a-z0-9-]+\.)*amazonses\.com$/.exec(bare);
  return ses ? ses[1]! : bare;
}

/** The subject without reply and forward prefixes (Re:, Fwd:, AW:, 回复:, 答复:, 转发: …) and our token. */
export function baseSubject(subject: string): string {
  return withoutTokens(subject.replace(REPLY_PREFIX, '')).replace(/\s+/g, ' ').trim();
}
