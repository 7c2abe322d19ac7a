import { TriageError } from './errors.ts';
import type { MessageRef, OutboundJob } from './outbound-job.ts';
import type { DueTimer } from './ports.ts';
import { standingAutoMailBlocker } from './reply-policy.ts';
import { applyTimer, initialPriority, onAgentReply, onCustomerReply, onPending, onRecategorised, onResolved, startClocks, timersFor } from './sla/sla-clock.ts';
import type { SlaConfig } from './sla/sla-config.ts';
import { alertJob, customerJob } from './sla/sla-jobs.ts';
import type { TimerSpec } from './sla-state.ts';
import { type AuditEntry, type Category, type CustomerFlags, joinParticipants, type ThreadMessage, type Ticket, type TicketStatus } from './ticket.ts';

/**
 * The ticket lifecycle: the only place a ticket changes state. Each
 * transition takes a ticket and returns the next ticket, the SLA timers it
 * needs, the jobs to queue and the audit entry; an illegal transition
 * throws. Pure: the caller saves the result (conditional on the version it
 * read) and queues the jobs after the save.
 */
export interface Transition {
  /** The next ticket; its version is the one read (the store increments it on save). */
  readonly ticket: Ticket;
  readonly timers: readonly TimerSpec[];
  readonly jobs: readonly OutboundJob[];
  readonly audit: AuditEntry;
  /** A message the transition adds to the thread (an internal note), saved with the ticket. */
  readonly message?: ThreadMessage;
}

/**
 * Whether an agent may take the ticket now: nobody holds it, they hold it
 * already, or the holder left it untouched longer than the claim timeout
 * (then it goes back to the queue).
 */
export function claimable(ticket: Ticket, agent: string, at: Date, claimTimeoutMinutes: number): boolean {
  if (ticket.status !== 'open') return false;
  if (!ticket.assignee || ticket.assignee === agent) return true;
  return at.getTime() - Date.parse(ticket.updatedAt) >= claimTimeoutMinutes * 60_000;
}

/** A colleague holds the ticket; the message says who. */
export class AlreadyClaimedError extends TriageError {
  constructor(
    readonly ticketId: string,
    readonly assignee: string,
  ) {
    super(`${ticketId} is being worked on by ${assignee}`);
    this.name = 'AlreadyClaimedError';
  }
}

/** A transition the ticket's status does not allow; nothing was changed. */
export class IllegalTransitionError extends TriageError {
  constructor(
    readonly action: Command['type'],
    readonly status: TicketStatus,
  ) {
    super(`A ${status} ticket cannot take '${action}' (allowed from: ${ALLOWED_FROM[action].join(', ')})`);
    this.name = 'IllegalTransitionError';
  }
}

export type Command =
  /** The customer wrote again (the message is already on the thread). */
  | { readonly type: 'customer-reply'; readonly at: Date; readonly participants: readonly string[] }
  /** A person answered; `replyTo` is the inbound message the answer threads under. */
  | { readonly type: 'agent-reply'; readonly at: Date; readonly agent: string; readonly text: string; readonly waitForCustomer?: boolean; readonly replyTo?: MessageRef }
  | { readonly type: 'pending'; readonly at: Date; readonly agent: string }
  | { readonly type: 'resolve'; readonly at: Date; readonly agent: string; readonly summary?: string }
  | { readonly type: 'reopen'; readonly at: Date; readonly agent: string }
  | { readonly type: 'close'; readonly at: Date; readonly agent: string }
  | { readonly type: 'recategorise'; readonly at: Date; readonly agent: string; readonly category: Category; readonly reason: string }
  | { readonly type: 'assign'; readonly at: Date; readonly agent: string; readonly assignee?: string }
  /** Take the ticket to work on; refused while a colleague's claim is fresh (see `claimable`). */
  | { readonly type: 'claim'; readonly at: Date; readonly agent: string; readonly claimTimeoutMinutes: number }
  /** An internal note: kept on the thread, never sent. */
  | { readonly type: 'note'; readonly at: Date; readonly agent: string; readonly text: string }
  /** Flags on the customer (rude, threat, VIP) so the next agent is prepared; the profile is saved with the ticket. */
  | { readonly type: 'flag-customer'; readonly at: Date; readonly agent: string; readonly flags: CustomerFlags }
  /** Beyond this agent: a supervisor takes over; the ticket moves up the queue. */
  | { readonly type: 'escalate'; readonly at: Date; readonly agent: string; readonly reason: string };

const ALL: readonly TicketStatus[] = ['open', 'pending', 'resolved', 'closed', 'spam', 'quarantined'];

/** Which statuses each transition may start from. */
export const ALLOWED_FROM: Readonly<Record<Command['type'], readonly TicketStatus[]>> = {
  'customer-reply': ALL,
  'agent-reply': ['open', 'pending'],
  pending: ['open'],
  resolve: ['open', 'pending'],
  reopen: ['resolved', 'closed'],
  close: ['open', 'pending', 'resolved', 'spam', 'quarantined'],
  recategorise: ['open', 'pending'],
  assign: ['open', 'pending'],
  claim: ['open'],
  note: ALL,
  'flag-customer': ALL,
  escalate: ['open', 'pending'],
};

/** Applies one command to a ticket; throws IllegalTransitionError when its status does not allow it. */
export function transition(ticket: Ticket, command: Command, config: SlaConfig): Transition {
  if (!ALLOWED_FROM[command.type].includes(ticket.status)) throw new IllegalTransitionError(command.type, ticket.status);
  const at = command.at.toISOString();
  const touched: Ticket = { ...ticket, updatedAt: at };
  const actor = command.type === 'customer-reply' ? 'customer' : command.agent;
  const audit = (action: string, from?: string, to?: string, detail?: string): AuditEntry => ({
    ticketId: ticket.ticketId,
    at,
    actor,
    action,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(detail ? { detail } : {}),
  });
  switch (command.type) {
    case 'customer-reply': {
      const reopened = ticket.status === 'resolved' || ticket.status === 'closed';
      const status: TicketStatus = reopened || ticket.status === 'pending' ? 'open' : ticket.status;
      const sla = ticket.sla && status === 'open' ? onCustomerReply(ticket.sla, command.at, ticket.category, config) : ticket.sla;
      const next: Ticket = {
        ...touched,
        status,
        participants: joinParticipants(ticket.participants, command.participants),
        reopenedCount: ticket.reopenedCount + (reopened ? 1 : 0),
        ...withSla(sla),
      };
      return done(next, [], audit('customer-reply', ticket.status, status), config);
    }
    case 'agent-reply': {
      const status: TicketStatus = command.waitForCustomer ? 'pending' : 'open';
      const sla = ticket.sla && (command.waitForCustomer ? onPending(ticket.sla, command.at, ticket.category, config) : onAgentReply(ticket.sla, command.at));
      const next: Ticket = { ...touched, status, ...withSla(sla) };
      const job: OutboundJob = {
        schemaVersion: 2,
        // One reply per version the agent answered: a retried request is the same job, a stale one is refused by the save.
        jobId: `reply:${ticket.ticketId}:v${ticket.version}`,
        ticketId: ticket.ticketId,
        kind: 'agent-reply',
        text: command.text,
        agentName: command.agent,
        ...(command.replyTo ? { replyTo: command.replyTo } : {}),
      };
      return done(next, [job], audit('agent-reply', ticket.status, status), config);
    }
    case 'pending': {
      const sla = ticket.sla && onPending(ticket.sla, command.at, ticket.category, config);
      return done({ ...touched, status: 'pending', ...withSla(sla) }, [], audit('pending', ticket.status, 'pending'), config);
    }
    case 'resolve': {
      const sla = ticket.sla && onResolved(ticket.sla, command.at);
      const summary = command.summary?.trim();
      const next: Ticket = { ...touched, status: 'resolved', ...withSla(sla), ...(summary ? { resolutionSummary: summary } : {}) };
      // One summary per resolution: the clock epoch it left behind names it.
      const jobs = summary ? [customerJob(next, 'resolution-summary', `resolved-${next.sla?.epoch ?? ticket.version}`)] : [];
      return done(next, jobs, audit('resolve', ticket.status, 'resolved', summary), config);
    }
    case 'reopen': {
      // Someone owes the customer an answer again: the clocks run as if the customer had written.
      const sla = ticket.sla && onCustomerReply(ticket.sla, command.at, ticket.category, config);
      return done({ ...touched, status: 'open', reopenedCount: ticket.reopenedCount + 1, ...withSla(sla) }, [], audit('reopen', ticket.status, 'open'), config);
    }
    case 'close': {
      // Final for the team: clocks stop and no follow-up is scheduled (a new epoch makes any pending timer stale).
      const sla = ticket.sla && (ticket.sla.resolution.state === 'stopped' ? { ...ticket.sla, epoch: ticket.sla.epoch + 1 } : onResolved(ticket.sla, command.at));
      return done({ ...touched, status: 'closed', ...withSla(sla) }, [], audit('close', ticket.status, 'closed'), config);
    }
    case 'recategorise': {
      if (command.category === ticket.category) throw new IllegalTransitionError('recategorise', ticket.status);
      // An answer still owed is due under the new queue's policy; history, pauses and breaches are kept.
      const sla = ticket.sla && onRecategorised(ticket.sla, command.category, config);
      const next: Ticket = { ...touched, category: command.category, ...withSla(sla) };
      return done(next, [], audit('recategorise', ticket.category, command.category, command.reason), config);
    }
    case 'assign': {
      const { assignee: _previous, ...unassigned } = touched;
      const next: Ticket = command.assignee ? { ...unassigned, assignee: command.assignee } : unassigned;
      return done(next, [], audit('assign', ticket.assignee ?? '', command.assignee ?? ''), config);
    }
    case 'claim': {
      if (!claimable(ticket, command.agent, command.at, command.claimTimeoutMinutes)) throw new AlreadyClaimedError(ticket.ticketId, ticket.assignee ?? '');
      return done({ ...touched, assignee: command.agent }, [], audit('claim', ticket.assignee ?? '', command.agent), config);
    }
    case 'flag-customer': {
      const flags = { ...ticket.customerFlags, ...command.flags };
      return done({ ...touched, customerFlags: flags }, [], audit('flag-customer', describeFlags(ticket.customerFlags), describeFlags(flags)), config);
    }
    case 'escalate': {
      const sla = ticket.sla && { ...ticket.sla, priority: Math.min(5, ticket.sla.priority + 1), priorityReasons: [...ticket.sla.priorityReasons, 'escalated'] };
      const next: Ticket = { ...touched, escalation: { at, by: command.agent, reason: command.reason }, ...withSla(sla) };
      // Supervisors hear of it at once; one notice per escalation (the version it was made from names it).
      const notice = alertJob(next, 'escalation', undefined, `v${ticket.version}`);
      return done(next, [notice], audit('escalate', undefined, undefined, command.reason), config);
    }
    case 'note': {
      const message: ThreadMessage = {
        schemaVersion: 1,
        ticketId: ticket.ticketId,
        direction: 'note',
        messageKey: `note:v${ticket.version}`,
        at,
        from: { address: command.agent, name: command.agent },
        to: [],
        subject: 'Internal note',
        text: command.text,
      };
      return { ...done(touched, [], audit('note', undefined, undefined, command.text.slice(0, 200)), config), message };
    }
  }
}

/** A new ticket: clocks start at receipt when someone owes an answer (spam and quarantined mail owe nobody one). */
export function receive(draft: Omit<Ticket, 'sla' | 'slaReasons' | 'version'>, receivedAt: Date, firstMessage: MessageRef, config: SlaConfig): Transition {
  const policy = config.policies[draft.category];
  const vip = draft.customerFlags?.vip === true;
  const sla = draft.status === 'open' ? startClocks(draft.category, receivedAt, config, initialPriority(draft.classification, vip, 0)) : undefined;
  const ticket: Ticket = {
    ...draft,
    slaReasons: sla
      ? [
          `first response within ${policy.firstResponseMinutes} min ${policy.businessHours ? `of business hours (${config.calendar.timeZone})` : 'around the clock'} for ${draft.category}`,
        ]
      : [`no SLA: ${draft.status}`],
    ...withSla(sla),
    version: 1,
  };
  const audit: AuditEntry = { ticketId: ticket.ticketId, at: ticket.createdAt, actor: 'customer', action: 'receive', to: ticket.status, detail: ticket.category };
  return { ticket, timers: sla ? timersFor(sla, ticket.status, config) : [], jobs: owedOnReceipt(ticket, firstMessage), audit };
}

const FIRST_REPLY = { routine: 'acknowledgement', complaint: 'apology', rude: 'boundary', threat: 'threat-received' } as const;

/**
 * What a new ticket owes at once: the threat report to the responsible
 * people, and the first reply fitting the message (unless automatic mail to
 * the sender is suppressed). Job ids are fixed per ticket, so queueing them
 * again after a failure sends nothing twice.
 */
export function owedOnReceipt(ticket: Ticket, firstMessage: MessageRef): OutboundJob[] {
  const jobs: OutboundJob[] = [];
  // What the ticket owed when it was received, from the classification it was received with (an agent's later
  // recategorisation changes `category`, not that): a redelivery queues the very jobs the first attempt did.
  const received = ticket.classification.category;
  if (received === 'threat' && ticket.status === 'open') jobs.push(alertJob(ticket, 'threat', ticket.sla?.epoch, 'threat'));
  // No clock epoch on the first reply: it goes out even if the customer writes again first.
  // A doubtful classification gets the neutral acknowledgement: never an apology or a boundary reply on a guess.
  const kind = ticket.classification.needsReview ? 'acknowledgement' : FIRST_REPLY[received];
  if (!ticket.autoReplySuppressed && ticket.status === 'open') jobs.push(customerJob(ticket, kind, 'ack', { replyTo: firstMessage }));
  return jobs;
}

/**
 * A due SLA timer fires: warnings and breaches alert supervisors (and may
 * tell the customer we are still on it), reminders and follow-ups go to the
 * customer, auto-close resolves. A timer of another clock epoch is stale.
 */
export function timerFired(ticket: Ticket, timer: DueTimer, at: Date, config: SlaConfig): Transition | 'stale' {
  if (!ticket.sla || ticket.sla.epoch !== timer.epoch) return 'stale';
  const { state, effect, close } = applyTimer(timer.kind, ticket.sla, at, config);
  const status: TicketStatus = close ? 'resolved' : ticket.status;
  const next: Ticket = { ...ticket, sla: state, status, updatedAt: at.toISOString() };
  const jobs: OutboundJob[] = [];
  // SLA mail passes the first reply's guard: nothing automatic to a forged sender, a list or a robot.
  const mayMail = standingAutoMailBlocker(ticket) === undefined;
  if ('notify' in effect) {
    const clock = timer.kind === 'resolution-breach' ? 'resolution' : ticket.sla.response?.kind === 'next' ? 'next-response' : 'first-response';
    const dueAt = timer.kind === 'response-warn' ? (ticket.sla.response?.dueAt ?? timer.dueAt) : timer.dueAt;
    jobs.push(alertJob(next, effect.notify, timer.epoch, timer.kind, { clock, dueAt, customerUpdated: 'customer' in effect && effect.customer === 'still-on-it' && mayMail }));
  }
  if ('customer' in effect && effect.customer && mayMail) jobs.push(customerJob(next, effect.customer, timer.kind, { epoch: timer.epoch }));
  const audit: AuditEntry = {
    ticketId: ticket.ticketId,
    at: at.toISOString(),
    actor: 'system',
    action: `timer:${timer.kind}`,
    ...(close ? { from: ticket.status, to: status } : {}),
  };
  return { ticket: next, timers: timersFor(state, status, config), jobs, audit };
}

function done(ticket: Ticket, jobs: readonly OutboundJob[], audit: AuditEntry, config: SlaConfig): Transition {
  return { ticket, timers: ticket.sla ? timersFor(ticket.sla, ticket.status, config) : [], jobs, audit };
}

function withSla(sla: Ticket['sla']): Pick<Ticket, 'sla'> {
  return sla ? { sla } : {};
}

function describeFlags(flags: CustomerFlags | undefined): string {
  return (['rude', 'threat', 'vip'] as const).filter((f) => flags?.[f]).join(',');
}
