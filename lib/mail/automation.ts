import type { Automation } from '../domain/automation.ts';

/**
 * Tells mail written by a person from mail written by a machine, so that
 * machines never get an automatic reply (RFC 3834) and bounces feed the
 * suppression list. Bounces are checked first: many carry
 * `Auto-Submitted: auto-replied` like an out-of-office, and plain-text
 * bounces (Chinese ones too) carry no delivery-status part at all.
 */

/** What the guard looks at: headers, sender, subject, text and the MIME parts. */
export interface AutomationInput {
  readonly headers: ReadonlyMap<string, string>;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  /** Content types of the MIME parts (attachments included), lower case. */
  readonly partTypes: readonly string[];
  /** Text of message/delivery-status parts, if any. */
  readonly deliveryStatus: readonly string[];
}

const DAEMON_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|mail\.daemon|bounce[s]?|mdaemon)(?:[+@]|$)/i;
const NOREPLY_SENDER = /^(?:no-?reply|do-?not-?reply|donotreply|notifications?|auto-?confirm|automailer)(?:[+@.-]|$)/i;

const BOUNCE_SUBJECT =
  /(?:undeliver(?:ed|able)|delivery (?:status notification|failure|has failed|failed|problem)|mail delivery (?:failed|failure|system|subsystem)|returned (?:mail|to sender)|failure notice|non-?deliver(?:y|able)|could not be delivered|message not delivered|delivery notification|mail system error|warning: could not send|rejected:|退信|退回|无法投递|投递失败|未能送达|发送失败|递送失败|系统退信|郵件無法傳遞|無法傳遞|Unzustellbar|Nicht zustellbar|Non remis|Non recapitabile)/i;

const BOUNCE_BODY =
  /(?:\b5\d\d[ -]5\.\d{1,3}\.\d{1,3}\b|\b4\d\d[ -]4\.\d{1,3}\.\d{1,3}\b|user unknown|unknown user|no such user|mailbox (?:unavailable|not found|full|is full|does not exist)|recipient address rejected|address rejected|does not exist|delivery to the following recipients? (?:failed|has been delayed)|could not be delivered to|was not delivered to|permanent(?:ly)? (?:error|fatal errors?|failure)|the following addresses? had permanent|final-recipient:|diagnostic-code:|message could not be delivered|this is the mail system at host|this message was created automatically by mail delivery software|host or domain name not found|无法投递|投递失败|退信原因|收件人地址不存在|用户不存在|邮箱不存在|收件人.{0,6}(?:拒收|不存在))/i;

/**
 * Subjects only a mail system writes, at their start ("Undeliverable: …", "Mail delivery failed", 系统退信). The rest of
 * BOUNCE_SUBJECT ("Delivery failed", "Parcel returned to sender", 无法投递) is also how a customer writes about a
 * parcel that never came.
 */
const MAIL_BOUNCE_SUBJECT =
  /^(?:undeliverable:|undelivered mail returned to sender|mail delivery (?:failed|failure|system|subsystem)|delivery status notification|returned mail:|failure notice|non-?delivery (?:report|notification)|warning: could not send|mail system error|系统退信|退信通知|邮件(?:投递|发送)失败|邮件无法投递|郵件無法傳遞|unzustellbar|nicht zustellbar|non remis|non recapitabile)/i;

/** A subject a person gave mail they forward: a forwarded bounce is a customer asking about it. */
const FORWARDED = /^(?:fwd?|wg|tr|rv|转发|轉寄|轉發)\s*[:：]/i;

/**
 * What only delivery software writes: SMTP status codes, delivery-status fields and the sentences mail servers
 * put in their reports. A customer writing about a parcel that was "not delivered" to an address that "does not
 * exist" writes none of it, so mail from an ordinary sender is a bounce only when its body holds one of these.
 */
const BOUNCE_TECHNICAL =
  /(?:\b5\d\d[ -]5\.\d{1,3}\.\d{1,3}\b|\b4\d\d[ -]4\.\d{1,3}\.\d{1,3}\b|final-recipient:|diagnostic-code:|this is the mail system at host|this message was created automatically by mail delivery software|the following addresses? had permanent|delivery to the following recipients? (?:failed|has been delayed)|recipient address rejected|host or domain name not found|退信原因)/i;

const AUTO_REPLY_SUBJECT =
  /^(?:(?:re|aw|antw):\s*)?(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response|responder|antwort)|autoreply|away from (?:the )?office|on vacation|vacation (?:reply|message|notice)|i am (?:currently )?(?:out|away)|abwesenheit|abwesenheitsnotiz|réponse automatique|absence|fuera de la oficina|respuesta automática|risposta automatica|automatische antwort|automatisch antwoord|automatyczna odpowiedź|automatické odpověď|автоматический ответ|自动回复|自動回覆|自动答复|自動応答|不在办公室|休假|外出)/i;

const AUTO_REPLY_BODY =
  /(?:i am (?:currently )?(?:out of (?:the )?office|away|on (?:annual )?leave|on vacation)|i will be (?:out of (?:the )?office|away|back)|limited access to (?:my )?e-?mail|我(?:目前)?(?:不在办公室|正在休假|外出))/i;

export function detectAutomation(input: AutomationInput): Automation {
  const h = (name: string) => input.headers.get(name)?.toLowerCase().trim() ?? '';
  const contentType = h('content-type');
  const localPart = input.from.split('@')[0] ?? '';
  const sample = input.text.slice(0, 8000);
  // The costly tests run only when a decision needs them: most mail is neither a bounce nor near one.
  const bounce = (reason: string): Automation => ({ kind: 'bounce', reason, failedRecipients: failedRecipients(input) });

  // Feedback reports (ARF) and delivery-status reports say what they are.
  if (/multipart\/report/.test(contentType) && /report-type="?feedback-report/.test(contentType)) {
    return { kind: 'feedback-report', reason: 'arf', failedRecipients: [] };
  }
  if (
    (/multipart\/report/.test(contentType) && /report-type="?delivery-status/.test(contentType)) ||
    /^message\/delivery-status/.test(contentType) ||
    input.partTypes.includes('message/delivery-status')
  ) {
    return bounce('dsn');
  }
  if (/multipart\/report/.test(contentType) && /disposition-notification/.test(contentType)) {
    return { kind: 'auto-generated', reason: 'read-receipt', failedRecipients: [] };
  }
  if (input.headers.has('x-failed-recipients')) return bounce('x-failed-recipients');
  // Plain-text bounces: a daemon sender, or a bounce-like subject backed by bounce-like content.
  const daemon = DAEMON_SENDER.test(localPart);
  const bounceSubject = BOUNCE_SUBJECT.test(input.subject);
  let bounceBodySeen: boolean | undefined;
  const bounceBody = () => (bounceBodySeen ??= BOUNCE_BODY.test(sample));
  if (daemon && (bounceSubject || bounceBody() || input.headers.has('auto-submitted'))) return bounce('daemon-sender');
  // From an ordinary sender: a mail system's subject with bounce-like content, or any bounce-like subject over
  // what only delivery software writes.
  const subject = input.subject.trim();
  if (bounceSubject && !FORWARDED.test(subject) && ((MAIL_BOUNCE_SUBJECT.test(subject) && bounceBody()) || BOUNCE_TECHNICAL.test(sample))) {
    return bounce('bounce-content');
  }
  // A daemon's address with nothing of a bounce about the mail: no automatic reply, but it opens a ticket (a
  // person can write from postmaster@), where calling it a bounce would have dropped it.
  if (daemon) return { kind: 'auto-generated', reason: 'daemon-sender', failedRecipients: [] };
  // RFC 5321 reserves the null reverse-path for delivery reports and automatic responses.
  const nullReturnPath = h('return-path') === '<>';
  if (nullReturnPath && (bounceSubject || bounceBody())) return bounce('null-return-path');

  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted.startsWith('auto-replied')) return { kind: 'auto-reply', reason: 'auto-submitted:auto-replied', failedRecipients: [] };
  if (input.headers.has('x-autoreply') || input.headers.has('x-autorespond') || h('x-autogenerated') === 'reply') {
    return { kind: 'auto-reply', reason: 'x-autoreply', failedRecipients: [] };
  }
  if (AUTO_REPLY_SUBJECT.test(input.subject.trim())) return { kind: 'auto-reply', reason: 'subject:out-of-office', failedRecipients: [] };
  if (autoSubmitted && autoSubmitted !== 'no') return { kind: 'auto-generated', reason: `auto-submitted:${autoSubmitted.split(';')[0]}`, failedRecipients: [] };
  if (input.headers.has('list-id') || input.headers.has('list-unsubscribe') || input.headers.has('list-post')) {
    return { kind: 'list', reason: 'list-headers', failedRecipients: [] };
  }
  const precedence = h('precedence');
  if (/^(?:bulk|junk|list)$/.test(precedence)) return { kind: 'list', reason: `precedence:${precedence}`, failedRecipients: [] };
  if (input.headers.has('x-auto-response-suppress') && AUTO_REPLY_BODY.test(sample)) {
    return { kind: 'auto-reply', reason: 'x-auto-response-suppress+out-of-office', failedRecipients: [] };
  }
  if (input.headers.has('x-auto-response-suppress')) return { kind: 'auto-generated', reason: 'x-auto-response-suppress', failedRecipients: [] };
  if (NOREPLY_SENDER.test(localPart)) return { kind: 'auto-generated', reason: 'noreply-sender', failedRecipients: [] };
  if (nullReturnPath) return { kind: 'auto-generated', reason: 'null-return-path', failedRecipients: [] };
  if (input.headers.has('x-loop')) return { kind: 'auto-generated', reason: 'x-loop', failedRecipients: [] };
  return { kind: 'human', reason: '', failedRecipients: [] };
}

const ADDRESS = /[a-z0-9._%+'-]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,24}/gi;

function failedRecipients(input: AutomationInput): string[] {
  const found = new Set<string>();
  // mailparser folds message/delivery-status parts into the text; read both.
  for (const status of [...input.deliveryStatus, input.text.slice(0, 20_000)]) {
    for (const m of status.matchAll(/^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^>\s]+@[^>\s]+)>?/gim)) found.add(m[1]!.toLowerCase());
  }
  for (const a of (input.headers.get('x-failed-recipients') ?? '').match(ADDRESS) ?? []) found.add(a.toLowerCase());
  return [...found];
}
