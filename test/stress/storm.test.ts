import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { DEFAULT_AUTO_REPLY_POLICY } from '../../lib/domain/reply-policy.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

const STORM = Number(process.env.STORM_MESSAGES ?? 1000);

/** A storm: a robot (or an attacker) writes STORM messages in one minute; we answer at most the allowance. */
describe(`a storm of ${STORM} messages in a minute`, () => {
  const clock = new TestClock(new Date('2026-11-24T10:00:00Z'));
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack('storm', { clock });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function storm(from: (i: number) => string, tag: string) {
    const step = 60_000 / STORM;
    for (let i = 0; i < STORM; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, STORM - i) }, (_, j) =>
          stack.deliver(rawMail({ from: from(i + j), subject: `Order ${tag} ${i + j}`, messageId: `<${tag}-${i + j}@robots.example>`, body: `Where is order ${i + j}?` }), {
            from: from(i + j),
            to: ['support@example.com'],
          }),
        ),
      );
      clock.advance(step * 20);
      await stack.drain(600_000);
    }
  }

  const repliesTo = async (mailbox: RegExp) => (await stack.sentMail()).filter((m) => mailbox.test(m.to)).length;

  it('answers one sender at most the per-mailbox allowance', async () => {
    await storm(() => 'one.robot@robots.example', 'same');
    expect(await repliesTo(/one\.robot@robots\.example/)).toBe(DEFAULT_AUTO_REPLY_POLICY.maxPerRecipient);
  }, 900_000);

  it('answers the plus-address variants of one mailbox at most the same allowance', async () => {
    await storm((i) => `plus.robot+${i}@robots.example`, 'plus');
    expect(await repliesTo(/plus\.robot\+\d+@robots\.example/)).toBe(DEFAULT_AUTO_REPLY_POLICY.maxPerRecipient);
    expect(await stack.queueDepth(stack.resources.queues.inbound.dlqUrl)).toBe(0);
  }, 900_000);
});
