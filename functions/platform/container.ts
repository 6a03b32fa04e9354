import { monotonicFactory } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { createDynamoStore } from '../adapters/dynamodb/store';
import { chimeMeetings } from '../adapters/meetings/chime';
import { createLocalMeetings } from '../adapters/meetings/local';
import { apiGatewayPush } from '../adapters/push/api-gateway';
import { localHubPush } from '../adapters/push/local-hub';
import type { Deps } from '../ports/context';
import type { MeetingsPort, PushPort } from '../ports/realtime';
import type { Clock, IdGenerator } from '../ports/system';
import { logger } from './logger';
import { readEnv, type LambdaEnv } from './env';

let current: Deps | undefined;

export const systemClock: Clock = { now: () => new Date() };

export const ulidGenerator = (): IdGenerator => {
  const next = monotonicFactory();
  return { next: () => next() };
};

// @container:meetings (the Chime adapter is chosen here when MEETINGS_PROVIDER is chime)
// The Chime adapter imports its SDK on first use, so Lambdas that never meet pay nothing for it.
const buildMeetings = (env: LambdaEnv): MeetingsPort =>
  env.MEETINGS_PROVIDER === 'chime' ? chimeMeetings(env.AWS_REGION) : createLocalMeetings();

// @container:push (the API Gateway management adapter is chosen here when WS_MANAGEMENT_ENDPOINT is set)
const buildPush = (env: LambdaEnv): PushPort =>
  env.WS_MANAGEMENT_ENDPOINT
    ? apiGatewayPush({ endpoint: env.WS_MANAGEMENT_ENDPOINT, region: env.AWS_REGION })
    : localHubPush;

/** Built once per Lambda container (or local process), on first use. */
const build = (): Deps => {
  const env = readEnv();
  const client = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  return {
    store: createDynamoStore({ tableName: env.TABLE_NAME, client }),
    clock: systemClock,
    ids: ulidGenerator(),
    meetings: buildMeetings(env),
    push: buildPush(env),
    log: { warn: (message, fields) => logger.warn(message, fields ?? {}) },
  };
};

export const getDeps = (): Deps => (current ??= build());

/** Tests and the local platform may supply their own dependencies (e.g. a fixed clock). */
export const setDeps = (deps: Deps | undefined): void => {
  current = deps;
};
