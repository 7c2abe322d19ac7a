import { describe, expect, it } from 'vitest';
import { autoReplyBlocker } from '../../lib/domain/auto-reply-guard.ts';
import type { SesReceivedNotification } from '../../lib/domain/ses-notification.ts';
import type { Automation } from '../../lib/mail/automation.ts';

const receipt: SesReceivedNotification['receipt'] = {
  timestamp: '2026-11-24T10:00:00.000Z',
  recipients: ['support@example.com'],
  spamVerdict: { status: 'PASS' },
  virusVerdict: { status: 'PASS' },
  action: { type: 'S3', bucketName: 'b', objectKey: 'k' },
};
const human: Automation = { kind: 'human', reason: '', failedRecipients: [] };

describe('autoReplyBlocker', () => {
  it('allows ordinary customer mail', () => {
    expect(autoReplyBlocker(human, 'ada@example.net', receipt, ['support@example.com'])).toBeUndefined();
  });

  it('blocks machine mail with its kind and reason', () => {
    expect(autoReplyBlocker({ kind: 'auto-reply', reason: 'auto-submitted:auto-replied', failedRecipients: [] }, 'ada@example.net', receipt, [])).toBe('auto-reply:auto-submitted:auto-replied');
    expect(autoReplyBlocker({ kind: 'list', reason: 'list-headers', failedRecipients: [] }, 'news@example.org', receipt, [])).toBe('list:list-headers');
  });

  it('blocks our own addresses, plus-addressed or not, and mail with no sender', () => {
    expect(autoReplyBlocker(human, 'support@example.com', receipt, ['support@example.com'])).toBe('own-address');
    expect(autoReplyBlocker(human, 'support+t-10001@example.com', receipt, ['support@example.com'])).toBe('own-address');
    expect(autoReplyBlocker(human, undefined, receipt, [])).toBe('no-sender');
    expect(autoReplyBlocker(human, 'MAILER-DAEMON', receipt, [])).toBe('no-sender');
  });

  it('blocks mail that fails SES spam, virus or DMARC checks', () => {
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, spamVerdict: { status: 'FAIL' } }, [])).toBe('spam');
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, virusVerdict: { status: 'FAIL' } }, [])).toBe('virus');
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, dmarcVerdict: { status: 'FAIL' } }, [])).toBe('dmarc-fail');
  });
});
