import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt, serveConsole } from '../../infra/local/console-server.ts';
import type { RunningHttpServer } from '../../infra/local/http-server.ts';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import type { Ticket } from '../../lib/domain/ticket.ts';
import { sentTo, startTestStack } from '../helpers/local.ts';

const MAILBOX = join(import.meta.dirname, '..', '..', 'samples', 'mailbox');
/** Where the screenshots go: the README's under docs/screenshots with `npm run console:screenshots`, else a scratch folder. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS_DIR ?? join(import.meta.dirname, '..', '..', 'scratch', 'screenshots');
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/**
 * The agent console in real headless Chromium (Debian's `chromium`, driven
 * by playwright-core) against the local stack: the sample mailbox goes in
 * by SMTP, agents sign in with the seeded users, and what they do ends as
 * mail in the local SES with its threading headers.
 */
describe('agent console in Chromium', () => {
  let stack: LocalStack;
  let site: RunningHttpServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  async function signedIn(user: string, password: string, locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${site.url}/`);
    await page.locator('input[name="username"]').fill(user);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('.sign-in button[type="submit"]').click();
    await page.locator('.queue-cards').waitFor();
    return page;
  }

  /** axe-core run in the page (evaluated through the debugging protocol, which the page's CSP does not govern). */
  async function seriousViolations(page: Page): Promise<AxeViolation[]> {
    await page.evaluate(await AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  async function ticketWithSubject(subject: string): Promise<Ticket> {
    for (const category of ['complaint', 'routine', 'rude', 'threat'] as const) {
      const found = (await stack.stores.tickets.listQueue(category, 'open')).find((t) => t.subject === subject);
      if (found) return found;
    }
    throw new Error(`no open ticket '${subject}'`);
  }

  beforeAll(async () => {
    stack = await startTestStack('console');
    for (const file of (await readdir(MAILBOX)).filter((f) => f.endsWith('.eml')).sort()) await stack.deliver(await readFile(join(MAILBOX, file)));
    await stack.drain();
    site = await serveConsole({ apiUrl: stack.api.url, identityUrl: stack.identity.url }, await ensureConsoleBuilt());
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    await mkdir(SHOTS, { recursive: true });
  });
  // Every page every test opens: not one script, style or request the CSP refuses.
  afterEach(() => {
    expect(cspViolations).toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await site?.stop();
    await stack?.stop();
  });

  it('serves the console with its security headers and no secret in the bundle', async () => {
    const page = await fetch(`${site.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await (await fetch(`${site.url}/${script}`)).text();
    for (const secret of ['agent1-local', 'agent2-local', 'lead-local', stack.api.url, stack.identity.url]) expect(bundle).not.toContain(secret);
    expect((await fetch(`${site.url}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('lets an agent take a complaint, answer with the apology and resolve it, while a colleague sees it taken', async () => {
    const complaint = await ticketWithSubject('Lamp arrived broken');
    const complaints = await stack.stores.tickets.listQueue('complaint', 'open');
    const agent = await signedIn('agent1', 'agent1-local');
    const colleague = await signedIn('agent2', 'agent2-local');

    // The board: counts per queue and the complaint from the sample mailbox, unassigned
    await expect.poll(() => agent.locator('[data-count="complaint"]').textContent(), { timeout: 15_000 }).toBe(String(complaints.length));
    const row = agent.locator(`tr[data-ticket="${complaint.ticketId}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-assignee]').getAttribute('data-assignee')).toBe('');
    await expect.poll(() => row.locator('time').textContent(), { timeout: 15_000 }).toMatch(/^in \d/);
    expect(await seriousViolations(agent)).toEqual([]);
    await agent.screenshot({ path: join(SHOTS, 'board-en.png'), fullPage: true });

    // Take it
    await row.getByRole('link', { name: complaint.ticketId }).click();
    await agent.getByRole('heading', { level: 1, name: new RegExp(complaint.ticketId) }).waitFor();
    await agent.getByRole('button', { name: 'Take it', exact: true }).click();
    await agent.getByText('You hold this ticket', { exact: true }).first().waitFor();
    expect((await stack.stores.tickets.getTicket(complaint.ticketId))?.assignee).toBe('agent1');

    // The colleague's board shows it taken, without a reload
    const theirRow = colleague.locator(`tr[data-ticket="${complaint.ticketId}"] td[data-assignee]`);
    await expect.poll(() => theirRow.getAttribute('data-assignee'), { timeout: 15_000 }).toBe('agent1');

    // The apology in the customer's language, edited, then sent
    expect(await agent.getByLabel('Template', { exact: true }).inputValue()).toBe('apology');
    await agent.getByRole('button', { name: 'Insert template' }).click();
    const reply = agent.getByLabel('Reply', { exact: true });
    await expect.poll(() => reply.inputValue(), { timeout: 15_000 }).toContain('James');
    await reply.fill(`${await reply.inputValue()}\n\nA new lamp leaves our warehouse today, with a prepaid label for the broken one.`);
    expect(await seriousViolations(agent)).toEqual([]);
    await agent.screenshot({ path: join(SHOTS, 'ticket-en.png'), fullPage: true });
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByText('Reply saved; it is on its way to the customer.').waitFor();

    // Resolve with the keyboard shortcut (e) once focus is out of the fields
    await agent.locator('#ticket-heading').focus();
    await agent.keyboard.press('e');
    await agent.getByText('Status changed to Resolved.').waitFor();
    expect((await stack.stores.tickets.getTicket(complaint.ticketId))?.status).toBe('resolved');

    // n takes the next ticket: one of the most urgent nobody holds (the API spreads agents over the first few)
    await agent.keyboard.press('n');
    await agent.waitForURL((url) => /^#\/tickets\/T-\d+$/.test(url.hash) && !url.hash.endsWith(complaint.ticketId));
    const next = /#\/tickets\/(T-\d+)$/.exec(agent.url())?.[1];
    await agent.getByRole('heading', { level: 1, name: new RegExp(next!) }).waitFor();
    expect(await stack.stores.tickets.getTicket(next!)).toMatchObject({ status: 'open', assignee: 'agent1' });

    // The reply went out through the local SES, threaded under the customer's message
    await stack.drain();
    const stored = await sentTo(stack, 'james.oneill@example.net');
    expect(stored.filter((m) => m.subject.includes(complaint.ticketId)).length).toBeGreaterThanOrEqual(2); // the automatic apology and the agent's reply
    const sent = (await stack.sentMail()).filter((m) => m.text.includes('A new lamp leaves our warehouse today'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: expect.stringContaining('james.oneill@example.net'), subject: expect.stringContaining(`[${complaint.ticketId}]`) });
    expect(sent[0]!.inReplyTo).toBe('<sample-04.james.oneill@mail.example>');
    expect(sent[0]!.references).toContain('<sample-04.james.oneill@mail.example>');
    expect(sent[0]!.autoSubmitted).toBeUndefined(); // a person wrote it
    expect(cspViolations).toEqual([]);
  });

  it('warns an agent whose ticket a colleague changed meanwhile, showing the change and keeping their text', async () => {
    const ticket = await ticketWithSubject('Order 55812 still not here');
    const first = await signedIn('agent1', 'agent1-local');
    const second = await signedIn('agent2', 'agent2-local');
    await second.clock.install(); // the second agent's page keeps time on a clock the test moves
    for (const page of [first, second]) {
      await page.goto(`${site.url}/#/tickets/${ticket.ticketId}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(ticket.ticketId) }).waitFor();
    }
    await first.getByLabel('Note for colleagues (never sent)').fill('Called the courier: the parcel is lost.');
    await first.getByRole('button', { name: 'Add note' }).click();
    await first.getByText('Note saved.').waitFor();

    // Ten seconds later the open page offers the colleague's change without swapping the ticket under the agent
    await second.clock.fastForward(10_000);
    const offer = second.locator('.changed');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('agent1: added a note');

    const note = second.getByLabel('Note for colleagues (never sent)');
    await note.fill('I will offer a refund.');
    await second.getByRole('button', { name: 'Add note' }).click();
    const warning = second.locator('.conflict');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('agent1: added a note');
    expect(await note.inputValue()).toBe('I will offer a refund.');
    // Now up to date: the same click saves it
    await second.getByRole('button', { name: 'Add note' }).click();
    await second.getByText('Note saved.').waitFor();
    const notes = (await stack.stores.tickets.getThread(ticket.ticketId)).filter((m) => m.direction === 'note').map((m) => m.text);
    expect(notes).toEqual(['Called the courier: the parcel is lost.', 'I will offer a refund.']);
  });

  it('speaks Chinese to a browser that prefers it, switches to Traditional, and stays accessible', async () => {
    const ticket = await ticketWithSubject((await stack.stores.tickets.listQueue('complaint', 'open')).find((t) => t.locale === 'zh-Hans')!.subject);
    const page = await signedIn('lead', 'lead-local', 'zh-CN');
    await page.getByRole('heading', { level: 1, name: '队列' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe('zh-Hans');
    await page.locator(`tr[data-ticket="${ticket.ticketId}"]`).waitFor();
    await expect.poll(() => page.locator(`tr[data-ticket="${ticket.ticketId}"] time`).textContent(), { timeout: 15_000 }).toMatch(/^还剩 \d+ (天|小时|分)/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'board-zh-Hans.png'), fullPage: true });

    await page.locator(`tr[data-ticket="${ticket.ticketId}"] a`).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket.ticketId) }).waitFor();
    // The signal, highlighted in the customer's words.
    await expect.poll(async () => (await page.locator('.message-inbound mark').allTextContents()).join(' '), { timeout: 15_000 }).toContain('失望');
    await page.getByRole('button', { name: '领取', exact: true }).click();
    await page.getByText('此工单由你处理', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByLabel('模板语言').inputValue(), { timeout: 15_000 }).toBe('zh-Hans');
    await page.getByRole('button', { name: '插入模板' }).click();
    // Polls wait for the page, not for time to pass: a busy machine may take seconds to fetch the draft.
    await expect.poll(() => page.getByLabel('回复', { exact: true }).inputValue(), { timeout: 15_000 }).toMatch(/[\u4e00-\u9fff]/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'ticket-zh-Hans.png'), fullPage: true });

    // The supervisor's view: threats first, attainment per queue
    await page.getByRole('link', { name: '主管' }).click();
    await page.getByRole('heading', { level: 2, name: '威胁与升级' }).waitFor();
    const threats = [...(await stack.stores.tickets.listQueue('threat', 'open'))];
    expect(threats.length).toBeGreaterThan(0);
    for (const threat of threats) await page.locator('.urgent-item', { hasText: threat.ticketId }).waitFor();
    await expect.poll(() => page.locator('table.report').first().locator('tbody tr').count(), { timeout: 15_000 }).toBe(4);
    await page.locator('table.report tr', { hasText: 'lead' }).filter({ hasText: ticket.ticketId }).waitFor(); // who holds what
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'supervisor-zh-Hans.png'), fullPage: true });

    await page.getByLabel('语言', { exact: true }).selectOption('zh-Hant');
    await page.getByRole('heading', { level: 1, name: '主管' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '威脅與升級' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe('zh-Hant');

    // Signing out forgets the token: the sign-in form again, in the chosen language
    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('heading', { level: 1, name: '登入客服控制台' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('inbox-triage.session'))).toBeNull();
  });
});
