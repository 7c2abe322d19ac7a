import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

/** Finding 3: SLA mail (still on it, reminders, follow-ups) passes the guard the first reply passed. */
describe('every automatic mail passes the first reply’s guard', () => {
  const clock = new TestClock(new Date('2026-11-24T10:00:00Z')); // a Tuesday
  let stack: LocalStack;
  let store: DynamoStores;
  let alerts: () => Promise<AlertMessage[]>;

  beforeAll(async () => {
    stack = await startTestStack('guard', {
      clock,
      // The forgery fails DMARC; everything else passes.
      verdicts: ({ headers }) => (headers.some((h) => h.name.toLowerCase() === 'message-id' && h.value === '<forged@bank.example>') ? { dmarc: 'FAIL' } : {}),
    });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    alerts = await stack.listenToAlerts();
  });
  /** Mail this stack sent (the SES emulator is shared by every test file). */
  async function sentTo(_stack: LocalStack, to: string) {
    return (await stack.sentMail()).filter((m) => m.to.includes(to));
  }

  afterAll(async () => {
    await stack?.stop();
  });

  it('sends no still-on-it mail to a forged sender, a mailing list or a noreply address, and tells a person', async () => {
    // Prepare: four tickets; three got no first reply, for three reasons
    const mail: Array<{ from: string; messageId: string; headers: Record<string, string> }> = [
      { from: 'ceo@bank.example', messageId: '<forged@bank.example>', headers: {} },
      { from: 'announce@lists.example.net', messageId: '<list@lists.example.net>', headers: { 'List-Id': '<announce.lists.example.net>' } },
      { from: 'noreply@shop.example.net', messageId: '<noreply@shop.example.net>', headers: {} },
      { from: 'person@example.net', messageId: '<person@example.net>', headers: {} },
    ];
    for (const m of mail) {
      await stack.deliver(rawMail({ from: m.from, subject: 'Where is my order', messageId: m.messageId, headers: m.headers, body: 'Where is my order? It is late.' }));
    }
    await stack.drain();
    const tickets = await Promise.all(
      stack.smtp.published.slice(-4).map(async (n) => (await store.tickets.getTicket((await store.deliveries.find(n.mail.messageId))!.ticketId!))!),
    );
    expect(tickets.map((t) => t.autoReplySuppressed)).toEqual([
      'autoreply-suppressed:dmarc-fail',
      'autoreply-suppressed:list:list-headers',
      'autoreply-suppressed:auto-generated:noreply-sender',
      undefined,
    ]);
    await alerts();

    // Act: a week later nobody has answered; the sweeper fires warnings and breaches
    clock.advance(7 * 86_400_000);
    await stack.sweep();
    await stack.drain();

    // Assess: only the person hears from us again; supervisors hear about all four
    expect(await sentTo(stack, 'ceo@bank.example')).toHaveLength(0);
    expect(await sentTo(stack, 'announce@lists.example.net')).toHaveLength(0);
    expect(await sentTo(stack, 'noreply@shop.example.net')).toHaveLength(0);
    expect(await sentTo(stack, 'person@example.net')).toHaveLength(2);
    const toPerson = (await stack.sentMail()).filter((m) => m.to.includes('person@example.net'));
    expect(toPerson.map((m) => m.autoSubmitted).sort()).toEqual(['auto-generated', 'auto-replied']); // the first reply, then still-on-it
    const forged = (await store.tickets.getThread(tickets[0]!.ticketId)).filter((m) => m.direction === 'outbound').map((m) => m.kind);
    expect(forged).not.toContain('still-on-it');
    const breaches = (await alerts()).filter((a) => a.Message.includes('breach') || a.Subject.toLowerCase().includes('breach'));
    expect(new Set(breaches.map((a) => tickets.find((t) => a.Message.includes(t.ticketId))?.ticketId)).size).toBe(4);
  });
});
