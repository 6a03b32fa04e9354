/**
 * For socket tests: the local gateway and socket gateway on a free port over a fresh DynamoDB
 * Local table, tokens from the local identity, and a small client that collects server messages.
 */
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { localHubPush } from '../../functions/adapters/push/local-hub';
import { ServerMessage } from '../../functions/contracts/realtime';
import { startGateway } from '../../functions/local/gateway';
import { createLocalIdentity, type LocalIdentity } from '../../functions/local/identity';
import { startSocketGateway } from '../../functions/local/socket-gateway';
import { setDeps, systemClock } from '../../functions/platform/container';
import type { Deps } from '../../functions/ports/context';
import { freshTable } from './dynamodb';
import { seedTwoClinics, testDeps, userFor } from './network';

export interface SocketSuite {
  deps: Deps;
  wsUrl: string;
  identity: LocalIdentity;
  patientA: string;
  tokenFor(userId: string): Promise<string>;
}

/** Real time (connection TTLs are checked against the wall clock) and the in-process hub. */
export const useSocketPlatform = (options: { pingIntervalMs?: number } = {}): SocketSuite => {
  const suite = {} as SocketSuite;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const table = await freshTable();
    stops.push(() => table.drop());
    suite.deps = { ...testDeps(table.store), clock: systemClock, push: localHubPush };
    setDeps(suite.deps);
    suite.patientA = (await seedTwoClinics(suite.deps)).patientA.patientId;
    const identity = await createLocalIdentity('http://127.0.0.1');
    const gateway = await startGateway({
      port: 0,
      identity,
      users: [],
      webOrigin: 'http://127.0.0.1:1',
    });
    stops.push(gateway.stop);
    const sockets = await startSocketGateway({ server: gateway.server, identity, ...options });
    stops.push(sockets.stop);
    suite.identity = identity;
    suite.wsUrl = `${gateway.url.replace(/^http/, 'ws')}/ws`;
    suite.tokenFor = async (userId) =>
      (
        await identity.issueIdToken({
          userId,
          username: userId,
          email: `${userId}@x.invalid`,
          displayName: userId,
          title: '',
          groups: [],
        })
      ).idToken;
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    setDeps(undefined);
  });
  return suite;
};

export interface TestSocket {
  ws: WebSocket;
  messages: ServerMessage[];
  send(message: unknown): void;
  /** The first message (already received or arriving within the timeout) that matches. */
  next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<ServerMessage, { type: T }>>;
  close(): Promise<void>;
}

export const openSocket = (
  url: string,
  token?: string,
  clientOptions: { autoPong?: boolean } = {},
): Promise<TestSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(
      token ? `${url}?token=${encodeURIComponent(token)}` : url,
      clientOptions,
    );
    const messages: ServerMessage[] = [];
    const waiters = new Set<() => void>();
    ws.on('message', (data: Buffer) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      if (parsed.success) messages.push(parsed.data);
      for (const wake of waiters) wake();
    });
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused ${response.statusCode}`)),
    );
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
        next: (type, timeoutMs = 3000) =>
          new Promise((found, fail) => {
            const check = () => {
              const index = messages.findIndex((m) => m.type === type);
              if (index < 0) return false;
              const [message] = messages.splice(index, 1);
              waiters.delete(check);
              clearTimeout(timer);
              found(message as Extract<ServerMessage, { type: typeof type }>);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no ${type} within ${timeoutMs} ms`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          }),
        close: () =>
          new Promise<void>((done) => {
            if (ws.readyState === WebSocket.CLOSED) return done();
            ws.once('close', () => done());
            ws.close();
          }),
      }),
    );
  });

export const bcmA = userFor('bcm');
export const tabletA = userFor('tablet');
export const pcpA = userFor('pcp');
