import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's billing rules, as the developer guide states them ("DynamoDB item
 * sizes and formats", "DynamoDB read and write operations", "Global secondary
 * indexes: provisioned throughput considerations"), for items in the wire
 * format (AttributeValue maps). DynamoDB Local reports its own figures, which
 * do not follow these rules; the benchmarks count with these instead.
 */

export type Item = Record<string, AttributeValue>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Size of a number: one byte per two significant digits (leading and trailing zeros trimmed), plus one. */
function numberSize(n: string): number {
  const digits = n
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

/** Size of one attribute value, without its name. */
export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  // Lists and maps: 3 bytes whatever they hold, and 1 byte per element.
  if (v.L !== undefined) return 3 + v.L.reduce((n, e) => n + valueSize(e) + 1, 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((n, [name, e]) => n + utf8(name) + valueSize(e) + 1, 0);
  throw new Error(`Unknown attribute value ${JSON.stringify(v)}`);
}

/** Size of an item: the lengths of its attribute names and values. */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((n, [name, v]) => n + utf8(name) + valueSize(v), 0);
}

/** Write units for one item write of this many bytes: 1 KB each, rounded up, at least one. */
export function writeUnits(bytes: number, transactional = false): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
}

export type ReadKind = 'eventual' | 'strong' | 'transactional';

/** Read units for one read of this many bytes: 4 KB each, rounded up, at least one; half for eventually consistent reads. */
export function readUnits(bytes: number, kind: ReadKind): number {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  return kind === 'eventual' ? blocks / 2 : kind === 'strong' ? blocks : blocks * 2;
}

/** A Query or Scan reads the items it evaluates as one run: their sizes are added, then rounded to 4 KB. */
export function queryReadUnits(items: ReadonlyArray<Item>, kind: ReadKind): number {
  return readUnits(
    items.reduce((n, i) => n + itemSize(i), 0),
    kind,
  );
}

/** BatchGetItem reads each item as its own GetItem: each is rounded to 4 KB before they are added. */
export function batchGetReadUnits(items: ReadonlyArray<Item>, kind: ReadKind): number {
  return items.reduce((n, i) => n + readUnits(itemSize(i), kind), 0);
}

export interface TableShape {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: ReadonlyArray<IndexShape>;
}

export interface IndexShape {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** `ALL`, `KEYS_ONLY`, or the non-key attributes an INCLUDE projection copies. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | ReadonlyArray<string>;
}

/** The entry an item has in an index (keys of the table and the index, and what is projected), or none when the item lacks the index's keys. */
export function indexEntry(item: Item | undefined, table: TableShape, index: IndexShape): Item | undefined {
  if (!item || item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return undefined;
  if (index.projection === 'ALL') return item;
  const names = new Set([table.partitionKey, table.sortKey, index.partitionKey, index.sortKey, ...(index.projection === 'KEYS_ONLY' ? [] : index.projection)]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Write units an index spends when an item changes from `before` to `after`:
 * an entry appearing or disappearing is one write of its size; a changed index
 * key is a delete and a put; changed projected attributes under the same key
 * are one write; an entry that did not change, or was never there, costs nothing.
 */
export function indexWriteUnits(before: Item | undefined, after: Item | undefined, table: TableShape, index: IndexShape): number {
  const old = indexEntry(before, table, index);
  const next = indexEntry(after, table, index);
  if (!old && !next) return 0;
  if (!old) return writeUnits(itemSize(next));
  if (!next) return writeUnits(itemSize(old));
  const keyChanged = !sameValue(old[index.partitionKey], next[index.partitionKey]) || !sameValue(old[index.sortKey], next[index.sortKey]);
  if (keyChanged) return writeUnits(itemSize(old)) + writeUnits(itemSize(next));
  const names = new Set([...Object.keys(old), ...Object.keys(next)]);
  for (const name of names) if (!sameValue(old[name], next[name])) return writeUnits(Math.max(itemSize(old), itemSize(next)));
  return 0;
}

export interface WriteCost {
  readonly table: number;
  readonly indexes: number;
}

/**
 * One item write (put, update or delete) that took effect: the table bills the
 * larger of the item before and after (a delete, the item deleted), doubled in a
 * transaction; each index bills its own entry's change (not doubled: the index
 * is maintained after the commit, as for any write).
 */
export function itemWriteCost(before: Item | undefined, after: Item | undefined, table: TableShape, transactional: boolean): WriteCost {
  return {
    table: writeUnits(Math.max(itemSize(before), itemSize(after)), transactional),
    indexes: table.indexes.reduce((n, index) => n + indexWriteUnits(before, after, table, index), 0),
  };
}

/**
 * A write whose condition failed, or a ConditionCheck of a transaction: the table
 * bills the size of the item that is there (at least one unit), doubled in a
 * transaction; nothing changes, so no index is written.
 */
export function checkedWriteCost(existing: Item | undefined, transactional: boolean): WriteCost {
  return { table: writeUnits(itemSize(existing), transactional), indexes: 0 };
}
