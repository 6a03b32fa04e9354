import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { localSocketHub } from '../adapters/push/local-hub';
import type { WsHandler } from '../platform/ws';
import type { LocalIdentity } from './identity';
import { createJwtAuthorizer } from './jwt-authorizer';

export const SOCKET_PATH = '/ws';
/** API Gateway's own frame limit is 128 KB; an SDP offer is a few KB. */
const MAX_FRAME_BYTES = 128 * 1024;
const PING_INTERVAL_MS = 30_000;
const HANDLERS_DIR = join(import.meta.dirname, '..', 'handlers', 'ws');

/** The deployed entry modules, loaded like the HTTP gateway loads its handlers. */
const loadHandler = async (name: 'connect' | 'disconnect' | 'message'): Promise<WsHandler> => {
  const url = pathToFileURL(join(HANDLERS_DIR, `${name}.ts`)).href;
  return ((await import(url)) as { handler: WsHandler }).handler;
};

export interface SocketGatewayOptions {
  /** The local gateway's HTTP server: the socket shares its port, as `ws://127.0.0.1:<port>/ws`. */
  server: Server;
  identity: LocalIdentity;
  pingIntervalMs?: number;
  log?: (line: string) => void;
}

export interface SocketGateway {
  /** Closes every socket (running their $disconnect) and stops answering upgrades. */
  stop(): Promise<void>;
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
const ROUTE_KEY: Record<EventType, string> = {
  CONNECT: '$connect',
  MESSAGE: '$default',
  DISCONNECT: '$disconnect',
};

/** The API Gateway WebSocket event (proxy integration) the Lambda would receive. */
const wsEvent = (eventType: EventType, connectionId: string, sub: string, body?: string) => {
  const now = Date.now();
  return {
    requestContext: {
      routeKey: ROUTE_KEY[eventType],
      eventType,
      connectionId,
      requestId: randomUUID(),
      messageId: randomUUID(),
      extendedRequestId: randomUUID(),
      messageDirection: 'IN',
      stage: 'local',
      apiId: 'local',
      domainName: '127.0.0.1',
      connectedAt: now,
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      authorizer: { principalId: sub, sub },
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
};

const refuse = (socket: Duplex, status: number, reason: string) => {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
  socket.destroy();
};

/**
 * The local stand-in for the API Gateway WebSocket API: upgrades on /ws are authorized like the
 * $connect authorizer (the ID token in `?token=`), and open / message / close become the same
 * events, handled by the very handler modules CDK deploys. Each socket is registered in the local
 * hub under its connection id, so handlers push to it as they would through the management API.
 */
export const startSocketGateway = async (options: SocketGatewayOptions): Promise<SocketGateway> => {
  const [connect, disconnect, message] = await Promise.all([
    loadHandler('connect'),
    loadHandler('disconnect'),
    loadHandler('message'),
  ]);
  const authorize = createJwtAuthorizer(options.identity);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  const pending = new Set<Promise<unknown>>();
  const log = (line: string) => options.log?.(line);

  const invoke = (handler: WsHandler, event: unknown) => {
    const run = handler(event).catch((error: unknown) => {
      log(`socket handler error: ${error instanceof Error ? error.name : typeof error}`);
      return { statusCode: 500 };
    });
    pending.add(run);
    void run.finally(() => pending.delete(run));
    return run;
  };

  const attach = (ws: WebSocket, connectionId: string, sub: string) => {
    alive.set(ws, true);
    localSocketHub.register(connectionId, {
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
      },
    });
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      void invoke(message, wsEvent('MESSAGE', connectionId, sub, text));
    });
    ws.on('close', () => {
      localSocketHub.unregister(connectionId);
      void invoke(disconnect, wsEvent('DISCONNECT', connectionId, sub));
    });
    ws.on('error', () => ws.terminate());
  };

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== SOCKET_PATH) return refuse(socket, 404, 'Not Found');
    const token = url.searchParams.get('token');
    const claims = token ? await authorize(`Bearer ${token}`) : undefined;
    const sub = claims?.sub;
    if (!sub) return refuse(socket, 401, 'Unauthorized');

    const connectionId = randomBytes(12).toString('base64');
    const connected = await invoke(connect, wsEvent('CONNECT', connectionId, sub));
    if (connected.statusCode !== 200) return refuse(socket, 403, 'Forbidden');
    if (socket.destroyed) {
      // The client gave up while $connect ran: forget the connection as a $disconnect would.
      void invoke(disconnect, wsEvent('DISCONNECT', connectionId, sub));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, connectionId, sub));
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch(() => refuse(socket, 500, 'Internal Server Error'));
  };
  options.server.on('upgrade', onUpgrade);

  // A peer that stops answering pings (a tablet that lost its network) is closed, as API Gateway
  // closes idle connections; its close runs $disconnect.
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs ?? PING_INTERVAL_MS);
  keepalive.unref();

  return {
    async stop() {
      clearInterval(keepalive);
      options.server.off('upgrade', onUpgrade);
      const closed = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once('close', () => resolve());
            ws.terminate();
          }),
      );
      await Promise.all(closed);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Let every $disconnect finish before the store underneath goes away.
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
};
