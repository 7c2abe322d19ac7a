import { describe, expect, it } from 'vitest';
import { parseFeedbackRecordBody, parseInboundRecordBody } from '../../lib/adapters/aws/ses-notification.ts';
import { ValidationError } from '../../lib/domain/errors.ts';

const notification = {
  notificationType: 'Received',
  receipt: {
    timestamp: '2026-11-24T10:00:00.000Z',
    recipients: ['support@example.com'],
    spamVerdict: { status: 'PASS' },
    virusVerdict: { status: 'PASS' },
    spfVerdict: { status: 'PASS' },
    dkimVerdict: { status: 'FAIL' },
    dmarcVerdict: { status: 'GRAY' },
    action: { type: 'S3', topicArn: 'arn:aws:sns:eu-west-1:111122223333:mail', bucketName: 'raw-mail', objectKey: 'inbound/abc123' },
  },
  mail: {
    timestamp: '2026-11-24T09:59:59.000Z',
    source: 'ada@example.net',
    messageId: 'abc123',
    destination: ['support@example.com'],
    headersTruncated: false,
    headers: [{ name: 'From', value: 'ada@example.net' }],
    commonHeaders: { from: ['ada@example.net'], subject: 'Hi' },
  },
};

describe('parseInboundRecordBody', () => {
  it('unwraps an SNS envelope (raw delivery off)', () => {
    const body = JSON.stringify({ Type: 'Notification', MessageId: 'x', TopicArn: 'arn', Message: JSON.stringify(notification) });
    const parsed = parseInboundRecordBody(body);
    expect(parsed.mail.messageId).toBe('abc123');
    expect(parsed.receipt.action).toMatchObject({ bucketName: 'raw-mail', objectKey: 'inbound/abc123' });
    expect(parsed.receipt.dkimVerdict?.status).toBe('FAIL');
  });

  it('accepts the notification itself (raw delivery on)', () => {
    expect(parseInboundRecordBody(JSON.stringify(notification)).mail.messageId).toBe('abc123');
  });

  it('names what is wrong with a notification that is not an S3-action receipt', () => {
    const lambdaAction = { ...notification, receipt: { ...notification.receipt, action: { type: 'Lambda' } } };
    expect(() => parseInboundRecordBody(JSON.stringify(lambdaAction))).toThrow(/receipt\.action\.type/);
    expect(() => parseInboundRecordBody('{"notificationType":"Bounce"}')).toThrow(ValidationError);
    expect(() => parseInboundRecordBody('not json')).toThrow('SQS body is not valid JSON');
    expect(() => parseInboundRecordBody(JSON.stringify({ Type: 'Notification', Message: '{oops' }))).toThrow('SNS Message is not valid JSON');
  });
});

describe('parseFeedbackRecordBody', () => {
  const bounce = { bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@example.net' }] }, mail: { messageId: 'ses-1' } };
  it('reads identity notifications and configuration-set events alike', () => {
    const wrap = (message: object) => JSON.stringify({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:eu-west-1:1:t', Message: JSON.stringify(message) });
    const expected = { kind: 'bounce', permanent: true, subtype: 'Permanent', addresses: ['gone@example.net'], sentMessageId: 'ses-1' };
    expect(parseFeedbackRecordBody(wrap({ notificationType: 'Bounce', ...bounce }))).toEqual(expected);
    expect(parseFeedbackRecordBody(wrap({ eventType: 'Bounce', ...bounce }))).toEqual(expected);
    expect(() => parseFeedbackRecordBody(wrap({ eventType: 'Bounce', mail: { messageId: 'x' } }))).toThrow(/bounce/);
  });
});
