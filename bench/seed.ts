import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { ticketItem } from '../lib/adapters/aws/table-layout.ts';
import { startClocks, timersFor } from '../lib/domain/sla/sla-clock.ts';
import { DEFAULT_SLA_CONFIG } from '../lib/domain/sla/sla-config.ts';
import type { Ticket } from '../lib/domain/ticket.ts';
import { urgencyKey } from '../lib/domain/urgency.ts';

/** An open complaint received at `at`, its clocks running: the benchmarks' ticket. */
export function benchComplaint(ticketId: string, n: number, at: Date): Ticket {
  return {
    schemaVersion: 1,
    ticketId,
    status: 'open',
    category: 'complaint',
    classification: { category: 'complaint', confidence: 0.9, language: 'en', needsReview: false, scores: { threat: 0, rude: 0, complaint: 0.9, routine: 0.1 }, signals: [] },
    customer: { address: `c${n}@example.net` },
    supportAddress: 'support@example.com',
    subject: 'Late parcel',
    locale: 'en',
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    slaReasons: [],
    participants: [],
    reopenedCount: 0,
    sla: startClocks('complaint', at, DEFAULT_SLA_CONFIG),
    version: 1,
  };
}

/** Writes items straight into the stack's table, 25 to a batch, until DynamoDB has taken them all. */
export async function seedItems(stack: LocalStack, items: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const table = stack.resources.tableName;
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
      [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length > 0)
      request = (await stack.clients.documents.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems as typeof request;
  }
}

/** The item the store writes for a ticket, with the timers its state needs: the benchmarks measure the real layout. */
export function seededTicket(ticket: Ticket): Record<string, unknown> {
  return ticketItem(ticket, urgencyKey(ticket), ticket.sla ? timersFor(ticket.sla, ticket.status, DEFAULT_SLA_CONFIG) : []);
}
