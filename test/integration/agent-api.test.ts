import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, LocalStack } from '../../infra/local/local-stack.ts';
import type { Ticket } from '../../lib/domain/ticket.ts';
import { triage } from '../helpers/cli.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';
import { rawMail } from '../helpers/mail.ts';

interface Reply {
  status: number;
  body: Record<string, unknown> & { ticket?: Ticket; message?: string; currentVersion?: number };
}

describe('agent API on the local stack (real DynamoDB Local, real tokens)', () => {
  let stack: LocalStack;
  let alerts: () => Promise<AlertMessage[]>;
  const tokens: Record<string, string> = {};

  async function call(method: string, path: string, options: { as?: string; token?: string; body?: unknown; raw?: string } = {}): Promise<Reply> {
    const token = options.token ?? (options.as ? tokens[options.as] : undefined);
    const response = await fetch(`${stack.api.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.body !== undefined || options.raw ? { 'content-type': 'application/json' } : {}) },
      ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  async function deliver(from: string, subject: string, body: string, messageId: string): Promise<Ticket> {
    const before = stack.smtp.published.length;
    await stack.deliver(rawMail({ from, subject, body, messageId }));
    await stack.drain();
    const key = stack.smtp.published[before]!.mail.messageId;
    const { ticketId } = (await stack.stores.deliveries.find(key))!;
    return (await stack.stores.tickets.getTicket(ticketId!))!;
  }

  beforeAll(async () => {
    stack = await startTestStack('api');
    alerts = await stack.listenToAlerts();
    for (const [user, password] of [
      ['agent1', 'agent1-local'],
      ['agent2', 'agent2-local'],
      ['lead', 'lead-local'],
    ] as const)
      tokens[user] = await stack.identity.signIn(user, password);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses requests without a valid token, and serves its OpenAPI document', async () => {
    expect((await call('GET', '/queues')).status).toBe(401);
    expect((await call('GET', '/queues', { token: 'not-a-jwt' })).status).toBe(401);
    // A token of the right shape, signed by a key that is not the identity provider's
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:username': 'mallory', 'cognito:groups': ['supervisor'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(stack.identity.issuer)
      .setAudience(stack.identity.audience)
      .setExpirationTime('1h')
      .sign(privateKey);
    const refused = await call('GET', '/queues', { token: forged });
    expect(refused).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    await expect(stack.identity.signIn('agent1', 'wrong')).rejects.toThrow(/wrong password/);

    const doc = await fetch(`${stack.api.url}/openapi.json`).then((r) => r.json() as Promise<{ openapi: string; paths: Record<string, unknown> }>);
    expect(doc.openapi).toBe('3.1.0');
    // Deny by default: every documented route, and any path that is not one, refuses a caller without a token.
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => [method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'T-10001')] as const),
    );
    expect(documented.length).toBeGreaterThan(10);
    const undocumented = [
      ['GET', '/no-such-route'],
      ['DELETE', '/tickets/T-10001'],
      ['POST', '/docs'],
      ['PUT', '/openapi.json'],
    ] as const;
    for (const [method, path] of [...documented, ...undocumented]) {
      expect(await call(method, path), `${method} ${path}`).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    }
    expect((await call('GET', '/no-such-route', { as: 'agent1' })).status).toBe(404);
    const page = await fetch(`${stack.api.url}/docs`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain("fetch('openapi.json')");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/queues', '/tickets', '/claims', '/tickets/{id}', '/tickets/{id}/replies', '/tickets/{id}/notes']));
  });

  it('lets one of two agents claiming at once take a ticket, and shows it in the queues', async () => {
    const ticket = await deliver('Nora <nora.api@example.net>', 'Parcel damaged', 'My parcel arrived damaged and the vase is broken. I want a refund.', '<api-1@example.net>');
    expect(ticket.category).toBe('complaint');
    const queues = await call('GET', '/queues', { as: 'agent1' });
    expect(
      (queues.body.queues as Array<{ category: string; status: string; count: number; unassigned: number }>).find((q) => q.category === 'complaint' && q.status === 'open'),
    ).toMatchObject({
      count: 1,
      unassigned: 1,
    });

    const [a, b] = await Promise.all([
      call('POST', '/claims', { as: 'agent1', body: { category: 'complaint' } }),
      call('POST', '/claims', { as: 'agent2', body: { category: 'complaint' } }),
    ]);
    const winners = [a, b].filter((r) => r.body.ticket);
    expect(winners).toHaveLength(1);
    expect([a, b].filter((r) => r.body.ticket === null)).toHaveLength(1);
    expect(winners[0]!.body.ticket!.ticketId).toBe(ticket.ticketId);
    const holder = winners[0]!.body.ticket!.assignee;
    expect((await stack.stores.tickets.getTicket(ticket.ticketId))?.assignee).toBe(holder);

    // A colleague can neither release it nor take it over while the claim is fresh
    const other = holder === 'agent1' ? 'agent2' : 'agent1';
    const held = (await stack.stores.tickets.getTicket(ticket.ticketId))!;
    expect(await call('POST', `/tickets/${ticket.ticketId}/assignee`, { as: other, body: { assignee: null, expectedVersion: held.version } })).toMatchObject({ status: 403 });
    expect(await call('POST', `/tickets/${ticket.ticketId}/assignee`, { as: other, body: { assignee: other, expectedVersion: held.version } })).toMatchObject({
      status: 409,
      body: { message: expect.stringContaining(`being worked on by ${holder}`) },
    });
    const mine = await call('GET', `/tickets?category=complaint&assignee=${holder}`, { as: 'lead' });
    expect((mine.body.tickets as Ticket[]).map((t) => t.ticketId)).toEqual([ticket.ticketId]);
  });

  it('answers with the apology template, notes, resolves, and keeps the whole story', async () => {
    const ticket = await deliver('Omar <omar.api@example.net>', 'Late order', 'My order is two weeks late and nobody answers. This is not acceptable.', '<api-2@example.net>');
    const claimed = await call('POST', '/claims', { as: 'agent1', body: { category: ticket.category } });
    const current = claimed.body.ticket!;
    expect(current.ticketId).toBe(ticket.ticketId);

    const draft = await call('GET', `/tickets/${ticket.ticketId}/drafts/apology`, { as: 'agent1' });
    expect(draft).toMatchObject({ status: 200, body: { template: 'apology', locale: 'en' } });
    expect(String(draft.body.text)).toContain('Omar');
    expect(await call('GET', `/tickets/${ticket.ticketId}/drafts/nope`, { as: 'agent1' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('apology') } });
    expect(await call('GET', `/tickets/${ticket.ticketId}/drafts/apology?locale=fr`, { as: 'agent1' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('zh-Hant') },
    });

    const text = `${String(draft.body.text)}\n\nP.S. A new parcel leaves today.`;
    const replied = await call('POST', `/tickets/${ticket.ticketId}/replies`, { as: 'agent1', body: { text, expectedVersion: current.version } });
    expect(replied.status).toBe(200);
    // The same version again is stale: 409 with the current one, nothing sent twice
    const stale = await call('POST', `/tickets/${ticket.ticketId}/replies`, { as: 'agent1', body: { text: 'again', expectedVersion: current.version } });
    expect(stale).toMatchObject({ status: 409, body: { error: 'stale-version', currentVersion: replied.body.ticket!.version } });
    await stack.drain();
    const mail = await sentTo(stack, 'omar.api@example.net');
    expect(mail.map((m) => m.subject)).toEqual(expect.arrayContaining([`Re: Late order [${ticket.ticketId}]`]));
    const agentMail = (await stack.sentMail()).filter((m) => m.to.includes('omar.api@example.net') && m.text.includes('A new parcel leaves today'));
    expect(agentMail).toHaveLength(1);
    expect(agentMail[0]!.inReplyTo).toBe('<api-2@example.net>');
    expect(agentMail[0]!.autoSubmitted).toBeUndefined();

    const noted = await call('POST', `/tickets/${ticket.ticketId}/notes`, {
      as: 'agent1',
      body: { text: 'Courier confirmed the new parcel.', expectedVersion: replied.body.ticket!.version },
    });
    expect(noted.status).toBe(200);
    const resolved = await call('POST', `/tickets/${ticket.ticketId}/status`, {
      as: 'agent1',
      body: { status: 'resolved', summary: 'Sent a new parcel.', expectedVersion: noted.body.ticket!.version },
    });
    expect(resolved.body.ticket).toMatchObject({ status: 'resolved', resolutionSummary: 'Sent a new parcel.' });
    expect(resolved.body.ticket!.sla?.resolvedAt).toBeDefined(); // the follow-up is scheduled from here

    await stack.drain();
    const view = await call('GET', `/tickets/${ticket.ticketId}`, { as: 'agent2' });
    const audit = view.body.audit as Array<{ action: string; actor: string; from?: string; to?: string }>;
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['receive', 'customer'],
      ['claim', 'agent1'],
      ['agent-reply', 'agent1'],
      ['note', 'agent1'],
      ['resolve', 'agent1'],
    ]);
    const thread = view.body.thread as Array<{ direction: string; text: string }>;
    expect(thread.filter((m) => m.direction === 'note').map((m) => m.text)).toEqual(['Courier confirmed the new parcel.']);
    expect(await sentTo(stack, 'omar.api@example.net')).toHaveLength(3); // apology, the agent's reply, the resolution summary
  });

  it('reports SLA attainment per queue for the supervisor view: the answered complaint counts as met', async () => {
    expect((await call('GET', '/reports/sla')).status).toBe(401);
    expect(await call('GET', '/reports/sla', { as: 'agent1' })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const report = await call('GET', '/reports/sla', { as: 'lead' });
    expect(report.status).toBe(200);
    const queues = report.body.queues as Array<{ category: string; tickets: number; met: number; breached: number; overdue: number; attainment: number | null }>;
    expect(queues.map((q) => q.category)).toEqual(['threat', 'rude', 'complaint', 'routine']);
    // Nora's complaint (claimed, not yet answered, not yet due) and Omar's (answered by a person, then resolved)
    expect(queues.find((q) => q.category === 'complaint')).toEqual({ category: 'complaint', tickets: 2, met: 1, breached: 0, atRisk: 0, overdue: 0, attainment: 1 });
    expect(queues.find((q) => q.category === 'threat')).toMatchObject({ tickets: 0, attainment: null });
  });

  it('names what is wrong: unknown ticket, tampered cursor, bad body, too long, illegal move, forbidden reassignment', async () => {
    const ticket = await deliver('Pia <pia.api@example.net>', 'Opening hours', 'When do you open on Sunday?', '<api-3@example.net>');
    expect(await call('GET', '/tickets/T-99999', { as: 'agent1' })).toMatchObject({ status: 404, body: { error: 'not-found' } });
    expect(await call('GET', '/tickets/nope', { as: 'agent1' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('id') } });
    const tampered = Buffer.from(JSON.stringify({ queuePk: 'QUEUE#routine#open' })).toString('base64url');
    expect(await call('GET', `/tickets?category=routine&cursor=${tampered}`, { as: 'agent1' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('cursor') },
    });
    expect(await call('POST', `/tickets/${ticket.ticketId}/replies`, { as: 'agent1', body: { text: 'hi' } })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('expectedVersion') },
    });
    expect(await call('POST', `/tickets/${ticket.ticketId}/replies`, { as: 'agent1', raw: '{not json' })).toMatchObject({ status: 400 });
    expect(await call('POST', `/tickets/${ticket.ticketId}/replies`, { as: 'agent1', body: { text: 'x'.repeat(50_001), expectedVersion: ticket.version } })).toMatchObject({
      status: 413,
    });
    expect(await call('POST', `/tickets/${ticket.ticketId}/status`, { as: 'agent1', body: { status: 'open', expectedVersion: ticket.version } })).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect(await call('POST', `/tickets/${ticket.ticketId}/assignee`, { as: 'agent1', body: { assignee: 'agent2', expectedVersion: ticket.version } })).toMatchObject({
      status: 403,
    });
    const assigned = await call('POST', `/tickets/${ticket.ticketId}/assignee`, { as: 'lead', body: { assignee: 'agent2', expectedVersion: ticket.version } });
    expect(assigned.body.ticket?.assignee).toBe('agent2');
    // nothing half-written: the refused requests left no trace in the audit trail
    const audit = (await call('GET', `/tickets/${ticket.ticketId}`, { as: 'lead' })).body.audit as Array<{ action: string; actor: string; to?: string }>;
    expect(audit.map((a) => a.action)).toEqual(['receive', 'assign']);
    expect(audit[1]).toMatchObject({ actor: 'lead', to: 'agent2' });
  });

  it('recategorises with a reason, into the right queue and policy', async () => {
    const ticket = await deliver('Quinn <quinn.api@example.net>', 'Question about delivery', 'Your driver is an idiot and you are all useless clowns.', '<api-4@example.net>');
    const target = ticket.category === 'rude' ? 'complaint' : 'rude';
    const moved = await call('POST', `/tickets/${ticket.ticketId}/category`, {
      as: 'agent2',
      body: { category: target, reason: 'insults staff', expectedVersion: ticket.version },
    });
    expect(moved.body.ticket).toMatchObject({ category: target });
    const queue = await call('GET', `/tickets?category=${target}`, { as: 'agent2' });
    expect((queue.body.tickets as Ticket[]).map((t) => t.ticketId)).toContain(ticket.ticketId);
    const audit = (await call('GET', `/tickets/${ticket.ticketId}`, { as: 'agent2' })).body.audit as Array<{ action: string; from?: string; to?: string; detail?: string }>;
    expect(audit.at(-1)).toMatchObject({ action: 'recategorise', from: ticket.category, to: target, detail: 'insults staff' });

    // The recategorisation is classifier feedback: exported as a labelled row for `triage train`
    const exported = await triage(['feedback', 'export', '--endpoint', stack.endpoints.dynamodb, '--table', stack.resources.tableName]);
    expect(exported.code).toBe(0);
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; lang: string; label: string; subject: string; body: string });
    expect(rows).toContainEqual({
      id: `feedback-${ticket.ticketId}`,
      lang: 'en',
      label: target,
      subject: 'Question about delivery',
      body: 'Your driver is an idiot and you are all useless clowns.',
    });
  });

  it('flags a customer so their next ticket says so, escalates, and finds tickets by number or address', async () => {
    const first = await deliver('Ray <ray.api@example.net>', 'You people are useless', 'Useless, all of you. Fix my account.', '<api-5@example.net>');
    const flagged = await call('POST', `/tickets/${first.ticketId}/customer-flags`, { as: 'agent1', body: { flags: { rude: true, vip: true }, expectedVersion: first.version } });
    expect(flagged.body.ticket?.customerFlags).toEqual({ rude: true, vip: true });
    const escalated = await call('POST', `/tickets/${first.ticketId}/escalation`, {
      as: 'agent1',
      body: { reason: 'wants a refund above my limit', expectedVersion: flagged.body.ticket!.version },
    });
    expect(escalated.body.ticket?.escalation).toMatchObject({ by: 'agent1', reason: 'wants a refund above my limit' });
    await alerts(); // forget earlier alerts
    await stack.drain();
    const [notice] = await alerts();
    expect(notice?.Subject).toBe(`[Escalated] ${first.ticketId}: You people are useless`);
    expect(notice?.Message).toContain('agent1 asks a supervisor to take over');
    expect(notice?.Message).toContain('Why: wants a refund above my limit');

    // The next ticket of the same customer carries the flags, and VIP moves it up
    const second = await deliver('Ray <ray.api@example.net>', 'Another question', 'When do you open on Sunday?', '<api-6@example.net>');
    expect(second.customerFlags).toEqual({ rude: true, vip: true });
    expect(second.sla?.priorityReasons).toContain('vip');

    const customer = await call('GET', `/customers/${encodeURIComponent('ray.api@example.net')}`, { as: 'agent2' });
    expect(customer.body).toMatchObject({ address: 'ray.api@example.net', flags: { rude: true, vip: true } });
    expect((customer.body.tickets as Array<{ ticketId: string }>).map((t) => t.ticketId)).toEqual([second.ticketId, first.ticketId]);
    const byNumber = await call('GET', `/search?q=${first.ticketId.toLowerCase()}`, { as: 'agent2' });
    expect((byNumber.body.tickets as Ticket[]).map((t) => t.ticketId)).toEqual([first.ticketId]);
    const byAddress = await call('GET', '/search?q=ray.api@example.net', { as: 'agent2' });
    expect((byAddress.body.tickets as Ticket[]).map((t) => t.ticketId)).toEqual([second.ticketId, first.ticketId]);
    const byWords = await call('GET', `/search?q=${encodeURIComponent('Useless people')}`, { as: 'agent2' });
    expect((byWords.body.tickets as Ticket[]).map((t) => t.ticketId)).toEqual([first.ticketId]);
    expect(await call('GET', '/search?q=a', { as: 'agent2' })).toMatchObject({ status: 400 });
    const flaggedOnly = await call('GET', '/tickets?flagged=true', { as: 'agent2' });
    expect((flaggedOnly.body.tickets as Ticket[]).map((t) => t.ticketId).sort()).toEqual([first.ticketId, second.ticketId].sort());
    const view = await call('GET', `/tickets/${first.ticketId}`, { as: 'lead' });
    expect((view.body.audit as Array<{ action: string }>).map((a) => a.action)).toEqual(['receive', 'flag-customer', 'escalate']);
  });

  it('links attachments for a few minutes instead of exposing the bucket', async () => {
    const before = stack.smtp.published.length;
    const pdf = Buffer.from('%PDF-1.4 receipt for order 4471').toString('base64');
    const mime = [
      'From: Sue <sue.api@example.net>',
      'To: support@example.com',
      'Subject: Receipt attached',
      'Message-ID: <api-7@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is my receipt; the charge is wrong.',
      '--b1',
      'Content-Type: application/pdf; name="receipt.pdf"',
      'Content-Disposition: attachment; filename="receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--b1--',
      '',
    ].join('\r\n');
    await stack.deliver(Buffer.from(mime));
    await stack.drain();
    const { ticketId } = (await stack.stores.deliveries.find(stack.smtp.published[before]!.mail.messageId))!;
    const view = await call('GET', `/tickets/${ticketId}`, { as: 'agent1' });
    const [attachment] = (view.body.thread as Array<{ attachments?: Array<{ filename: string; url?: string }> }>)[0]!.attachments ?? [];
    expect(attachment?.filename).toBe('receipt.pdf');
    expect(attachment?.url).toMatch(/X-Amz-Expires=900/);
    const download = await fetch(attachment!.url!);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe('%PDF-1.4 receipt for order 4471');
    // stored items never hold the link
    expect((await stack.stores.tickets.getThread(ticketId!))[0]!.attachments?.[0]?.url).toBeUndefined();
  });
});
