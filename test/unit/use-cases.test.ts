import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../lib/classify/classifier.ts';
import type { SecondOpinion, Verdict } from '../../lib/classify/second-opinion.ts';
import { ConflictError, SendOutcomeUnknownError, SendRejectedError } from '../../lib/domain/errors.ts';
import type { InboundDelivery } from '../../lib/domain/inbound-delivery.ts';
import type { OutboundJob } from '../../lib/domain/outbound-job.ts';
import type { AlertPublisher, MailSender, OutboundQueue, RawMailStore, TicketRepository } from '../../lib/domain/ports.ts';
import { DEFAULT_AUTO_REPLY_POLICY } from '../../lib/domain/reply-policy.ts';
import { DEFAULT_SLA_CONFIG } from '../../lib/domain/sla/sla-config.ts';
import type { Category, Classification, RawMailRef } from '../../lib/domain/ticket.ts';
import { recategorise, replyToCustomer, resolveTicket } from '../../lib/use-cases/agent-actions.ts';
import { type IngestDeps, ingestEmail } from '../../lib/use-cases/ingest-email.ts';
import { recordFeedback } from '../../lib/use-cases/record-feedback.ts';
import { type MailerDeps, sendOutboundMail } from '../../lib/use-cases/send-outbound-mail.ts';
import { sweepSlaTimers } from '../../lib/use-cases/sweep-sla-timers.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { TemplateMailRenderer } from '../../templates/mail-renderer.ts';
import { inMemoryStores, type Stores } from '../fakes/in-memory-stores.ts';
import { TestClock } from '../helpers/clock.ts';
import { rawMail } from '../helpers/mail.ts';
import { anInboundMessage, aTicket, seedTicket } from '../helpers/tickets.ts';

/** Always the given category: these tests are about the pipeline, not the classifier. */
function fixedClassifier(category: Category, language: Classification['language'] = 'en'): Classifier {
  const classification: Classification = {
    category,
    confidence: 0.9,
    language,
    needsReview: false,
    scores: { threat: 0, rude: 0, complaint: 0, routine: 0, [category]: 0.9 },
    signals: [],
  };
  return { classify: () => classification };
}

class MemoryQueue implements OutboundQueue {
  readonly jobs: OutboundJob[] = [];
  async enqueue(job: OutboundJob): Promise<void> {
    this.jobs.push(job);
  }
}

class MemoryRawMail implements RawMailStore {
  readonly objects = new Map<string, Buffer>();
  async load(ref: RawMailRef): Promise<Buffer> {
    const raw = this.objects.get(ref.key);
    if (!raw) throw new Error(`no ${ref.key}`);
    return raw;
  }
  async putAttachment(_ref: RawMailRef, index: number): Promise<string> {
    return `attachments/${index}`;
  }
}

class RecordingSender implements MailSender {
  readonly sent: Array<{ raw: string; to: readonly string[] }> = [];
  readonly failures: Error[] = [];
  async sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ raw: raw.toString('utf8'), to: envelope.to });
    return { messageId: `ses-${this.sent.length}` };
  }
}

class RecordingAlerts implements AlertPublisher {
  readonly published: Array<{ subject: string; text: string }> = [];
  async publish(alert: { subject: string; text: string }): Promise<{ messageId: string }> {
    this.published.push(alert);
    return { messageId: `sns-${this.published.length}` };
  }
}

describe('use cases on in-memory stores', () => {
  let stores: Stores;
  let queue: MemoryQueue;
  let raw: MemoryRawMail;
  let clock: TestClock;
  let sender: RecordingSender;
  let alerts: RecordingAlerts;

  beforeEach(() => {
    stores = inMemoryStores();
    queue = new MemoryQueue();
    raw = new MemoryRawMail();
    clock = new TestClock(new Date('2026-11-24T10:00:00Z'));
    sender = new RecordingSender();
    alerts = new RecordingAlerts();
  });

  const ingestDeps = (category: Category = 'complaint', language: Classification['language'] = 'en'): IngestDeps => ({
    rawMail: raw,
    tickets: stores.tickets,
    deliveries: stores.deliveries,
    suppressions: stores.suppressions,
    outbound: queue,
    clock,
    classifier: fixedClassifier(category, language),
    defaultLocale: 'en',
    policy: DEFAULT_AUTO_REPLY_POLICY,
    sla: DEFAULT_SLA_CONFIG,
    supportAddresses: ['support@example.com'],
    alerts,
  });
  const mailerDeps = (): MailerDeps => ({
    tickets: stores.tickets,
    ledger: stores.ledger,
    sender,
    alerts,
    suppressions: stores.suppressions,
    clock,
    teamName: 'Acme Support',
    timeZone: 'UTC',
    renderer: async () => new TemplateMailRenderer(TemplateCatalog.builtIn()),
    noticeLocale: 'en',
    policy: DEFAULT_AUTO_REPLY_POLICY,
    supportAddresses: ['support@example.com'],
  });

  function delivery(key: string, mail: Buffer, verdicts: InboundDelivery['verdicts'] = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' }): InboundDelivery {
    raw.objects.set(key, mail);
    return { deliveryKey: key, receivedAt: clock.now().toISOString(), raw: { bucket: 'b', key }, recipients: ['support@example.com'], envelopeSender: 'ada@example.net', verdicts };
  }

  it('sends nothing to mail from one of our support addresses, whatever address it was delivered to', async () => {
    const mail = rawMail({ from: 'Support <support@example.com>', subject: 'Question about invoice', messageId: '<own@x>' });
    const toCeo = { ...delivery('ses-own', mail), recipients: ['ceo@example.com'], envelopeSender: 'support@example.com' };
    const outcome = await ingestEmail(toCeo, ingestDeps('routine'));
    expect(outcome).toMatchObject({ status: 'created', acknowledged: false });
    expect(queue.jobs.filter((j) => j.kind === 'acknowledgement')).toEqual([]);
    const ticket = await stores.tickets.getTicket(outcome.status === 'created' ? outcome.ticketId : '');
    expect(ticket?.autoReplySuppressed).toBe('autoreply-suppressed:own-address');
  });

  it('ingests a complaint once, however often it is delivered, owing one apology', async () => {
    const mail = rawMail({ subject: 'Lamp broken', body: 'The lamp arrived broken. Please replace it.' });
    const first = await ingestEmail(delivery('ses-1', mail), ingestDeps());
    expect(first).toMatchObject({ status: 'created', category: 'complaint', acknowledged: true });
    // SES delivering it again: the same ticket, and what it owes queued again as the same job (the mailer sends an id once)
    const ticketId = first.status === 'created' ? first.ticketId : '';
    expect(await ingestEmail(delivery('ses-1', mail), ingestDeps())).toMatchObject({ ticketId });
    expect(await ingestEmail(delivery('ses-2', mail), ingestDeps())).toMatchObject({ status: 'duplicate', ticketId }); // same content, new receipt
    expect(queue.jobs.map((j) => j.kind)).toEqual(['apology', 'apology']);
    expect(new Set(queue.jobs.map((j) => j.jobId)).size).toBe(1);
    expect(await stores.tickets.ticketsOfCustomer('ada@example.net', 10)).toHaveLength(1);
    expect(await stores.tickets.getThread(ticketId)).toHaveLength(1);
  });

  it('queues the same first reply on a late redelivery, even after an agent recategorised the ticket', async () => {
    const mail = rawMail({ subject: 'Lamp broken', body: 'The lamp arrived broken. Please replace it.', messageId: '<late@x>' });
    const first = await ingestEmail(delivery('ses-late', mail), ingestDeps('complaint'));
    const ticketId = first.status === 'created' ? first.ticketId : '';
    await recategorise(
      { ticketId, category: 'rude', reason: 'abusive on the phone', agent: 'Bea' },
      { tickets: stores.tickets, outbound: queue, clock, config: DEFAULT_SLA_CONFIG },
    );
    await ingestEmail(delivery('ses-late', mail), ingestDeps('complaint'));
    const firstReplies = queue.jobs.filter((j) => j.jobId.includes(':ack:'));
    expect(firstReplies.map((j) => j.kind)).toEqual(['apology', 'apology']);
    expect(new Set(firstReplies.map((j) => j.jobId)).size).toBe(1);
  });

  it('finishes what a ticket owes when the first attempt died after writing it', async () => {
    const failing: OutboundQueue = {
      enqueue: async () => {
        throw new Error('queue down');
      },
    };
    const mail = rawMail({ subject: 'Refund', body: 'I will come to your shop and hurt you.' });
    await expect(ingestEmail(delivery('ses-3', mail), { ...ingestDeps('threat'), outbound: failing })).rejects.toThrow('queue down');
    const retry = await ingestEmail(delivery('ses-3', mail), ingestDeps('threat'));
    expect(retry).toMatchObject({ status: 'created', category: 'threat' });
    expect(queue.jobs.map((j) => j.kind)).toEqual(['alert', 'threat-received']);
  });

  it('finishes the new ticket an attempt began, even when by its retry the message would thread onto another', async () => {
    // Prepare: the first attempt claims the content for a new ticket and dies before writing it …
    const other = await seedTicket(stores.tickets, aTicket({ ticketId: 'T-17100', customer: { address: 'someone@example.net' } }));
    const mail = rawMail({ subject: `Re: Question [${other.ticketId}]`, messageId: '<began-1@x>', body: 'Where is my order?' });
    const dying: TicketRepository = {
      ...stores.tickets,
      createTicket: async () => {
        throw new Error('function timed out');
      },
    };
    await expect(ingestEmail(delivery('ses-began', mail), { ...ingestDeps('routine'), tickets: dying })).rejects.toThrow('timed out');
    // … then the sender joins the ticket the subject names, so the message would now thread onto it
    const joined = { ...other, participants: ['ada@example.net'] };
    await stores.tickets.saveTicket({
      next: joined,
      expectedVersion: 1,
      timers: [],
      audit: { ticketId: other.ticketId, at: clock.now().toISOString(), actor: 'agent1', action: 'assign' },
    });

    // Act
    const retry = await ingestEmail(delivery('ses-began', mail), ingestDeps('routine'));

    // Assess: the ticket the claim numbered, with the message once; nothing added to the other one
    expect(retry).toMatchObject({ status: 'created', acknowledged: true });
    const ticketId = retry.status === 'created' ? retry.ticketId : '';
    expect(ticketId).not.toBe(other.ticketId);
    expect(await stores.tickets.getThread(ticketId)).toHaveLength(1);
    expect(await stores.tickets.getThread(other.ticketId)).toHaveLength(1);
    expect(queue.jobs.map((j) => [j.kind, j.ticketId])).toEqual([['acknowledgement', ticketId]]);
  });

  it('threads a participant reply, and sends nothing automatic for it', async () => {
    await ingestEmail(delivery('ses-4', rawMail({ messageId: '<m1@x>' })), ingestDeps('routine'));
    const ticketId = (await stores.deliveries.find('ses-4'))!.ticketId!;
    const reply = rawMail({ subject: `Re: A question about my order [${ticketId}]`, messageId: '<m2@x>', body: 'Any news?' });
    expect(await ingestEmail(delivery('ses-5', reply), ingestDeps('routine'))).toEqual({ status: 'threaded', ticketId });
    expect(queue.jobs).toHaveLength(1);
    expect((await stores.tickets.getAudit(ticketId)).map((a) => a.action)).toEqual(['receive', 'customer-reply']);
  });

  it('records a bounce without a ticket and suppresses the failed address', async () => {
    // The bounce answers mail we sent to the address (SES id ses-gone): only such a bounce may suppress.
    const ticket = await seedTicket(stores.tickets, aTicket({ ticketId: 'T-17001', customer: { address: 'gone@example.org' } }));
    await stores.ledger.complete(
      { jobId: 'job-gone', ticketId: 'T-17001' },
      { ...anInboundMessage(ticket, 'job-gone'), direction: 'outbound', messageId: 'ses-gone', to: [{ address: 'gone@example.org' }] },
    );
    const bounce = rawMail({
      from: 'MAILER-DAEMON@mx.example.org',
      subject: 'Undelivered Mail Returned to Sender',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Failed-Recipients': 'gone@example.org', 'In-Reply-To': '<ses-gone@email.amazonses.com>' },
      body: 'This is the mail system.\n\n<gone@example.org>: host said: 550 5.1.1 user unknown',
    });
    const outcome = await ingestEmail(delivery('ses-6', bounce), ingestDeps());
    expect(outcome).toMatchObject({ status: 'recorded' });
    expect(await stores.suppressions.suppressedReason('gone@example.org', clock.now())).toBe('bounced:ses-6');
    expect(queue.jobs).toEqual([]);
  });

  it('sends a first reply once, threaded, with what the ticket and message say', async () => {
    await ingestEmail(
      delivery('ses-7', rawMail({ from: 'Ada Lovelace <ada@example.net>', subject: 'Lamp broken', messageId: '<lamp@x>', body: 'The lamp arrived broken.' })),
      ingestDeps(),
    );
    const [job] = queue.jobs;
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'sent', category: 'complaint', receivedAt: '2026-11-24T10:00:00.000Z' });
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'skipped', reason: 'already-sent' });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.raw).toContain('In-Reply-To: <lamp@x>');
    expect(sender.sent[0]!.raw).toMatch(/Subject: Re: Lamp broken \[T-\d+\]/);
    expect(sender.sent[0]!.raw).toContain('Ada Lovelace');
  });

  it("names the team in the customer's language, as sender and in the signature", async () => {
    await ingestEmail(
      delivery(
        'ses-zh',
        rawMail({ from: '林美玲 <lin@example.tw>', subject: '商品寄錯了', messageId: '<zh@x>', body: '我訂的是藍色的外套，收到的卻是黑色的。請問要怎麼辦理換貨？' }),
      ),
      ingestDeps('complaint', 'zh-Hant'),
    );
    const [job] = queue.jobs;
    await sendOutboundMail(job!, { ...mailerDeps(), teamNames: { 'zh-Hant': 'Acme 客服團隊' } });
    const mail = await simpleParser(sender.sent[0]!.raw);
    expect(mail.from?.value[0]).toEqual({ address: 'support@example.com', name: 'Acme 客服團隊' });
    expect(mail.text).toMatch(/敬祝 順心\nAcme 客服團隊\s*$/);
  });

  it('records a permanent rejection and frees the job after a transient failure', async () => {
    await ingestEmail(delivery('ses-8', rawMail({ subject: 'Hello' })), ingestDeps('routine'));
    const [job] = queue.jobs;
    sender.failures.push(Object.assign(new Error('throttled'), { name: 'Throttling' }));
    await expect(sendOutboundMail(job!, mailerDeps())).rejects.toThrow('throttled');
    sender.failures.push(new SendRejectedError('MessageRejected: bad address'));
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'skipped', reason: 'rejected:MessageRejected: bad address' });
    const thread = await stores.tickets.getThread(job!.ticketId);
    expect(thread.map((m) => m.kind)).toContain('failed:acknowledgement');
  });

  it('keeps the claim when the outcome of a send is unknown, tries once more after the lease, then gives up', async () => {
    await ingestEmail(delivery('ses-8u', rawMail({ subject: 'Hello', messageId: '<unknown@x>' })), ingestDeps('routine'));
    const [job] = queue.jobs;
    const lost = () => new SendOutcomeUnknownError('SES may have sent the message: TimeoutError');
    sender.failures.push(lost());
    await expect(sendOutboundMail(job!, mailerDeps())).rejects.toThrow(SendOutcomeUnknownError);
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'skipped', reason: 'in-progress' });
    clock.advance(5 * 60_000 + 1);
    sender.failures.push(lost());
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'skipped', reason: 'gave-up' });
    clock.advance(60 * 60_000);
    expect(await sendOutboundMail(job!, mailerDeps())).toMatchObject({ status: 'skipped', reason: 'already-sent' });
    const kinds = (await stores.tickets.getThread(job!.ticketId)).map((m) => m.kind).filter(Boolean);
    expect(kinds.sort()).toEqual(['failed:acknowledgement', 'unknown:acknowledgement', 'unknown:acknowledgement']);
  });

  it('records on the ticket that the last delivery of a job failed without sending', async () => {
    await ingestEmail(delivery('ses-8x', rawMail({ subject: 'Hello', messageId: '<exhausted@x>' })), ingestDeps('routine'));
    const [job] = queue.jobs;
    sender.failures.push(Object.assign(new Error('throttled'), { name: 'Throttling' }));
    await expect(sendOutboundMail(job!, mailerDeps(), { receive: 4, maxReceives: 5 })).rejects.toThrow('throttled');
    expect((await stores.tickets.getThread(job!.ticketId)).some((m) => m.kind === 'failed:acknowledgement')).toBe(false);
    sender.failures.push(Object.assign(new Error('throttled'), { name: 'Throttling' }));
    await expect(sendOutboundMail(job!, mailerDeps(), { receive: 5, maxReceives: 5 })).rejects.toThrow('throttled');
    const note = (await stores.tickets.getThread(job!.ticketId)).find((m) => m.kind === 'failed:acknowledgement');
    expect(note?.text).toContain('was not sent after 5 attempts (Throttling)');
  });

  it('saves an agent reply before queueing it, so a stale one sends nothing', async () => {
    await ingestEmail(delivery('ses-9', rawMail({ messageId: '<q@x>' })), ingestDeps('routine'));
    const ticketId = (await stores.deliveries.find('ses-9'))!.ticketId!;
    const agent = { tickets: stores.tickets, outbound: queue, clock, config: DEFAULT_SLA_CONFIG };
    queue.jobs.length = 0;
    const replied = await replyToCustomer({ ticketId, text: 'It ships Monday.', agentName: 'Bea' }, agent);
    expect(queue.jobs).toMatchObject([{ kind: 'agent-reply', jobId: `reply:${ticketId}:v1`, replyTo: { messageKey: 'ses-9' } }]);
    // A colleague's stale save of the version Bea answered fails, and queues nothing.
    const stale = { ...(await stores.tickets.getTicket(ticketId))!, version: 1 };
    await expect(
      stores.tickets.saveTicket({ next: stale, expectedVersion: 1, timers: [], audit: { ticketId, at: clock.now().toISOString(), actor: 'x', action: 'pending' } }),
    ).rejects.toThrow(ConflictError);
    expect(replied.version).toBe(2);
    await expect(replyToCustomer({ ticketId, text: 'bell\u0007', agentName: 'Bea' }, agent)).rejects.toThrow(/control characters/);
    await sendOutboundMail(queue.jobs[0]!, mailerDeps());
    expect(sender.sent[0]!.raw).toContain('In-Reply-To: <q@x>');
    expect(await resolveTicket(ticketId, agent, { summary: 'Shipped.' })).toMatchObject({ status: 'resolved', version: 3 });
    expect((await resolveTicket(ticketId, agent)).version).toBe(3); // resolving again changes nothing
  });

  it("never repeats a rude customer's subject in an agent's reply, and cuts a long one", async () => {
    const agent = { tickets: stores.tickets, outbound: queue, clock, config: DEFAULT_SLA_CONFIG };
    const subjectOfReplyTo = async (key: string, subject: string, category: 'rude' | 'routine') => {
      await ingestEmail(delivery(key, rawMail({ subject, messageId: `<${key}@x>` })), ingestDeps(category));
      const ticketId = (await stores.deliveries.find(key))!.ticketId!;
      queue.jobs.length = 0;
      await replyToCustomer({ ticketId, text: 'We are looking into it.', agentName: 'Bea' }, agent);
      sender.sent.length = 0;
      await sendOutboundMail(queue.jobs[0]!, mailerDeps());
      return { ticketId, subject: (await simpleParser(sender.sent[0]!.raw)).subject ?? '' };
    };
    const rude = await subjectOfReplyTo('ses-rude', 'you useless idiots, fix my kettle', 'rude');
    expect(rude.subject).toBe(`Re: your message [${rude.ticketId}]`);
    const long = await subjectOfReplyTo('ses-long', `Kettle ${'very '.repeat(60)}broken`, 'routine');
    expect(long.subject).toMatch(new RegExp(`^Re: Kettle very .*… \\[${long.ticketId}\\]$`));
    expect([...long.subject].length).toBeLessThan(140);
  });

  it('fires each due timer once over repeated sweeps: one warning, one breach', async () => {
    await ingestEmail(delivery('ses-10', rawMail({ subject: 'Late parcel' })), ingestDeps('complaint'));
    queue.jobs.length = 0;
    clock.set(new Date('2026-11-24T16:00:00Z')); // past both the warning and the deadline
    const sweep = { tickets: stores.tickets, timers: stores.timers, outbound: queue, clock, config: DEFAULT_SLA_CONFIG };
    let fired = 0;
    for (let i = 0; i < 3; i += 1) fired += (await sweepSlaTimers(sweep)).fired; // the two timers race on one ticket: the loser fires next sweep
    expect(fired).toBe(2);
    const alertsQueued = new Set(queue.jobs.filter((j) => j.kind === 'alert').map((j) => j.jobId));
    expect([...alertsQueued].map((id) => id.split(':')[1]).sort()).toEqual(['sla-breach', 'sla-warning']);
    expect((await sweepSlaTimers(sweep)).fired).toBe(0);
  });

  it('tolerates a stale entry of the lagging due-time index: a timer that fired is not attempted again', async () => {
    await ingestEmail(delivery('ses-11', rawMail({ subject: 'Late parcel' })), ingestDeps('complaint'));
    const opened = (await stores.tickets.getTicket(queue.jobs[0]!.ticketId))!;
    queue.jobs.length = 0;
    const { warnAt, dueAt } = opened.sla!.response!;
    clock.set(new Date((Date.parse(warnAt) + Date.parse(dueAt)) / 2)); // past the warning, before the deadline
    // An index that lags: it keeps answering with what it held before the first sweep, page after page.
    const seen = await Promise.all(Array.from({ length: stores.timers.shards }, (_, shard) => stores.timers.due(shard, clock.now(), 100)));
    expect(seen.flatMap((page) => page.timers).map((t) => t.kind)).toEqual(['response-warn']);
    const lagging = { ...stores.timers, due: async (shard: number) => seen[shard]! };
    const sweep = { tickets: stores.tickets, timers: lagging, outbound: queue, clock, config: DEFAULT_SLA_CONFIG };
    const all = { ...sweep, timers: stores.timers };
    expect((await sweepSlaTimers(all)).fired).toBe(1);
    const ticketId = opened.ticketId;
    const version = (await stores.tickets.getTicket(ticketId))!.version;
    const again = await sweepSlaTimers(sweep);
    expect(again).toMatchObject({ fired: 0, lostRaces: 0 });
    expect(queue.jobs.filter((j) => j.kind === 'alert')).toHaveLength(1);
    expect((await stores.tickets.getTicket(ticketId))!.version).toBe(version);
  });

  it('suppresses addresses from SES feedback: permanent bounces and complaints, not transient bounces', async () => {
    const deps = { suppressions: stores.suppressions, clock, bounceSuppressionDays: 60 };
    await recordFeedback({ kind: 'bounce', permanent: false, subtype: 'MailboxFull', addresses: ['full@example.net'], sentMessageId: 's1' }, deps);
    await recordFeedback({ kind: 'bounce', permanent: true, subtype: 'General', addresses: ['gone@example.net'], sentMessageId: 's2' }, deps);
    await recordFeedback({ kind: 'complaint', feedbackType: 'abuse', addresses: ['angry@example.net'], sentMessageId: 's3' }, deps);
    expect(await stores.suppressions.suppressedReason('full@example.net', clock.now())).toBeUndefined();
    expect(await stores.suppressions.suppressedReason('gone@example.net', clock.now())).toBe('ses-bounce:General:s2');
    expect(await stores.suppressions.suppressedReason('angry@example.net', new Date('2030-01-01T00:00:00Z'))).toBe('ses-complaint:abuse:s3');
  });

  it('keeps a saved reply in the outbox when queueing fails, and the next sweep queues it once', async () => {
    await ingestEmail(delivery('ses-11', rawMail({ messageId: '<ob@x>' })), ingestDeps('routine'));
    const ticketId = (await stores.deliveries.find('ses-11'))!.ticketId!;
    const down: OutboundQueue = {
      enqueue: async () => {
        throw new Error('SQS unavailable');
      },
    };
    const replied = await replyToCustomer({ ticketId, text: 'It ships Monday.', agentName: 'Bea' }, { tickets: stores.tickets, outbound: down, clock, config: DEFAULT_SLA_CONFIG });
    expect(replied.status).toBe('open'); // the action happened
    queue.jobs.length = 0;
    const sweep = { tickets: stores.tickets, timers: stores.timers, outbound: queue, clock, config: DEFAULT_SLA_CONFIG };
    expect((await sweepSlaTimers(sweep)).relayed).toBe(0); // within the grace period the agent's own call may still be queueing
    clock.advance(3 * 60_000);
    expect((await sweepSlaTimers(sweep)).relayed).toBe(1);
    expect(queue.jobs.filter((j) => j.kind === 'agent-reply').map((j) => j.jobId)).toEqual([`reply:${ticketId}:v1`]);
    expect((await sweepSlaTimers(sweep)).relayed).toBe(0);
  });

  describe('with a second opinion', () => {
    const unsure = (category: Category): Classifier => ({
      classify: () => ({ category, confidence: 0.5, language: 'en', needsReview: true, scores: { threat: 0, rude: 0, complaint: 0, routine: 0, [category]: 0.5 }, signals: [] }),
    });
    const opinion = (verdict: Verdict) => {
      const asked: string[] = [];
      const secondOpinion: SecondOpinion = {
        review: async (input) => {
          asked.push(input.subject);
          return { kind: 'verdict', verdict };
        },
      };
      return { asked, secondOpinion };
    };

    it('asks about mail left for review and raises a threat it sees, alerting supervisors', async () => {
      const { asked, secondOpinion } = opinion({ category: 'threat', confidence: 0.9, subtype: 'violence', reason: 'says they will come to the shop' });
      const mail = rawMail({ subject: 'See you soon', body: 'I know which shop you work at.' });
      const outcome = await ingestEmail(delivery('ses-2o-1', mail), { ...ingestDeps(), classifier: unsure('complaint'), secondOpinion });
      expect(asked).toEqual(['See you soon']);
      expect(outcome).toMatchObject({ status: 'created', category: 'threat' });
      const ticket = await stores.tickets.getTicket((await stores.deliveries.find('ses-2o-1'))!.ticketId!);
      expect(ticket?.classification).toMatchObject({ category: 'threat', needsReview: true, subtype: 'violence' });
      expect(ticket?.classification.signals.map((s) => s.rule)).toEqual(['secondOpinion.bedrock', 'threat.possible']);
      expect(queue.jobs.map((j) => j.kind)).toContain('alert');
    });

    it('does not ask about mail SES judged spam, mail from a sender it cannot verify, nor mail the classifier is sure of', async () => {
      const { asked, secondOpinion } = opinion({ category: 'routine', confidence: 0.9, reason: 'a question' });
      const spam = { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
      await ingestEmail(delivery('ses-2o-2', rawMail({ subject: 'Cheap watches' }), spam), { ...ingestDeps(), classifier: unsure('complaint'), secondOpinion });
      await ingestEmail(delivery('ses-2o-3', rawMail({ subject: 'Opening hours', messageId: '<sure@x>' })), { ...ingestDeps('routine'), secondOpinion });
      const forged = { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } as const;
      await ingestEmail(delivery('ses-2o-4', rawMail({ subject: 'Forged', messageId: '<forged@x>' }), forged), { ...ingestDeps(), classifier: unsure('complaint'), secondOpinion });
      expect(asked).toEqual([]);
    });
  });
});
