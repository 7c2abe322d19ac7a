import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CapacityMeter {
  read: number;
  write: number;
  reset(): void;
}

/** Asks DynamoDB for the capacity every call consumes (DynamoDB Local reports it like AWS) and adds it up. */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  const meter: CapacityMeter = {
    read: 0,
    write: 0,
    reset() {
      meter.read = 0;
      meter.write = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      for (const c of [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity].flat()) {
        const cc = c as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined;
        if (!cc) continue;
        if (cc.ReadCapacityUnits !== undefined || cc.WriteCapacityUnits !== undefined) {
          meter.read += cc.ReadCapacityUnits ?? 0;
          meter.write += cc.WriteCapacityUnits ?? 0;
        } else if (/Get|Query|Scan/.test(context.commandName ?? '')) meter.read += cc.CapacityUnits ?? 0;
        else meter.write += cc.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return meter;
}
