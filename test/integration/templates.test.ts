import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import { type DynamoStores, dynamoStores } from '../../lib/adapters/aws/dynamo-stores.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { ConfigError } from '../../lib/domain/errors.ts';
import { parseSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { type AgentDeps, resolveTicket } from '../../lib/use-cases/agent-actions.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

describe('templates on the local stack: admin overrides, resolution summary, notices in the team language', () => {
  let stack: LocalStack;
  let store: DynamoStores;
  let agent: AgentDeps;
  let alerts: () => Promise<AlertMessage[]>;
  let dir: string;
  const clock = new TestClock(new Date('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'triage-templates-'));
    await writeTree(dir, {
      'acknowledgement/en/subject.hbs': 'We have your message [{{ticketId}}]',
      'acknowledgement/en/text.hbs': 'Hi {{customerName}}, thanks for writing. A person from {{teamName}} answers by {{dueAt}}. Ticket {{ticketId}}.',
      'acknowledgement/en/html.hbs': '<p>Hi {{customerName}}, thanks for writing. Ticket {{ticketId}}.</p>',
    });
    stack = await startTestStack('templates', { clock, templateDir: dir, noticeLocale: 'zh-Hans' });
    store = dynamoStores(stack.clients.documents, stack.resources.tableName);
    agent = { tickets: store.tickets, outbound: new SqsOutboundQueue(stack.clients.sqs, stack.resources.queues.outbound.url), clock, config: parseSlaConfig({}) };
    alerts = await stack.listenToAlerts();
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function deliver(from: string, subject: string, body: string, messageId: string, date?: string) {
    const before = stack.smtp.published.length;
    await stack.deliver(rawMail({ from, subject, body, messageId, ...(date ? { date } : {}) }), { from, to: ['support@example.com'] });
    await stack.drain();
    const delivery = await store.deliveries.find(stack.smtp.published[before]!.mail.messageId);
    return (await store.tickets.getTicket(delivery!.ticketId!))!;
  }
  const mailTo = async (address: string) => (await stack.sentMail()).filter((m) => m.to.includes(address));

  it('sends the admin’s acknowledgement, read from the bucket prefix, and keeps the built-in ones elsewhere', async () => {
    const ticket = await deliver('Olga <olga@example.net>', 'Opening hours', 'When are you open on Saturdays?', '<olga-1@example.net>');
    const [ack] = await mailTo('olga@example.net');
    expect(ack?.subject).toBe(`We have your message [${ticket.ticketId}]`);
    expect(ack?.text).toContain(`Hi Olga, thanks for writing. A person from Customer Support answers by`);
    expect(ack?.autoSubmitted).toBe('auto-replied');

    // Written at 18:00 in UTC+8: the deadline is shown in the customer's zone, not the team's.
    const zh = await deliver('李雷 <lilei@example.net>', '营业时间', '请问周六几点开门？', '<lilei-1@example.net>', 'Tue, 24 Nov 2026 18:00:00 +0800');
    const [zhAck] = await mailTo('lilei@example.net');
    expect(zhAck?.subject).toBe(`回复：营业时间 [${zh.ticketId}]`); // zh-Hans was not overridden
    expect(zh.customerTimeZone).toBe('Etc/GMT-8');
    expect(zhAck?.text).toMatch(/GMT\+8/);
    expect(ack?.text).toMatch(/UTC/); // +0000 says nothing: the team's zone (UTC here)
  });

  it('sends the resolution summary once, marked auto-generated, with the agent’s words', async () => {
    const ticket = await deliver('Piet <piet@example.net>', 'Refund', 'I returned the chair two weeks ago and have no refund yet.', '<piet-1@example.net>');
    await resolveTicket(ticket.ticketId, agent, { summary: 'The refund of 89 EUR went to your card today.\nIt shows within 3 days.' });
    await stack.drain();
    await resolveTicket(ticket.ticketId, agent, { summary: 'The refund of 89 EUR went to your card today.' }); // already resolved: same resolution
    await stack.drain();
    const summaries = (await mailTo('piet@example.net')).filter((m) => m.subject.startsWith('Resolved:'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.subject).toBe(`Resolved: Refund [${ticket.ticketId}]`);
    expect(summaries[0]?.text).toContain('The refund of 89 EUR went to your card today.\nIt shows within 3 days.');
    expect(summaries[0]?.autoSubmitted).toBe('auto-generated');
  });

  it('publishes the threat alert in the team’s language, with an ASCII subject SNS accepts', async () => {
    await alerts();
    const ticket = await deliver('mallory@example.net', 'Last warning', 'If my money is not back by Friday I will find you and hurt you.', '<mallory-1@example.net>');
    expect(ticket.category).toBe('threat');
    const [alert] = (await alerts()).filter((a) => a.Message.includes(ticket.ticketId));
    expect(alert?.Subject).toBe(`Inbox Triage: threat ${ticket.ticketId}`);
    expect(alert?.Message).toMatch(new RegExp(`^\\[威胁\\] ${ticket.ticketId}：Last warning\\n`));
    expect(alert?.Message).toContain('被判定为威胁');
    expect(alert?.Message).toContain('mallory@example.net');
  });

  it('refuses to start with a broken override, naming the file, the line and the variable', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'triage-templates-bad-'));
    try {
      await writeTree(broken, {
        'apology/zh-Hant/subject.hbs': '回覆：{{customerSubject}} [{{ticketId}}]',
        'apology/zh-Hant/text.hbs': '{{customerName}}，您好：\n{{deadline}}',
        'apology/zh-Hant/html.hbs': '<p>{{{excerpt}}}</p>',
      });
      const started = startTestStack('templates-bad', { templateDir: broken });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(/apology\/zh-Hant\/text\.hbs line 2: unknown variable 'deadline'/);
      await expect(started).rejects.toThrow(/apology\/zh-Hant\/html\.hbs line 1: \{\{\{…\}\}\}/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
