/**
 * The paging socket without React: connects with the current ID token, parses every server
 * message, heartbeats, and reconnects with capped exponential backoff and jitter. While the socket
 * is down the state is 'polling': screens poll their queries, and the heartbeat goes over HTTP so
 * a BCM's on-duty presence does not lapse.
 */
import { PRESENCE_HEARTBEAT_SECONDS, ServerMessage, type ClientMessage } from './contracts';

export type RealtimeState = 'connecting' | 'open' | 'polling';
export type ServerListener = (message: ServerMessage) => void;

/** The part of the browser's WebSocket this uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface RealtimeOptions {
  url: string;
  /** The session's token now (null when signed out): read at every connect, so a refreshed token is used. */
  token(): string | null;
  /** The polling fallback's heartbeat (the presenceHeartbeat route). */
  httpHeartbeat(): Promise<unknown>;
  createSocket?: (url: string) => SocketLike;
  heartbeatMs?: number;
  random?: () => number;
}

const OPEN = 1;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
/** No pong for this long after a heartbeat: the link is half-open (a tablet changed network). */
const PONG_TIMEOUT_MS = 10_000;

/** Full jitter: a crowd of consoles reconnecting after an outage spreads out instead of stampeding. */
export const backoffDelay = (attempt: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));

export interface RealtimeConnection {
  state(): RealtimeState;
  onState(listener: () => void): () => void;
  send(message: ClientMessage): boolean;
  subscribe(listener: ServerListener): () => void;
  /** Connect now if down (the network came back, the tab became visible). */
  nudge(): void;
  close(): void;
}

export function createRealtimeConnection(options: RealtimeOptions): RealtimeConnection {
  const createSocket = options.createSocket ?? ((url) => new WebSocket(url) as SocketLike);
  const heartbeatMs = options.heartbeatMs ?? PRESENCE_HEARTBEAT_SECONDS * 1000;
  const listeners = new Set<ServerListener>();
  const stateListeners = new Set<() => void>();
  let state: RealtimeState = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let awaitingPongSince: number | undefined;
  let closed = false;

  const setState = (next: RealtimeState) => {
    if (next === state) return;
    state = next;
    stateListeners.forEach((listener) => listener());
  };

  const sendRaw = (message: ClientMessage): boolean => {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  const scheduleReconnect = () => {
    if (closed || retry !== undefined) return;
    setState('polling');
    retry = setTimeout(
      () => {
        retry = undefined;
        connect();
      },
      backoffDelay(attempt, options.random),
    );
    attempt += 1;
  };

  const drop = (current: SocketLike) => {
    current.onopen = current.onmessage = current.onclose = current.onerror = null;
    current.close();
    if (socket === current) socket = null;
  };

  function connect() {
    if (closed || socket) return;
    const token = options.token();
    if (!token) return scheduleReconnect();
    let current: SocketLike;
    try {
      current = createSocket(`${options.url}?token=${encodeURIComponent(token)}`);
    } catch {
      return scheduleReconnect();
    }
    socket = current;
    current.onopen = () => {
      attempt = 0;
      awaitingPongSince = undefined;
      setState('open');
      // Presence is refreshed at once: the console may have been down for a while.
      beat();
    };
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = ServerMessage.safeParse(json);
      if (!parsed.success) return;
      if (parsed.data.type === 'pong') awaitingPongSince = undefined;
      listeners.forEach((listener) => listener(parsed.data));
    };
    current.onclose = () => {
      drop(current);
      scheduleReconnect();
    };
    current.onerror = () => undefined;
  }

  function beat() {
    if (state === 'open' && socket) {
      if (awaitingPongSince !== undefined && Date.now() - awaitingPongSince > PONG_TIMEOUT_MS) {
        drop(socket);
        return scheduleReconnect();
      }
      awaitingPongSince ??= Date.now();
      sendRaw({ action: 'heartbeat' });
    } else if (state === 'polling') {
      options.httpHeartbeat().catch(() => undefined);
    }
  }
  const heartbeat = setInterval(beat, heartbeatMs);

  connect();

  return {
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    send: sendRaw,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nudge() {
      if (closed || socket) return;
      clearTimeout(retry);
      retry = undefined;
      attempt = 0;
      connect();
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      if (socket) drop(socket);
      listeners.clear();
      stateListeners.clear();
    },
  };
}
