/**
 * The one way lists are read: a key-condition Query on the table or an index, one page per call,
 * resumable with an opaque cursor. (No Scan exists in this adapter.)
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '../../ports/store';
import { DomainError } from '../../domain/errors';
import { tableSchema, type IndexName } from './table-schema';
import { decodeCursor, encodeCursor, keyOf, type CursorScope } from './cursor';
import type { StoredItem, Table } from './table';

export const MAX_PAGE_SIZE = 100;

export interface ListSpec {
  /** Omitted for the table's own key. */
  index?: IndexName;
  partition: string;
  sortPrefix?: string;
  /** Sort keys descending: newest first for time-ordered lists. */
  descending?: boolean;
}

export interface RawPage {
  items: StoredItem[];
  nextCursor?: string;
}

const keyNamesOf = (index: ListSpec['index']) => {
  const table = [tableSchema.partitionKey, tableSchema.sortKey] as const;
  if (index === undefined) return { partition: table[0], sort: table[1], all: table };
  const gsi = tableSchema.globalSecondaryIndexes.find((i) => i.indexName === index);
  if (gsi === undefined) throw new Error(`Unknown index ${index}`);
  return {
    partition: gsi.partitionKey,
    sort: gsi.sortKey,
    all: [gsi.partitionKey, gsi.sortKey, ...table] as const,
  };
};

const checkLimit = (limit: number) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw DomainError.validation('Invalid page size', [
      { field: 'query.limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
};

export const queryInput = (table: Table, spec: ListSpec, limit: number): QueryCommandInput => {
  const names = keyNamesOf(spec.index);
  const hasPrefix = spec.sortPrefix !== undefined;
  return {
    TableName: table.tableName,
    IndexName: spec.index,
    KeyConditionExpression: hasPrefix ? '#p = :p AND begins_with(#s, :s)' : '#p = :p',
    ExpressionAttributeNames: hasPrefix
      ? { '#p': names.partition, '#s': names.sort }
      : { '#p': names.partition },
    ExpressionAttributeValues: hasPrefix
      ? { ':p': spec.partition, ':s': spec.sortPrefix }
      : { ':p': spec.partition },
    ScanIndexForward: spec.descending !== true,
    Limit: limit,
  };
};

/**
 * Reads one page of `limit` items. It asks for one item more than the page: when that extra item
 * exists the page ends with a cursor, and when it does not the page is the last one, so a client
 * walking a list never gets a trailing empty page.
 */
export const queryPage = async (
  table: Table,
  spec: ListSpec,
  page: PageRequest,
): Promise<RawPage> => {
  checkLimit(page.limit);
  const names = keyNamesOf(spec.index);
  const scope: CursorScope = {
    keyNames: names.all,
    partitionKeyName: names.partition,
    partition: spec.partition,
    sortKeyName: names.sort,
    sortPrefix: spec.sortPrefix,
  };
  const start = page.cursor === undefined ? undefined : decodeCursor(page.cursor, scope);

  const output = await table.client.send(
    new QueryCommand({ ...queryInput(table, spec, page.limit + 1), ExclusiveStartKey: start }),
  );
  const found = output.Items ?? [];
  if (found.length > page.limit) {
    const items = found.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: last && encodeCursor(keyOf(last, names.all)) };
  }
  // Fewer items than asked for but a LastEvaluatedKey: the 1 MB response cap cut the page short.
  const more = output.LastEvaluatedKey;
  return {
    items: found,
    nextCursor: more === undefined ? undefined : encodeCursor(keyOf(more, names.all)),
  };
};

/** Parses each item of a raw page; `nextCursor` is left out entirely on the last page. */
export const mapPage = <T>(raw: RawPage, parse: (item: StoredItem) => T) => {
  const items = raw.items.map(parse);
  return raw.nextCursor === undefined ? { items } : { items, nextCursor: raw.nextCursor };
};
