import { monotonicFactory } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { createDynamoStore } from '../adapters/dynamodb/store';
import type { Deps } from '../ports/context';
import type { Clock, IdGenerator } from '../ports/system';
import { readEnv } from './env';

let current: Deps | undefined;

export const systemClock: Clock = { now: () => new Date() };

export const ulidGenerator = (): IdGenerator => {
  const next = monotonicFactory();
  return { next: () => next() };
};

/** Built once per Lambda container (or local process), on first use. */
const build = (): Deps => {
  const env = readEnv();
  const client = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  return {
    store: createDynamoStore({ tableName: env.TABLE_NAME, client }),
    clock: systemClock,
    ids: ulidGenerator(),
  };
};

export const getDeps = (): Deps => (current ??= build());

/** Tests and the local platform may supply their own dependencies (e.g. a fixed clock). */
export const setDeps = (deps: Deps | undefined): void => {
  current = deps;
};
