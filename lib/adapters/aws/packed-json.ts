import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * JSON stored compressed against a preset dictionary of what every item of its kind repeats (field names,
 * enum values, timestamps' shape, the usual wording): the boilerplate of a small item then costs a few
 * bytes instead of a few hundred, which keeps a typical ticket or sent message under 1 KB, one write unit.
 * A dictionary never changes once items are stored with it: a new one needs a new attribute name.
 */
export interface PackedKind {
  readonly name: string;
  /**
   * The first byte of every body packed with this dictionary. Raw deflate does not say which dictionary it was
   * made with, and a wrong one can inflate to other, valid-looking text: a changed dictionary gets a new byte, and
   * the test pinning each dictionary's hash fails until it does.
   */
  readonly format: number;
  readonly dictionary: Buffer;
}

// An item is at most 400 KB: a body that inflates past this is not one we wrote.
const MAX_UNPACKED_BYTES = 1024 * 1024;

export function packJson(value: unknown, kind: PackedKind): Uint8Array {
  const packed = deflateRawSync(JSON.stringify(value), { dictionary: kind.dictionary, level: 9 });
  const out = new Uint8Array(packed.length + 1);
  out[0] = kind.format;
  out.set(packed, 1);
  return out;
}

export function unpackJson(bytes: Uint8Array, kind: PackedKind, where: string): unknown {
  if (bytes[0] !== kind.format) throw new Error(`Stored ${kind.name} ${where} is unreadable: format ${bytes[0] ?? 'none'}, expected ${kind.format}`);
  try {
    return JSON.parse(inflateRawSync(bytes.subarray(1), { dictionary: kind.dictionary, maxOutputLength: MAX_UNPACKED_BYTES }).toString('utf8'));
  } catch (error) {
    throw new Error(`Stored ${kind.name} ${where} is unreadable: ${(error as Error).message}`);
  }
}

// zlib reaches back at most 32 KB and finds the nearest match first: the most common strings go last.
const at = '"2026-12-01T00:00:00.000Z"';

/** The ticket body (TicketSchema), as ticketItem stores it. */
export const PACKED_TICKET: PackedKind = {
  name: 'ticket',
  format: 1,
  dictionary: Buffer.from(
    [
      '"subtype":"legal","violence","customerTimeZone":"Europe/","Asia/Shanghai","America/New_York","assignee":"","escalation":{"by":"","reason":""},',
      '"autoReplySuppressed":"autoreply-suppressed:rate-limit:","unverified":true,"relatedTicketId":"T-1000","customerFlags":{"rude":true,"threat":true,"vip":true},',
      '"breachedAt":"resolvedAt":"resolutionSummary":"pausedAt":"status":"pending","resolved","closed","spam","quarantined",',
      `{"category":"routine","rule":"model.routine","excerpt":"\\"the\\", \\"my\\", \\"to\\"","weight":1}]},"customer":{"address":"@example.com","name":""},`,
      '"slaReasons":["first response within 60 min around the clock for threat","first response within 1080 min of business hours (UTC) for routine",',
      `"first response within 240 min of business hours (UTC) for complaint"],"participants":[""],"reopenedCount":0,`,
      `"sla":{"epoch":1,"priority":0,"priorityReasons":[],"response":{"kind":"first","startedAt":${at},"warnAt":${at},"dueAt":${at}},`,
      `"responsesMet":0,"responsesBreached":0,"resolution":{"state":"running","dueAt":${at}}},"version":1}`,
      '{"schemaVersion":1,"ticketId":"T-1000","status":"open","category":"complaint","classification":{"category":"complaint","confidence":0.9,',
      '"language":"en","needsReview":false,"scores":{"threat":0,"rude":0,"complaint":0.9,"routine":0.1},"signals":[{"category":"complaint","rule":"en.complaint.',
      `","excerpt":"…","span":{"start":1,"end":2},"weight":0.7},{"category":"threat","rule":"en.threat.","zh.complaint.","model.complaint",`,
      `"supportAddress":"support@example.com","subject":"","locale":"en","createdAt":${at},"updatedAt":${at},`,
    ].join(''),
  ),
};

/** A message a done job holds (ThreadMessageSchema): mostly the reply our templates wrote. */
export const PACKED_MESSAGE: PackedKind = {
  name: 'message',
  format: 1,
  dictionary: Buffer.from(
    [
      '"kind":"alert:threat","sla-warning","sla-breach","suppressed:acknowledgement","failed:acknowledgement","apology","boundary","threat-received",',
      'It is now ticket T-1000, and a member of our team will reply to you personally by . We can see you are frustrated, and we want to help. ',
      'Thank you for telling us about this, and I am sorry that things went wrong. It should not have happened, and we want to put it right. ',
      'Thank you for writing to us about "". Your message has reached our support team and is now ticket T-1000. A member of our team will reply ',
      'to you personally by . You do not need to write again: just reply to this email if you have anything to add.\\n\\nKind regards,\\nCustomer Support',
      `{"schemaVersion":1,"ticketId":"T-1000","direction":"outbound","messageKey":"mail:acknowledgement:ack:T-1000:0","messageId":"",`,
      `"at":${at},"from":{"address":"support@example.com","name":"Customer Support"},"to":[{"address":"@example.com","name":""}],`,
      '"subject":"Re:  [T-1000]","text":"Dear ,\\n\\n","kind":"acknowledgement","headerMessageId":"<t-1000.-4-@example.com>"}',
    ].join(''),
  ),
};
