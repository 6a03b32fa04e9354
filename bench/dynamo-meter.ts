import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Data-plane commands that accept ReturnConsumedCapacity (low-level and document-client names). */
const METERED = new Set(
  [
    'GetItem',
    'Get',
    'PutItem',
    'Put',
    'UpdateItem',
    'Update',
    'DeleteItem',
    'Delete',
    'Query',
    'Scan',
    'BatchGetItem',
    'BatchGet',
    'BatchWriteItem',
    'BatchWrite',
    'TransactGetItems',
    'TransactGet',
    'TransactWriteItems',
    'TransactWrite',
  ].map((name) => `${name}Command`),
);
const READS =
  /^(Get|GetItem|Query|Scan|BatchGet|BatchGetItem|TransactGet|TransactGetItems)Command$/;

interface CapacityLike {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface Meter {
  /** Requests per command since the last reset. */
  readonly requests: Map<string, number>;
  /** Read and write capacity units consumed since the last reset, as DynamoDB reported them. */
  readonly capacity: { rcu: number; wcu: number };
  reset(): void;
  /** Counting on or off (off while seeding, so the seed costs nothing to count). */
  enabled: boolean;
}

/**
 * Counts every request the client sends, by command, and the capacity it consumed: it asks for
 * ReturnConsumedCapacity TOTAL on every data-plane command and sums what comes back. A command
 * that reports only CapacityUnits counts as read or write by its kind (a transaction's condition
 * checks are writes' companions and DynamoDB bills them as such).
 */
export const meterDynamo = (base: DynamoDBClient): Meter => {
  const meter: Meter = {
    requests: new Map(),
    capacity: { rcu: 0, wcu: 0 },
    reset() {
      meter.requests.clear();
      meter.capacity.rcu = 0;
      meter.capacity.wcu = 0;
    },
    enabled: true,
  };
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      if (!meter.enabled || !METERED.has(name)) return next(args);
      meter.requests.set(name, (meter.requests.get(name) ?? 0) + 1);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: CapacityLike | CapacityLike[] })
        .ConsumedCapacity;
      for (const c of [reported ?? []].flat()) {
        if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
          meter.capacity.rcu += c.ReadCapacityUnits ?? 0;
          meter.capacity.wcu += c.WriteCapacityUnits ?? 0;
        } else if (READS.test(name)) meter.capacity.rcu += c.CapacityUnits ?? 0;
        else meter.capacity.wcu += c.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'meterRequests' },
  );
  return meter;
};
