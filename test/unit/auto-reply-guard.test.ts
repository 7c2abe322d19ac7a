import { describe, expect, it } from 'vitest';
import { autoReplyBlocker } from '../../lib/domain/auto-reply-guard.ts';
import type { SesReceivedNotification } from '../../lib/domain/ses-notification.ts';

const receipt: SesReceivedNotification['receipt'] = {
  timestamp: '2026-11-24T10:00:00.000Z',
  recipients: ['support@example.com'],
  spamVerdict: { status: 'PASS' },
  virusVerdict: { status: 'PASS' },
  action: { type: 'S3', bucketName: 'b', objectKey: 'k' },
};
const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('autoReplyBlocker', () => {
  it('allows ordinary customer mail', () => {
    expect(autoReplyBlocker(headers({ 'auto-submitted': 'no' }), 'ada@example.net', receipt, ['support@example.com'])).toBeUndefined();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'ada@example.net', 'auto-submitted'],
    [{ 'x-auto-response-suppress': 'All' }, 'ada@example.net', 'x-auto-response-suppress'],
    [{ precedence: 'bulk' }, 'ada@example.net', 'precedence'],
    [{ 'list-id': '<news.example.org>' }, 'ada@example.net', 'mailing-list'],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, 'ada@example.net', 'delivery-report'],
    [{}, 'MAILER-DAEMON@mx.example.net', 'automated-sender'],
    [{}, 'no-reply@shop.example.org', 'automated-sender'],
    [{}, 'support@example.com', 'own-address'],
  ])('blocks %o from %s as %s', (h, from, reason) => {
    expect(autoReplyBlocker(headers(h), from, receipt, ['support@example.com'])).toBe(reason);
  });

  it('blocks mail that fails SES spam, virus or DMARC checks', () => {
    expect(autoReplyBlocker(headers({}), 'a@example.net', { ...receipt, spamVerdict: { status: 'FAIL' } }, [])).toBe('spam');
    expect(autoReplyBlocker(headers({}), 'a@example.net', { ...receipt, virusVerdict: { status: 'FAIL' } }, [])).toBe('virus');
    expect(autoReplyBlocker(headers({}), 'a@example.net', { ...receipt, dmarcVerdict: { status: 'FAIL' } }, [])).toBe('dmarc-fail');
  });
});
