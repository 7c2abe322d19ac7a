import { describe, expect, it } from 'vitest';
import { baseSubject, normaliseMessageId, threadingKeys } from '../../lib/domain/threading.ts';
import { plusAddress, subjectToken, tokenInMessageId, tokenMessageId, tokensInAddresses, tokensInSubject, withToken } from '../../lib/domain/ticket-token.ts';

describe('threading keys', () => {
  it('reads ticket tokens from the subject and from plus addresses', () => {
    const keys = threadingKeys('Re: Broken lamp [T-10042]', ['support+t-10043@example.com', 'other@example.com'], undefined, []);
    expect(keys.subjectTokens).toEqual(['T-10042']);
    expect(keys.addressTokens).toEqual(['T-10043']);
  });

  it('lists referenced Message-IDs, most recent first, with SES ids reduced to the id SES returned', () => {
    const keys = threadingKeys('x', [], '<0100018c-abc@email.amazonses.com>', ['<first@example.net>', '<second@example.net>']);
    expect(keys.messageIds).toEqual(['0100018c-abc', 'second@example.net', 'first@example.net']);
    expect(normaliseMessageId('<ABC@eu-west-1.AmazonSES.com>')).toBe('abc');
  });

  it('strips reply and forward prefixes in several languages', () => {
    for (const subject of ['Re: Order', 'RE: Fwd: Order', 'AW: Order', '回复：Order', '答复: Order', '转发: Order', 'Re[2]: Order', 'Order [T-10001]']) {
      expect(baseSubject(subject)).toBe('Order');
    }
  });
});

describe('the ticket token', () => {
  it('is carried by the Message-IDs of mail we send, and read back from them however they are spelled', () => {
    const id = tokenMessageId('T-10001', '6f1c-42', 'example.com');
    expect(id).toBe('<t-10001.6f1c-42@example.com>');
    expect(tokenInMessageId(id)).toBe('T-10001');
    expect(tokenInMessageId(normaliseMessageId(id.toUpperCase()))).toBe('T-10001');
    for (const other of ['<t-10001@example.com>', '<abc.t-10001.x@example.com>', '<0100018c-abc@email.amazonses.com>', 'T-10001']) expect(tokenInMessageId(other)).toBeUndefined();
  });

  it('is built and read in one place: subject, plus-address, and a subject that lacks it', () => {
    expect(subjectToken('T-10001')).toBe('[T-10001]');
    expect(plusAddress('support+old@example.com', 'T-10001')).toBe('support+t-10001@example.com');
    expect(tokensInAddresses(['support+t-10001@example.com', 'x@example.com'])).toEqual(['T-10001']);
    expect(tokensInSubject('Re: Lamp [t-10001] [T-10002]')).toEqual(['T-10001', 'T-10002']);
    expect(withToken('Re: Lamp', 'T-10001')).toBe('Re: Lamp [T-10001]');
    expect(withToken('Re: Lamp [T-10001]', 'T-10001')).toBe('Re: Lamp [T-10001]');
  });
});
