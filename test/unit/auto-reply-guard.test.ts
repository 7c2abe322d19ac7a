import { describe, expect, it } from 'vitest';
import { autoReplyBlocker } from '../../lib/domain/auto-reply-guard.ts';
import type { Automation } from '../../lib/domain/automation.ts';
import type { InboundDelivery } from '../../lib/domain/inbound-delivery.ts';

const receipt: InboundDelivery['verdicts'] = { spam: 'PASS', virus: 'PASS' };
const human: Automation = { kind: 'human', reason: '', failedRecipients: [] };

describe('autoReplyBlocker', () => {
  it('allows ordinary customer mail', () => {
    expect(autoReplyBlocker(human, 'ada@example.net', receipt, ['support@example.com'])).toBeUndefined();
  });

  it('blocks machine mail with its kind and reason', () => {
    expect(autoReplyBlocker({ kind: 'auto-reply', reason: 'auto-submitted:auto-replied', failedRecipients: [] }, 'ada@example.net', receipt, [])).toBe(
      'auto-reply:auto-submitted:auto-replied',
    );
    expect(autoReplyBlocker({ kind: 'list', reason: 'list-headers', failedRecipients: [] }, 'news@example.org', receipt, [])).toBe('list:list-headers');
  });

  it('blocks our own addresses, plus-addressed or not, and mail with no sender', () => {
    expect(autoReplyBlocker(human, 'support@example.com', receipt, ['support@example.com'])).toBe('own-address');
    expect(autoReplyBlocker(human, 'support+t-10001@example.com', receipt, ['support@example.com'])).toBe('own-address');
    expect(autoReplyBlocker(human, undefined, receipt, [])).toBe('no-sender');
    expect(autoReplyBlocker(human, 'MAILER-DAEMON', receipt, [])).toBe('no-sender');
  });

  it('blocks mail that fails SES spam, virus or DMARC checks', () => {
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, spam: 'FAIL' }, [])).toBe('spam');
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, virus: 'FAIL' }, [])).toBe('virus');
    expect(autoReplyBlocker(human, 'a@example.net', { ...receipt, dmarc: 'FAIL' }, [])).toBe('dmarc-fail');
  });

  it('blocks mail that fails SPF unless a DKIM signature passes: forgers sign nothing, and a domain without DMARC says nothing', () => {
    for (const dkim of ['FAIL', 'GRAY', 'PROCESSING_FAILED', undefined] as const) {
      expect(autoReplyBlocker(human, 'victim@example.org', { ...receipt, spf: 'FAIL', dmarc: 'GRAY', ...(dkim ? { dkim } : {}) }, []), String(dkim)).toBe('spf-fail');
    }
    // Forwarded mail fails SPF at the forwarder but keeps its author's signature.
    expect(autoReplyBlocker(human, 'ada@example.net', { ...receipt, spf: 'FAIL', dkim: 'PASS', dmarc: 'GRAY' }, [])).toBeUndefined();
  });
});
