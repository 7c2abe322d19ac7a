import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { triage } from '../helpers/cli.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

describe('agent command line over the agent API (the README "Agents" walk-through)', () => {
  let stack: LocalStack;
  let previousConfigHome: string | undefined;

  beforeAll(async () => {
    stack = await startTestStack('agentcli');
    // The session file goes to a folder of this test's own.
    previousConfigHome = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = await mkdtemp(join(tmpdir(), 'triage-agent-cli-'));
  });
  afterAll(async () => {
    if (previousConfigHome === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = previousConfigHome;
    await stack?.stop();
  });

  it('signs in, claims a complaint, replies with the apology template, resolves it, and sees the follow-up scheduled', async () => {
    // Prepare: a complaint in the queue
    await stack.deliver(
      rawMail({
        from: 'Rita <rita.cli@example.net>',
        subject: 'Broken toaster',
        body: 'The toaster I bought last week stopped working. I am very disappointed.',
        messageId: '<cli-1@example.net>',
      }),
    );
    await stack.drain();

    // Act and assess, step by step as an agent would
    expect((await triage(['queues'])).stderr).toContain("not signed in: run 'triage login USER' first");
    const wrong = await triage(['login', 'agent1', '--password', 'nope', '--url', stack.api.url, '--identity', stack.identity.url]);
    expect(wrong.code).toBe(1);
    const login = await triage(['login', 'agent1', '--password', 'agent1-local', '--url', stack.api.url, '--identity', stack.identity.url]);
    expect(login).toMatchObject({ code: 0 });
    expect(login.stdout).toContain('Signed in as agent1');

    const queues = await triage(['queues', '--json']);
    expect(JSON.parse(queues.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'complaint', status: 'open', count: 1 })]));

    const next = await triage(['next', 'complaint']);
    expect(next.code).toBe(0);
    const ticketId = /^(T-\d+)/.exec(next.stdout)?.[1];
    expect(next.stdout).toContain('held by agent1');
    expect(next.stdout).toContain('Rita <rita.cli@example.net>');

    expect((await triage(['reply', ticketId!, '--template', 'apology'])).code).toBe(0);
    expect((await triage(['note', ticketId!, '--text', 'Offered a replacement.'])).code).toBe(0);
    expect((await triage(['flag', ticketId!, '--vip'])).stdout).toBe('rita.cli@example.net: vip set.\n');
    expect((await triage(['resolve', ticketId!, '--summary', 'A replacement toaster is on its way.'])).stdout).toContain('follow-up is scheduled');
    await stack.drain();

    const shown = await triage(['show', ticketId!]);
    expect(shown.stdout).toMatch(/resolved .*\(follow-up scheduled\)/);
    expect(shown.stdout).toMatch(/agent1 +resolve open → resolved/);
    const view = JSON.parse((await triage(['show', ticketId!, '--json'])).stdout) as { ticket: { status: string; sla: { resolvedAt?: string } } };
    expect(view.ticket.status).toBe('resolved');
    // apology (automatic), the agent's reply from the template, the resolution summary
    const mail = await sentTo(stack, 'rita.cli@example.net');
    expect(mail).toHaveLength(3);

    expect((await triage(['show', 'nonsense'])).stderr).toContain('give a ticket number such as T-10001');
    expect((await triage(['show', 'T-99999'])).stderr).toContain('T-99999 does not exist');
  });
});
