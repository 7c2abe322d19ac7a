import createClient, { type Middleware } from 'openapi-fetch';
import type { Readable } from 'openapi-typescript-helpers';
import type { paths } from './schema.d.ts';

/**
 * Response bodies, named after the OpenAPI document's operations (generated types, never hand-copied),
 * as openapi-fetch hands them out (its `Readable` view of the schema).
 */
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? Readable<B> : never;

export type QueuesBody = Ok<'/queues', 'get'>;
export type QueueSummary = QueuesBody['queues'][number];
export type TicketList = Ok<'/tickets', 'get'>;
export type Ticket = TicketList['tickets'][number];
export type TicketView = Ok<'/tickets/{id}', 'get'>;
export type ThreadMessage = TicketView['thread'][number];
export type AuditEntry = TicketView['audit'][number];
export type SlaReport = Ok<'/reports/sla', 'get'>;
export type Category = Ticket['category'];
export type TicketStatus = Ticket['status'];
export type Locale = Ticket['locale'];
export type TicketQuery = NonNullable<paths['/tickets']['get']['parameters']['query']>;

export const CATEGORIES: readonly Category[] = ['threat', 'rude', 'complaint', 'routine'];
export const STATUSES: readonly TicketStatus[] = ['open', 'pending', 'resolved', 'closed', 'spam', 'quarantined'];
export const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
/** Templates an agent may start a reply from (the API lists them in its 400 answer; these are the ones the API accepts). */
export const TEMPLATES = ['apology', 'acknowledgement', 'boundary', 'still-on-it', 'pending-reminder', 'follow-up'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** What the API said when it refused: its error name, message, and for a stale version the current one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Api = ReturnType<typeof createApi>;

/** The typed client: every call carries the agent's ID token; a 401 signs the agent out. */
export function createApi(baseUrl: string, token: () => string | undefined, onUnauthenticated: () => void) {
  const auth: Middleware = {
    onRequest({ request }) {
      const t = token();
      if (t) request.headers.set('authorization', `Bearer ${t}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  };
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, '') });
  client.use(auth);
  return client;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's own words. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data !== undefined && response.ok) return data;
  const body = (error ?? {}) as { error?: string; message?: string; currentVersion?: number };
  throw new ApiError(response.status, body.error ?? 'http', body.message ?? `HTTP ${response.status}`, body.currentVersion);
}
