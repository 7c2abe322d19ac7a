import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  batchGetReadUnits,
  checkedWriteCost,
  type IndexShape,
  indexEntry,
  itemSize,
  itemWriteCost,
  queryReadUnits,
  readUnits,
  type TableShape,
  valueSize,
  writeUnits,
} from '../../bench/aws-capacity.ts';

/** An item of exactly `bytes` bytes: a one-letter name and a string value. */
const itemOf = (bytes: number, extra: Record<string, AttributeValue> = {}) => {
  const base = { pk: { S: 'p' }, sk: { S: 's' }, ...extra };
  return { ...base, x: { S: 'a'.repeat(bytes - itemSize(base) - 1) } };
};

const KB = 1024;

describe("DynamoDB item sizes (developer guide: 'DynamoDB item sizes and formats')", () => {
  it('strings and names count their UTF-8 bytes', () => {
    expect(itemSize({ name: { S: 'abc' } })).toBe(7);
    // 汉 is three bytes in UTF-8, 😀 four.
    expect(itemSize({ 名: { S: '汉😀' } })).toBe(3 + 7);
  });

  it('numbers take one byte per two significant digits plus one, leading and trailing zeros trimmed', () => {
    expect(valueSize({ N: '27' })).toBe(2);
    expect(valueSize({ N: '123' })).toBe(3);
    expect(valueSize({ N: '1000' })).toBe(2);
    expect(valueSize({ N: '0.0012' })).toBe(2);
    expect(valueSize({ N: '-12345' })).toBe(4);
  });

  it('binary counts raw bytes; null and Boolean one byte', () => {
    expect(valueSize({ B: new Uint8Array(10) })).toBe(10);
    expect(valueSize({ BOOL: false })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
  });

  it('a list or map is 3 bytes plus its elements, each element one more byte', () => {
    expect(valueSize({ L: [] })).toBe(3);
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [{ S: 'ab' }, { N: '1' }] })).toBe(3 + (2 + 1) + (2 + 1));
    expect(valueSize({ M: { k: { S: 'ab' } } })).toBe(3 + 1 + 2 + 1);
  });
});

describe("capacity units (developer guide: 'DynamoDB read and write operations')", () => {
  it('reads: a 3,500-byte item costs what a 4 KB item does; 8 KB is 2 strong, 1 eventual, 4 transactional units', () => {
    expect(readUnits(3500, 'strong')).toBe(1);
    expect(readUnits(4 * KB, 'strong')).toBe(1);
    expect(readUnits(8 * KB, 'strong')).toBe(2);
    expect(readUnits(8 * KB, 'eventual')).toBe(1);
    expect(readUnits(8 * KB, 'transactional')).toBe(4);
    // GetItem of 10 KB: rounded to 12 KB.
    expect(readUnits(10 * KB, 'strong')).toBe(3);
  });

  it('BatchGetItem rounds each item (1.5 KB + 6.5 KB reads as 12 KB); a Query adds the sizes first', () => {
    const small = itemOf(1.5 * KB);
    const large = itemOf(6.5 * KB);
    expect(batchGetReadUnits([small, large], 'strong')).toBe(3);
    expect(queryReadUnits([small, large], 'strong')).toBe(2);
    // A query that finds nothing still costs the minimum.
    expect(queryReadUnits([], 'eventual')).toBe(0.5);
  });

  it('writes: 1 KB each, rounded up, at least one; transactional writes cost twice', () => {
    expect(writeUnits(500)).toBe(1);
    expect(writeUnits(KB)).toBe(1);
    expect(writeUnits(KB + 1)).toBe(2);
    expect(writeUnits(3.5 * KB)).toBe(4);
    expect(writeUnits(500, true)).toBe(2);
    // DynamoDB Local reports 4 for a transaction of one 500-byte item, and 4 for eight 100-byte items; AWS bills 2 and 16.
    expect(itemWriteCost(undefined, itemOf(500), { partitionKey: 'pk', sortKey: 'sk', indexes: [] }, true).table).toBe(2);
    expect(Array.from({ length: 8 }, () => itemWriteCost(undefined, itemOf(100), { partitionKey: 'pk', sortKey: 'sk', indexes: [] }, true).table).reduce((a, b) => a + b)).toBe(16);
  });

  it('an update bills the larger of the item before and after; a delete the item deleted; a failed condition the item that is there', () => {
    const table: TableShape = { partitionKey: 'pk', sortKey: 'sk', indexes: [] };
    expect(itemWriteCost(itemOf(3 * KB), itemOf(200), table, false).table).toBe(3);
    expect(itemWriteCost(itemOf(200), itemOf(2.5 * KB), table, false).table).toBe(3);
    expect(itemWriteCost(itemOf(1.5 * KB), undefined, table, false).table).toBe(2);
    expect(checkedWriteCost(itemOf(1.5 * KB), false).table).toBe(2);
    expect(checkedWriteCost(undefined, true).table).toBe(2);
  });
});

describe("global secondary index writes (developer guide: 'Provisioned throughput considerations for global secondary indexes')", () => {
  const byQueue: IndexShape = { indexName: 'byQueue', partitionKey: 'qpk', sortKey: 'qsk', projection: ['subject'] };
  const byAll: IndexShape = { indexName: 'byAll', partitionKey: 'apk', sortKey: 'ask', projection: 'ALL' };
  const table: TableShape = { partitionKey: 'pk', sortKey: 'sk', indexes: [byQueue, byAll] };
  const keyed = (extra: Record<string, AttributeValue>): Record<string, AttributeValue> => itemOf(3 * KB, extra);

  it('an index entry holds the keys of the table and the index and the projected attributes only', () => {
    const entry = indexEntry(keyed({ qpk: { S: 'Q' }, qsk: { S: '1' }, subject: { S: 'hi' } }), table, byQueue);
    expect(Object.keys(entry!).sort()).toEqual(['pk', 'qpk', 'qsk', 'sk', 'subject']);
    expect(indexEntry(keyed({ qpk: { S: 'Q' } }), table, byQueue)).toBeUndefined();
  });

  it('a new entry costs one write of its projected size; an item without the index keys costs nothing there', () => {
    const cost = itemWriteCost(undefined, keyed({ qpk: { S: 'Q' }, qsk: { S: '1' } }), table, false);
    expect(cost).toEqual({ table: 3, indexes: 1 });
    const both = itemWriteCost(undefined, keyed({ qpk: { S: 'Q' }, qsk: { S: '1' }, apk: { S: 'A' }, ask: { S: '1' } }), table, true);
    // ALL projects the whole 3 KB item; transactions double the table write, not the index maintenance.
    expect(both).toEqual({ table: 6, indexes: 1 + 3 });
  });

  it('a changed index key is a delete and a put; a projected attribute change under the same key one write; an unprojected change none', () => {
    const before = keyed({ qpk: { S: 'Q' }, qsk: { S: '1' }, subject: { S: 'a' }, other: { S: 'x' } });
    expect(itemWriteCost(before, { ...before, qsk: { S: '2' } }, table, false).indexes).toBe(2);
    expect(itemWriteCost(before, { ...before, subject: { S: 'b' } }, table, false).indexes).toBe(1);
    expect(itemWriteCost(before, { ...before, other: { S: 'y' } }, table, false).indexes).toBe(0);
    // Removing an index key removes the entry: one write.
    const { qsk: _gone, ...withoutKey } = before;
    expect(itemWriteCost(before, withoutKey, table, false).indexes).toBe(1);
  });
});
