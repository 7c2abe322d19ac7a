import { z as classic } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { classicSchema } from '../../functions/agent-api/classic-schema.ts';
import { AuditEntrySchema, ThreadMessageSchema, TicketSchema } from '../../lib/domain/ticket.ts';
import * as z from '../../lib/domain/zod.ts';
import { aTicket } from '../helpers/tickets.ts';

const TICKET_ID = 'T-10042';

describe('classicSchema: the agent API documents the zod/mini schemas of the domain', () => {
  it('rebuilds a mini schema as a classic one that parses alike: defaults filled, the same issues on bad input', () => {
    // Prepare
    const ticket = aTicket({ ticketId: TICKET_ID });
    const { participants: _, reopenedCount: __, ...withoutDefaults } = ticket;
    const bad = { ...ticket, version: 0, status: 'lost', createdAt: 'yesterday' };
    const Rebuilt = classicSchema(TicketSchema);

    // Act
    const good = Rebuilt.parse(withoutDefaults);
    const issues = (schema: z.ZodMiniType) => schema.safeParse(bad).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

    // Assess
    expect(Rebuilt).toBeInstanceOf(classic.ZodObject);
    expect(good).toEqual(TicketSchema.parse(withoutDefaults));
    expect(good.participants).toEqual([]);
    // Each parse gets its own default, as from the mini schema: one shared array would leak between responses.
    expect(Rebuilt.parse(withoutDefaults).participants).not.toBe(good.participants);
    expect(issues(Rebuilt as unknown as z.ZodMiniType)).toEqual(issues(TicketSchema));
    expect(issues(TicketSchema)).toHaveLength(3);
  });

  it('gives the same JSON Schema as the mini schema, so the OpenAPI document says what the domain checks', () => {
    for (const schema of [TicketSchema, ThreadMessageSchema, AuditEntrySchema]) {
      expect(classic.toJSONSchema(classicSchema(schema))).toEqual(z.toJSONSchema(schema));
    }
  });

  it('rebuilds each schema once, and leaves a classic schema as it is', () => {
    const classicOne = classic.string();
    expect(classicSchema(TicketSchema)).toBe(classicSchema(TicketSchema));
    expect(classicSchema(classicOne)).toBe(classicOne);
  });
});
