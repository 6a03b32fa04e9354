/**
 * Page cursors: the key of the last item of a page, base64url-encoded JSON. Opaque to clients, and
 * checked on the way back in, because a cursor is client input: a cursor that is not base64 JSON,
 * names other key attributes, or points into another list (another clinic's partition above all)
 * is a validation error, never a query that reads elsewhere and never a 500.
 */
import * as z from 'zod';
import { DomainError } from '../../domain/errors';

export type CursorKey = Record<string, string>;

/** What a cursor for one list must look like. */
export interface CursorScope {
  /** Every key attribute of the index queried, plus the table key (DynamoDB's LastEvaluatedKey). */
  keyNames: readonly string[];
  partitionKeyName: string;
  partition: string;
  sortKeyName: string;
  /** The list's sort-key prefix, when its key condition has one: a start key outside it is rejected by DynamoDB. */
  sortPrefix?: string;
}

const invalidCursor = () =>
  DomainError.validation('Invalid cursor', [
    { field: 'query.cursor', message: 'is not a cursor for this list' },
  ]);

const StoredKey = z.record(z.string(), z.string());

export const encodeCursor = (key: CursorKey): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string, scope: CursorScope): CursorKey => {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = StoredKey.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  const key = parsed.data;

  const names = Object.keys(key);
  const sameNames =
    names.length === scope.keyNames.length && scope.keyNames.every((name) => name in key);
  if (!sameNames || key[scope.partitionKeyName] !== scope.partition) throw invalidCursor();
  const sortKey = key[scope.sortKeyName];
  if (scope.sortPrefix !== undefined && !sortKey?.startsWith(scope.sortPrefix)) {
    throw invalidCursor();
  }
  return key;
};

/** Picks the key attributes out of a returned item, to resume after it. */
export const keyOf = (item: Record<string, unknown>, keyNames: readonly string[]): CursorKey => {
  const key: CursorKey = {};
  for (const name of keyNames) {
    const value = item[name];
    if (typeof value !== 'string') throw new Error(`Item lacks its key attribute ${name}`);
    key[name] = value;
  }
  return key;
};
