import { AsyncLocalStorage } from 'node:async_hooks';
import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TABLE } from '../lib/adapters/aws/table-layout.ts';
import { checkedWriteCost, type Item, itemSize, itemWriteCost, queryReadUnits, type ReadKind, readUnits, type TableShape, type WriteCost } from './aws-capacity.ts';

export interface CapacityMeter {
  /** Read units, by AWS's rules. */
  read: number;
  /** Write units on the table, by AWS's rules (transactions doubled). */
  tableWrite: number;
  /** Write units on the indexes (each index entry put, changed or removed). */
  indexWrite: number;
  /** Everything written: table and indexes. */
  readonly write: number;
  /** Write units per operation name (e.g. `TransactWriteItems`), table and indexes together. */
  readonly byOperation: Record<string, number>;
  /** Write units per kind of item written (its `type` attribute, e.g. `ticket`, `message`), table and indexes together. */
  readonly byItem: Record<string, number>;
  /** Bytes of every item written (after the write), to see what the layout weighs. */
  readonly itemBytes: number[];
  reset(): void;
}

/** The shape of the tickets table as the layout describes it: keys, indexes and their projections. */
export const TICKETS_TABLE: TableShape = {
  partitionKey: TABLE.partitionKey,
  sortKey: TABLE.sortKey,
  indexes: Object.values(TABLE.indexes),
};

type Key = Record<string, AttributeValue>;

const AV_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M']);
const isWire = (v: unknown) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && AV_TYPES.has(Object.keys(v)[0]!);

/** Items in the wire format whether the document client has marshalled them yet or not (which depends on the SDK's middleware order). */
function wire(item: unknown): Item | undefined {
  if (!item || typeof item !== 'object') return undefined;
  return Object.values(item).every(isWire) ? (item as Item) : (marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Item);
}

interface WriteAction {
  readonly kind: 'put' | 'update' | 'delete' | 'check';
  readonly table: string;
  readonly key: Key;
  readonly item?: Item;
}

/**
 * Counts the capacity every call of the client would consume in AWS, by AWS's
 * rules (aws-capacity.ts), from the items themselves: before each write the
 * meter reads the item as it is, after it the item as it became (reads the
 * meter makes for itself are not counted). DynamoDB Local's ConsumedCapacity
 * is not used: it does not bill like AWS.
 */
export function meterCapacity(client: DynamoDBClient, table: TableShape = TICKETS_TABLE): CapacityMeter {
  const peeking = new AsyncLocalStorage<boolean>();
  const meter = {
    read: 0,
    tableWrite: 0,
    indexWrite: 0,
    get write() {
      return meter.tableWrite + meter.indexWrite;
    },
    byOperation: {} as Record<string, number>,
    byItem: {} as Record<string, number>,
    itemBytes: [] as number[],
    reset() {
      meter.read = 0;
      meter.tableWrite = 0;
      meter.indexWrite = 0;
      meter.itemBytes.length = 0;
      for (const k of Object.keys(meter.byOperation)) delete meter.byOperation[k];
      for (const k of Object.keys(meter.byItem)) delete meter.byItem[k];
    },
  };
  const peek = async (name: string, key: Key): Promise<Item | undefined> =>
    peeking.run(true, async () => (await client.send(new GetItemCommand({ TableName: name, Key: key, ConsistentRead: true }))).Item as Item | undefined);
  const keyOf = (item: Item): Key => ({ [table.partitionKey]: item[table.partitionKey]!, [table.sortKey]: item[table.sortKey]! });
  const charge = (operation: string, cost: WriteCost, item: Item | undefined) => {
    meter.tableWrite += cost.table;
    meter.indexWrite += cost.indexes;
    meter.byOperation[operation] = (meter.byOperation[operation] ?? 0) + cost.table + cost.indexes;
    const kind = item?.type?.S ?? String(item?.[table.partitionKey]?.S ?? '?').split('#')[0]!;
    meter.byItem[kind] = (meter.byItem[kind] ?? 0) + cost.table + cost.indexes;
  };

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (peeking.getStore()) return next(args);
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      const writes = writeActions(operation, input, keyOf);
      if (writes.length === 0) {
        const result = await next(args);
        meter.read += readCost(operation, input, result.output as unknown as Record<string, unknown>);
        return result;
      }
      const transactional = operation === 'TransactWriteItems';
      const before = await Promise.all(writes.map((w) => peek(w.table, w.key)));
      try {
        const result = await next(args);
        const after = await Promise.all(writes.map((w, i) => (w.kind === 'delete' ? undefined : w.kind === 'check' ? before[i] : peek(w.table, w.key))));
        writes.forEach((w, i) => {
          if (after[i]) meter.itemBytes.push(itemSize(after[i]));
          charge(
            operation,
            w.kind === 'check' ? checkedWriteCost(before[i], transactional) : itemWriteCost(before[i], after[i], table, transactional),
            after[i] ?? before[i] ?? w.item,
          );
        });
        return result;
      } catch (error) {
        // A failed condition still costs the write of the item that is there; a cancelled transaction, each of its items.
        const name = (error as { name?: string }).name;
        if (name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException')
          for (const [i, item] of before.entries()) charge(operation, checkedWriteCost(item, transactional), item ?? writes[i]!.item);
        throw error;
      }
    },
    { step: 'build', name: 'awsRuleCapacityMeter' },
  );
  return meter;
}

/** The item writes a request makes, in the wire format (the document client has marshalled them by the build step). */
function writeActions(operation: string, input: Record<string, unknown>, keyOf: (item: Item) => Key): WriteAction[] {
  const one = (kind: WriteAction['kind'], w: Record<string, unknown>): WriteAction => {
    const item = wire(w.Item);
    return { kind, table: String(w.TableName), key: item ? keyOf(item) : wire(w.Key)!, ...(item ? { item } : {}) };
  };
  switch (operation) {
    case 'PutItem':
      return [one('put', input)];
    case 'UpdateItem':
      return [one('update', input)];
    case 'DeleteItem':
      return [one('delete', input)];
    case 'TransactWriteItems':
      return (input.TransactItems as Array<Record<string, Record<string, unknown>>>).map((t) =>
        t.Put ? one('put', t.Put) : t.Update ? one('update', t.Update) : t.Delete ? one('delete', t.Delete) : one('check', t.ConditionCheck!),
      );
    case 'BatchWriteItem':
      return Object.entries(input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Key } }>>).flatMap(([name, requests]) =>
        requests.map((r) => (r.PutRequest ? one('put', { TableName: name, Item: r.PutRequest.Item }) : one('delete', { TableName: name, Key: r.DeleteRequest!.Key }))),
      );
    default:
      return [];
  }
}

/** Read units of a read request, from the items it returned (no request here uses a filter or a projection expression). */
function readCost(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): number {
  const kind: ReadKind = input.ConsistentRead ? 'strong' : 'eventual';
  switch (operation) {
    case 'GetItem':
      return readUnits(itemSize(wire(output.Item)), kind);
    case 'Query':
    case 'Scan':
      if (input.FilterExpression || input.ProjectionExpression) throw new Error('The capacity meter counts queries without filters or projections only');
      return queryReadUnits(
        ((output.Items ?? []) as unknown[]).map((i) => wire(i)!),
        kind,
      );
    case 'TransactGetItems':
      return ((output.Responses ?? []) as Array<{ Item?: unknown }>).reduce((n, r) => n + readUnits(itemSize(wire(r.Item)), 'transactional'), 0);
    case 'BatchGetItem':
      return Object.values((output.Responses ?? {}) as Record<string, unknown[]>)
        .flat()
        .reduce((n: number, i) => n + readUnits(itemSize(wire(i)), kind), 0);
    default:
      return 0;
  }
}
