/**
 * The ticket token, the one way a ticket is named in mail: the human number
 * (`T-10001`), its place in subjects (`[T-10001]`), the plus-address that
 * carries it in Reply-To (`support+t-10001@example.com`) and the Message-IDs
 * of mail we send (`<t-10001.…@example.com>`). Built and read only here.
 */
const TICKET_NUMBER_FLOOR = 10000;
const SUBJECT_TOKEN = /\[(T-\d{4,9})\]/gi;
const PLUS_TOKEN = /^[^@+]+\+(t-\d{4,9})@/i;
const MESSAGE_ID_TOKEN = /^<?(t-\d{4,9})\.[^@<>\s]+@[^@<>\s]+>?$/i;
export const TICKET_ID = /^T-\d+$/;

export function formatTicketId(sequence: number): string {
  return `T-${TICKET_NUMBER_FLOOR + sequence}`;
}

/** `[T-10001]`, as subjects carry it. */
export function subjectToken(ticketId: string): string {
  return `[${ticketId}]`;
}

/** `support@example.com` + `T-10001` → `support+t-10001@example.com`, so replies carry the ticket. */
export function plusAddress(address: string, ticketId: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0];
  return `${local}+${ticketId.toLowerCase()}@${address.slice(at + 1)}`;
}

/** Ticket ids named in a subject, upper-cased, each once. */
export function tokensInSubject(subject: string): string[] {
  return [...new Set([...subject.matchAll(SUBJECT_TOKEN)].map((m) => m[1]!.toUpperCase()))];
}

/** Ticket ids carried by plus-addressed recipients, each once. */
export function tokensInAddresses(addresses: readonly string[]): string[] {
  return [...new Set(addresses.flatMap((r) => PLUS_TOKEN.exec(r)?.[1]?.toUpperCase() ?? []))];
}

/**
 * The Message-ID of mail we send about a ticket: `<t-10001.<unique>@<domain>>`. A reply or a bounce that refers
 * to it names the ticket by the id itself, so it needs no lookup item (where SES keeps our header).
 */
export function tokenMessageId(ticketId: string, unique: string, domain: string): string {
  return `<${ticketId.toLowerCase()}.${unique}@${domain}>`;
}

/** The ticket a Message-ID we made names (see tokenMessageId), upper-cased; undefined for any other id. */
export function tokenInMessageId(messageId: string): string | undefined {
  return MESSAGE_ID_TOKEN.exec(messageId.trim())?.[1]?.toUpperCase();
}

/** The subject without our tokens. */
export function withoutTokens(subject: string): string {
  return subject.replace(SUBJECT_TOKEN, '');
}

/** The subject, with the ticket's token appended unless it already carries it: replies thread whatever a template says. */
export function withToken(subject: string, ticketId: string): string {
  return tokensInSubject(subject).includes(ticketId.toUpperCase()) ? subject : `${subject} ${subjectToken(ticketId)}`.trim();
}
