import type { TicketRepository } from '../../lib/domain/ports.ts';
import type { Category, ThreadMessage, Ticket } from '../../lib/domain/ticket.ts';

/** A valid open ticket; override what the test is about. */
export function aTicket(overrides: Partial<Ticket> & Pick<Ticket, 'ticketId'>): Ticket {
  const category: Category = overrides.category ?? 'routine';
  return {
    schemaVersion: 1,
    status: 'open',
    category,
    classification: { category, confidence: 0.9, language: 'en', needsReview: false, scores: { threat: 0, rude: 0, complaint: 0, routine: 1 }, signals: [] },
    customer: { address: 'ada@example.net', name: 'Ada' },
    supportAddress: 'support@example.com',
    subject: 'Hello',
    locale: 'en',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    slaReasons: ['test'],
    participants: [],
    reopenedCount: 0,
    version: 1,
    ...overrides,
  };
}

/** The customer's message that opened a ticket. */
export function anInboundMessage(ticket: Pick<Ticket, 'ticketId' | 'customer' | 'subject'>, key: string, overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    schemaVersion: 1,
    ticketId: ticket.ticketId,
    direction: 'inbound',
    messageKey: key,
    messageId: `<${key}@mail.example.net>`,
    at: '2026-11-24T10:00:00.000Z',
    from: ticket.customer,
    to: [{ address: 'support@example.com' }],
    subject: ticket.subject,
    text: 'Hi',
    ...overrides,
  };
}

/**
 * Stores a ticket with its first message, as ingest would (without the intake claim, which would number
 * the ticket itself: so the first message is not found by its Message-ID).
 */
export async function seedTicket(store: TicketRepository, ticket: Ticket, message = anInboundMessage(ticket, `seed-${ticket.ticketId}`)): Promise<Ticket> {
  const audit = { ticketId: ticket.ticketId, at: ticket.createdAt, actor: 'customer', action: 'receive' };
  const written = await store.createTicket({ ticket, message, deliveryKey: message.messageKey, contentKey: `content-${message.messageKey}`, timers: [], audit });
  if (!written.written) throw new Error(`${ticket.ticketId} was already seeded`);
  return ticket;
}
