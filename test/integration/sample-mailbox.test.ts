import { describe, expect, it } from 'vitest';
import { readMessageFile } from '../../cli/message-file.ts';
import { emlFiles, SAMPLE_MAILBOX } from '../../cli/paths.ts';
import { terminalProgress } from '../../cli/progress.ts';
import { type RunReport, runMailbox } from '../../cli/run-command.ts';
import { localStackOptionsOf, readDeployConfig } from '../../infra/local/local-config.ts';
import { startTestStack } from '../helpers/local.ts';
import { fakeTerminal } from '../helpers/terminal.ts';

const ticketsByCustomer = (report: RunReport) =>
  Object.fromEntries(
    Object.values(report.queues)
      .flat()
      .map((t) => [t.customer.address, t.ticketId]),
  );

describe('triage run on the sample mailbox, configured by cdk.json', () => {
  it('gives the same ticket numbers on every run, shows progress only on a terminal, and answers a zh-Hant customer as cdk.json says', async () => {
    // Prepare: the sample mailbox, the settings cdk.json gives 'cdk deploy'
    const messages = await Promise.all((await emlFiles([SAMPLE_MAILBOX])).map(readMessageFile));
    const config = localStackOptionsOf(await readDeployConfig());
    const terminal = fakeTerminal(true);
    const pipe = fakeTerminal(false);

    // Act: two runs, one watched on a terminal, one piped
    const runs: RunReport[] = [];
    const sent: Array<Awaited<ReturnType<Awaited<ReturnType<typeof startTestStack>>['sentMail']>>> = [];
    for (const stream of [terminal, pipe]) {
      const progress = terminalProgress({ stream, env: {} });
      const stack = await startTestStack('sample-mailbox', { ...config, progress });
      try {
        runs.push(await runMailbox(stack, messages, progress));
        sent.push(await stack.sentMail());
      } finally {
        await stack.stop();
      }
    }

    // Assess: the same numbers, in file order
    const [first, second] = runs.map(ticketsByCustomer);
    expect(Object.keys(first!)).toHaveLength(15);
    expect(second).toEqual(first);
    expect(first!['maria.lopez@example.net']).toBe('T-10001'); // 01-routine-opening-hours.eml
    expect(first!['priya.shah@example.com']).toBe('T-10003'); // 03-complaint-late-delivery.eml
    expect(first!['lin.meiling@example.tw']).toBe('T-10013'); // 13-zh-hant-complaint.eml
    expect(runs[0]!.sent).toHaveLength(15);
    expect(runs[0]!.deadLetters).toBe(0);

    // progress on the terminal, step by step; nothing on the pipe
    expect(terminal.plain()).toContain('✔ Creating the table, queues, topics and bucket');
    expect(terminal.plain()).toMatch(/✔ Delivering 15 messages: 15\/15 \(\d+\.\d s\)\n/);
    expect(terminal.plain()).toMatch(/✔ Waiting for the replies and alerts: 15 sent, 3 alerts \(\d+\.\d s\)\n/);
    expect(pipe.text()).toBe('');

    // the zh-Hant customer: signed with the team name cdk.json gives for zh-Hant, a deadline as written in Taiwan, her words without her name
    const reply = sent[0]!.find((m) => m.to.includes('lin.meiling@example.tw'))!;
    expect(reply.subject).toBe('回覆：商品寄錯了 [T-10013]');
    expect(reply.text).toMatch(/並在2026年\d{1,2}月\d{1,2}日（星期.）(凌晨|清晨|早上|上午|中午|下午|晚上)\d{1,2}:\d{2}（英國時間）之前親自回覆您/);
    expect(reply.text).toMatch(/敬祝 順心\nExample 客服團隊\s*$/);
    expect(reply.text).toContain('您在來信中提到：「');
    expect(reply.text).not.toMatch(/林美玲」/);
    expect(reply.text).not.toContain('Customer Support');
    // …and the English customer of the same run gets the English name
    expect(sent[0]!.find((m) => m.to.includes('james.oneill@example.net'))!.text).toMatch(/Kind regards,\nExample Support\s*$/);
  }, 120_000);
});
