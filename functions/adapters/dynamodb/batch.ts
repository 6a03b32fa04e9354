/**
 * BatchGetItem of many full keys: 100 keys per request (DynamoDB's limit), and whatever DynamoDB
 * leaves unprocessed (throttling, the 16 MB cap) is asked for again after a short pause.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys';
import type { StoredItem, Table } from './table';

export const BATCH_GET_MAX_KEYS = 100;
const MAX_ROUNDS = 8;

const pause = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));

/** One request of at most 100 keys, repeated for its unprocessed keys. Missing items are left out. */
const getChunk = async (table: Table, keys: PrimaryKey[]): Promise<StoredItem[]> => {
  const found: StoredItem[] = [];
  let pending: Record<string, unknown>[] = keys;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= MAX_ROUNDS) throw new Error('BatchGetItem left keys unprocessed after retries');
    if (round > 0) await pause(round);
    const output = await table.client.send(
      new BatchGetCommand({
        RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: true } },
      }),
    );
    found.push(...(output.Responses?.[table.tableName] ?? []));
    pending = output.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
  }
  return found;
};

/** Every item among `keys` that exists (in no particular order), one request per 100 keys. */
export const batchGet = async (table: Table, keys: PrimaryKey[]): Promise<StoredItem[]> => {
  const chunks: PrimaryKey[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) {
    chunks.push(keys.slice(i, i + BATCH_GET_MAX_KEYS));
  }
  const results = await Promise.all(chunks.map((chunk) => getChunk(table, chunk)));
  return results.flat();
};
