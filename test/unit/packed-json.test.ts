import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PACKED_MESSAGE, PACKED_TICKET, packJson, unpackJson } from '../../lib/adapters/aws/packed-json.ts';
import { readTicket, ticketItem } from '../../lib/adapters/aws/table-layout.ts';
import { aTicket } from '../helpers/tickets.ts';

/** Format byte and dictionary hash of the ticket and message dictionaries items are stored with. */
const PINNED = ['1:0a0ae6f6f462a7b5', '1:7b39711d73805b93'];

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

  it('keeps each dictionary as items were written with it: a changed one needs a new format byte', () => {
    // Changing a dictionary silently would inflate stored items into other, valid-looking text.
    const hash = (kind: typeof PACKED_TICKET) => `${kind.format}:${createHash('sha256').update(kind.dictionary).digest('hex').slice(0, 16)}`;
    expect([hash(PACKED_TICKET), hash(PACKED_MESSAGE)]).toEqual(PINNED);
  });

  it('refuses a body of another format or one that inflates past any item', () => {
    const body = packJson({ a: 1 }, PACKED_TICKET);
    const other = Uint8Array.from(body);
    other[0] = 2;
    expect(() => unpackJson(other, PACKED_TICKET, 'TICKET#T-2')).toThrow(/format 2, expected 1/);
    const bomb = packJson({ text: 'x'.repeat(2_000_000) }, PACKED_MESSAGE);
    expect(() => unpackJson(bomb, PACKED_MESSAGE, 'JOB#x')).toThrow(/unreadable/);
  });

  it('names the item whose body cannot be read', () => {
    expect(() => readTicket({ pk: 'TICKET#T-1', sk: 'TICKET', body: new Uint8Array([1, 2, 3]) })).toThrow(/Stored ticket TICKET#T-1 is unreadable/);
  });
});
