import { describe, expect, it } from 'vitest';
import { senderVerified } from '../../lib/domain/sender-trust.ts';

describe('senderVerified', () => {
  it('vouches for a sender on DMARC PASS, or on SPF or DKIM PASS when the domain has no DMARC policy', () => {
    expect(senderVerified({ dmarc: 'PASS', spam: 'PASS', virus: 'PASS' })).toBe(true);
    expect(senderVerified({ dmarc: 'GRAY', spf: 'PASS', dkim: 'GRAY' })).toBe(true);
    expect(senderVerified({ dmarc: 'GRAY', spf: 'FAIL', dkim: 'PASS' })).toBe(true);
  });

  it('never vouches on a DMARC failure, spam, a virus, or without any passing check', () => {
    expect(senderVerified({ dmarc: 'FAIL', spf: 'PASS', dkim: 'PASS' })).toBe(false);
    expect(senderVerified({ dmarc: 'PASS', spam: 'FAIL' })).toBe(false);
    expect(senderVerified({ dmarc: 'PASS', virus: 'FAIL' })).toBe(false);
    expect(senderVerified({ dmarc: 'GRAY', spf: 'GRAY', dkim: 'GRAY' })).toBe(false);
    expect(senderVerified({})).toBe(false);
  });
});
