import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Caller, TokenVerifier } from '../../lib/domain/caller.ts';
import { ForbiddenError, NotFoundError, StaleVersionError, TooLargeError, TriageError, UnauthenticatedError, ValidationError } from '../../lib/domain/errors.ts';
import type { AttachmentLinks, MailRenderer, SuppressionStore } from '../../lib/domain/ports.ts';
import type { TeamNaming } from '../../lib/domain/team-name.ts';
import * as domain from '../../lib/domain/ticket.ts';
import { CATEGORIES, LOCALES, TICKET_STATUSES } from '../../lib/domain/ticket.ts';
import { AlreadyClaimedError, IllegalTransitionError } from '../../lib/domain/ticket-lifecycle.ts';
import { logger } from '../../lib/telemetry.ts';
import {
  type AgentDeps,
  addNote,
  assign,
  closeTicket,
  escalate,
  flagCustomer,
  MAX_REPLY_CHARS,
  recategorise,
  reopenTicket,
  replyToCustomer,
  resolveTicket,
  setPending,
} from '../../lib/use-cases/agent-actions.ts';
import { claimNext, listTickets, queueOverview, search, slaReport, viewCustomer, viewTicket } from '../../lib/use-cases/agent-queries.ts';
import { classicSchema } from './classic-schema.ts';
import { PUBLIC_PATHS } from './public-paths.ts';
import { REFERENCE_PAGE } from './reference-page.ts';
import { draftReply } from './reply-drafts.ts';

export interface AgentApiDeps extends AgentDeps, TeamNaming {
  readonly suppressions: SuppressionStore;
  readonly attachments?: AttachmentLinks;
  readonly verifier: TokenVerifier;
  readonly renderer: () => Promise<MailRenderer>;
  readonly timeZone: string;
  /** Minutes a claimed ticket may sit untouched before it returns to the queue. */
  readonly claimTimeoutMinutes: number;
}

type Env = { Variables: { caller: Caller } };

const ErrorSchema = z.object({ error: z.string(), message: z.string(), currentVersion: z.number().int().optional() }).openapi('Error');
const TicketIdParam = z.object({
  id: z
    .string()
    .regex(/^T-\d+$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'T-10001' }),
});
const Version = z.number().int().positive().openapi({ description: 'The ticket version the action is based on; a stale one gets 409 with the current version.' });
// Domain schemas are used as they are (made before @hono/zod-openapi extends zod, so without .openapi()).
// The domain's schemas, as the classic schemas the OpenAPI document is made from.
const TicketOut = classicSchema(domain.TicketSchema);
const ThreadMessageSchema = classicSchema(domain.ThreadMessageSchema);
const AuditEntrySchema = classicSchema(domain.AuditEntrySchema);
const CustomerFlagsSchema = classicSchema(domain.CustomerFlagsSchema);
const TicketSummary = z.object({ ticketId: z.string(), subject: z.string(), category: z.enum(CATEGORIES), status: z.enum(TICKET_STATUSES), createdAt: z.string() });
const CustomerOut = z.object({ address: z.string(), flags: CustomerFlagsSchema, suppressed: z.string().optional(), tickets: z.array(TicketSummary) });
const errors = {
  400: { description: 'Malformed request: the message names the field', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing, expired or forged token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'The caller may not do this', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'No such ticket', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'The ticket changed meanwhile, or the action does not fit its status', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodType>(schema: S) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const secured = [{ Bearer: [] }];

const routes = {
  queues: createRoute({
    method: 'get',
    path: '/queues',
    summary: 'Counts per category × status, with what is at risk or breached',
    security: secured,
    responses: {
      200: json(
        z.object({
          queues: z.array(
            z.object({
              category: z.enum(CATEGORIES),
              status: z.enum(TICKET_STATUSES),
              count: z.number(),
              unassigned: z.number(),
              atRisk: z.number().describe('Tickets whose next deadline is within the hour'),
              breached: z.number(),
              nextDueAt: z.string().optional(),
            }),
          ),
        }),
        'Queue summaries',
      ),
      401: errors[401],
    },
  }),
  slaReport: createRoute({
    method: 'get',
    path: '/reports/sla',
    summary: 'SLA attainment per queue: responses met and breached, answers at risk or overdue now (supervisors)',
    security: secured,
    responses: {
      200: json(
        z.object({
          at: z.string(),
          queues: z.array(
            z.object({
              category: z.enum(CATEGORIES),
              tickets: z.number().int(),
              met: z.number().int(),
              breached: z.number().int(),
              atRisk: z.number().int().describe('Answers owed now that are past the SLA warning point and not yet due'),
              overdue: z.number().int(),
              attainment: z.number().min(0).max(1).nullable(),
            }),
          ),
        }),
        'Attainment per queue',
      ),
      401: errors[401],
      403: errors[403],
    },
  }),
  tickets: createRoute({
    method: 'get',
    path: '/tickets',
    summary: 'Tickets most urgent first (SLA deadline, then priority), filtered, a page at a time',
    security: secured,
    request: {
      query: z.object({
        category: z.enum(CATEGORIES).optional(),
        status: z.enum(TICKET_STATUSES).default('open'),
        assignee: z.string().min(1).optional(),
        unassigned: z.enum(['true', 'false']).optional(),
        needsReview: z.enum(['true', 'false']).optional(),
        flagged: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().min(1).optional().openapi({ description: 'From the previous page; needs a category' }),
      }),
    },
    responses: { 200: json(z.object({ tickets: z.array(TicketOut), cursor: z.string().optional() }), 'A page of tickets'), 400: errors[400], 401: errors[401] },
  }),
  claim: createRoute({
    method: 'post',
    path: '/claims',
    summary: 'Take the most urgent unassigned open ticket (of one queue, or of all)',
    security: secured,
    request: body(z.object({ category: z.enum(CATEGORIES).optional() })),
    responses: {
      200: json(z.object({ ticket: z.nullable(TicketOut), conflicts: z.number() }), 'The claimed ticket, or null when nothing is waiting'),
      400: errors[400],
      401: errors[401],
    },
  }),
  ticket: createRoute({
    method: 'get',
    path: '/tickets/{id}',
    summary: 'The whole ticket: state, classification, SLA clocks, the thread (messages and notes) and the audit trail',
    security: secured,
    request: { params: TicketIdParam },
    responses: {
      200: json(z.object({ ticket: TicketOut, thread: z.array(ThreadMessageSchema), audit: z.array(AuditEntrySchema), customer: CustomerOut }), 'The ticket'),
      401: errors[401],
      404: errors[404],
    },
  }),
  draft: createRoute({
    method: 'get',
    path: '/tickets/{id}/drafts/{template}',
    summary: "A template rendered for this ticket in the customer's language, to edit before sending",
    security: secured,
    request: {
      params: TicketIdParam.extend({ template: z.string().openapi({ param: { name: 'template', in: 'path' }, example: 'apology' }) }),
      query: z.object({ locale: z.string().optional() }),
    },
    responses: { 200: json(z.object({ template: z.string(), locale: z.enum(LOCALES), text: z.string() }), 'The draft'), 400: errors[400], 401: errors[401], 404: errors[404] },
  }),
  reply: createRoute({
    method: 'post',
    path: '/tickets/{id}/replies',
    summary: 'Answer the customer (threaded under their latest message); the response clock stops',
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ text: z.string().min(1), expectedVersion: Version, waitForCustomer: z.boolean().default(false) })) },
    responses: {
      200: json(z.object({ ticket: TicketOut }), 'Saved; the mail is queued'),
      ...errors,
      413: { description: `Over ${MAX_REPLY_CHARS} characters`, content: { 'application/json': { schema: ErrorSchema } } },
    },
  }),
  note: createRoute({
    method: 'post',
    path: '/tickets/{id}/notes',
    summary: 'An internal note for colleagues (never sent)',
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ text: z.string().min(1), expectedVersion: Version })) },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors, 413: { description: 'Too long', content: { 'application/json': { schema: ErrorSchema } } } },
  }),
  status: createRoute({
    method: 'post',
    path: '/tickets/{id}/status',
    summary: 'Pending (waiting on the customer), resolved (with an optional summary sent to them), reopened or closed',
    security: secured,
    request: {
      params: TicketIdParam,
      ...body(z.object({ status: z.enum(['pending', 'resolved', 'open', 'closed']), summary: z.string().max(5000).optional(), expectedVersion: Version })),
    },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors },
  }),
  category: createRoute({
    method: 'post',
    path: '/tickets/{id}/category',
    summary: "Move the ticket to the right queue, under that queue's SLA policy; the reason is kept",
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ category: z.enum(CATEGORIES), reason: z.string().min(3).max(500), expectedVersion: Version })) },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors },
  }),
  flags: createRoute({
    method: 'post',
    path: '/tickets/{id}/customer-flags',
    summary: "Flag or unflag the ticket's customer (rude, threat, VIP): every agent sees it on their tickets",
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ flags: CustomerFlagsSchema, expectedVersion: Version })) },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors },
  }),
  escalate: createRoute({
    method: 'post',
    path: '/tickets/{id}/escalation',
    summary: 'Ask a supervisor to take over; the ticket moves up the queue',
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ reason: z.string().min(3).max(500), expectedVersion: Version })) },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors },
  }),
  customer: createRoute({
    method: 'get',
    path: '/customers/{address}',
    summary: 'A customer: flags, whether automatic mail to them is suppressed, and their tickets',
    security: secured,
    request: {
      params: z.object({
        address: z
          .string()
          .includes('@')
          .openapi({ param: { name: 'address', in: 'path' }, example: 'ada@example.net' }),
      }),
    },
    responses: { 200: json(CustomerOut, 'The customer'), 400: errors[400], 401: errors[401] },
  }),
  search: createRoute({
    method: 'get',
    path: '/search',
    summary: 'Tickets by number (T-10001) or by customer address, without scanning the table',
    security: secured,
    request: { query: z.object({ q: z.string().min(1) }) },
    responses: { 200: json(z.object({ tickets: z.array(TicketOut) }), 'Matches, newest first'), 400: errors[400], 401: errors[401] },
  }),
  assignee: createRoute({
    method: 'post',
    path: '/tickets/{id}/assignee',
    summary: 'Reassign (supervisors) or release (the holder)',
    security: secured,
    request: { params: TicketIdParam, ...body(z.object({ assignee: z.string().min(1).nullable(), expectedVersion: Version })) },
    responses: { 200: json(z.object({ ticket: TicketOut }), 'Saved'), ...errors },
  }),
};

/**
 * The agent API: every request and response validated with zod, its OpenAPI
 * 3.1 document generated from the same schemas (`/openapi.json`), every
 * action one lifecycle transition. One error mapping for all routes.
 */
export function createAgentApi(deps: AgentApiDeps): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join('.') || 'body';
        return c.json({ error: 'bad-request', message: `${field}: ${issue?.message ?? 'invalid'}` }, 400);
      }
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  // Every path needs a token but the API's own description: a route added later is protected without a line of its own.
  const signedIn = authenticate(deps);
  const open: ReadonlySet<string> = new Set(PUBLIC_PATHS);
  const isPublic = (method: string, path: string) => (method === 'GET' || method === 'HEAD') && open.has(path);
  app.use('*', (c, next) => (isPublic(c.req.method, c.req.path) ? next() : signedIn(c, next)));

  app.openapi(routes.queues, async (c) => c.json({ queues: await queueOverview(deps) }, 200));

  app.openapi(routes.slaReport, async (c) => {
    // Supervisors' figures, and the API's costliest read (every ticket of every worked queue).
    if (c.get('caller').role !== 'supervisor') throw new ForbiddenError('the SLA report is for supervisors');
    return c.json(await slaReport(deps), 200);
  });

  app.openapi(routes.tickets, async (c) => {
    const q = c.req.valid('query');
    if (q.cursor && !q.category) throw new ValidationError('cursor: paging needs a category');
    const page = await listTickets(
      {
        status: q.status,
        limit: q.limit,
        ...(q.category ? { category: q.category } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        ...(q.unassigned ? { unassigned: q.unassigned === 'true' } : {}),
        ...(q.needsReview ? { needsReview: q.needsReview === 'true' } : {}),
        ...(q.flagged ? { flagged: q.flagged === 'true' } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      },
      deps,
    );
    return c.json(page, 200);
  });

  app.openapi(routes.claim, async (c) => {
    const { category } = c.req.valid('json');
    const result = await claimNext({ agent: c.get('caller').name, claimTimeoutMinutes: deps.claimTimeoutMinutes, ...(category ? { category } : {}) }, deps);
    return c.json({ ticket: result.ticket ?? null, conflicts: result.conflicts }, 200);
  });

  app.openapi(routes.ticket, async (c) => c.json(await viewTicket(c.req.valid('param').id, deps), 200));

  app.openapi(routes.draft, async (c) => {
    const { id, template } = c.req.valid('param');
    const { ticket } = await viewTicket(id, deps);
    const draft = draftReply(ticket, template, c.req.valid('query').locale, c.get('caller'), await deps.renderer(), deps);
    return c.json(draft, 200);
  });

  app.openapi(routes.reply, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const ticket = await replyToCustomer(
      { ticketId: id, text: input.text, agentName: c.get('caller').name, waitForCustomer: input.waitForCustomer, expectedVersion: input.expectedVersion },
      deps,
    );
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.note, async (c) => {
    const input = c.req.valid('json');
    const ticket = await addNote({ ticketId: c.req.valid('param').id, text: input.text, agent: c.get('caller').name, expectedVersion: input.expectedVersion }, deps);
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.status, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const agent = c.get('caller').name;
    const options = { agent, expectedVersion: input.expectedVersion };
    const ticket =
      input.status === 'pending'
        ? await setPending(id, deps, options)
        : input.status === 'resolved'
          ? await resolveTicket(id, deps, { ...options, ...(input.summary ? { summary: input.summary } : {}) })
          : input.status === 'open'
            ? await reopenTicket(id, agent, deps, input.expectedVersion)
            : await closeTicket(id, agent, deps, input.expectedVersion);
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.category, async (c) => {
    const input = c.req.valid('json');
    const ticket = await recategorise(
      { ticketId: c.req.valid('param').id, category: input.category, reason: input.reason, agent: c.get('caller').name, expectedVersion: input.expectedVersion },
      deps,
    );
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.flags, async (c) => {
    const input = c.req.valid('json');
    const ticket = await flagCustomer({ ticketId: c.req.valid('param').id, flags: input.flags, agent: c.get('caller').name, expectedVersion: input.expectedVersion }, deps);
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.escalate, async (c) => {
    const input = c.req.valid('json');
    const ticket = await escalate({ ticketId: c.req.valid('param').id, reason: input.reason, agent: c.get('caller').name, expectedVersion: input.expectedVersion }, deps);
    return c.json({ ticket }, 200);
  });

  app.openapi(routes.customer, async (c) => c.json(await viewCustomer(c.req.valid('param').address, deps), 200));

  app.openapi(routes.search, async (c) => c.json({ tickets: await search(c.req.valid('query').q, deps) }, 200));

  app.openapi(routes.assignee, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const caller = c.get('caller');
    const ticket = await assign(
      {
        ticketId: id,
        agent: caller.name,
        role: caller.role,
        expectedVersion: input.expectedVersion,
        claimTimeoutMinutes: deps.claimTimeoutMinutes,
        ...(input.assignee ? { assignee: input.assignee } : {}),
      },
      deps,
    );
    return c.json({ ticket }, 200);
  });

  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Inbox Triage agent API', version: '1' } });
  app.get('/docs', (c) => {
    // The page's own inline script and style only; nothing from elsewhere, no framing.
    c.header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(REFERENCE_PAGE);
  });
  app.notFound((c) => c.json({ error: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => respondToError(error, c));
  return app;
}

function authenticate(deps: AgentApiDeps) {
  return async (c: Context<Env>, next: () => Promise<void>) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new UnauthenticatedError('sign in first: an Authorization: Bearer token is required');
    c.set('caller', await deps.verifier.verify(token));
    await next();
  };
}

/** The one mapping from errors to responses: precise for what the caller can fix, generic for the rest. */
function respondToError(error: Error, c: Context<Env>) {
  const reply = (status: 400 | 401 | 403 | 404 | 409 | 413 | 500, name: string, message: string, extra: object = {}) => c.json({ error: name, message, ...extra }, status);
  if (error instanceof UnauthenticatedError) return reply(401, 'unauthenticated', error.message);
  if (error instanceof ForbiddenError) return reply(403, 'forbidden', error.message);
  if (error instanceof NotFoundError) return reply(404, 'not-found', error.message);
  if (error instanceof StaleVersionError) return reply(409, 'stale-version', error.message, { currentVersion: error.currentVersion });
  if (error instanceof IllegalTransitionError || error instanceof AlreadyClaimedError) return reply(409, 'conflict', error.message);
  if (error instanceof TooLargeError) return reply(413, 'too-large', error.message);
  if (error instanceof ValidationError) return reply(400, 'bad-request', error.message);
  // Hono's own refusals (a body that is not JSON, say) carry their status.
  if (error instanceof HTTPException && error.status === 400) return reply(400, 'bad-request', `body: ${error.message}`);
  if (error instanceof HTTPException && error.status === 413) return reply(413, 'too-large', error.message);
  logger.error('agent API failure', { error: error.message, name: error.name, known: error instanceof TriageError });
  return reply(500, 'internal', 'something went wrong on our side; nothing was changed if the request did not say so');
}
