import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PACKED_MESSAGE, PACKED_TICKET, packJson, unpackJson } from '../../lib/adapters/aws/packed-json.ts';
import { readTicket, ticketItem } from '../../lib/adapters/aws/table-layout.ts';
import { aTicket } from '../helpers/tickets.ts';

describe('items packed against a dictionary', () => {
  it('round-trips any JSON, for tickets and messages alike', () => {
    const value = { text: 'Dear Ada,\n\n订单 😤', n: [1, 2.5, null], nested: { ok: true } };
    for (const kind of [PACKED_TICKET, PACKED_MESSAGE]) expect(unpackJson(packJson(value, kind), kind, 'x')).toEqual(value);
  });

  it('stores a ticket in fewer bytes than plain compression, and reads it back as it was', () => {
    // Prepare
    const ticket = aTicket({ ticketId: 'T-10042', subject: 'Order 55812 still not here', category: 'complaint' });

    // Act
    const item = ticketItem(ticket, 'urgency', []);

    // Assess
    expect((item.body as Uint8Array).length).toBeLessThan(deflateRawSync(JSON.stringify(ticket)).length * 0.8);
    expect(readTicket(item)).toEqual(ticket);
  });

  it('names the item whose body cannot be read', () => {
    expect(() => readTicket({ pk: 'TICKET#T-1', sk: 'TICKET', body: new Uint8Array([1, 2, 3]) })).toThrow(/Stored ticket TICKET#T-1 is unreadable/);
  });
});
