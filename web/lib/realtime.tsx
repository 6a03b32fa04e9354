/**
 * The paging socket for React: one connection per signed-in tab, shared by every screen (the BCM
 * console's pages, the PCP's handoff status, the local call client's signalling).
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useApi } from './api';
import { useAuth } from './auth';
import { useConfig } from './config';
import type { ClientMessage, ServerMessage } from './contracts';
import {
  createRealtimeConnection,
  type RealtimeConnection,
  type RealtimeState,
  type ServerListener,
} from './realtime-connection';
import { sessionStore } from './session';

export type { RealtimeState } from './realtime-connection';

export interface Realtime {
  /** 'polling' while the socket is down: screens refetch on an interval instead of waiting for pushes. */
  state: RealtimeState;
  /** False when the socket is not open (the message is not queued). */
  send(message: ClientMessage): boolean;
  subscribe(listener: ServerListener): () => void;
}

/** No socket configured (or signed out): screens poll, nothing is ever pushed. */
const offline: Realtime = { state: 'polling', send: () => false, subscribe: () => () => undefined };

const RealtimeContext = createContext<Realtime>(offline);

/** The signed-in user, from the token: the socket is per user, not per token refresh. */
const subjectOf = (idToken: string | undefined): string | undefined => {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
    };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Stable for the provider's life: screens subscribe here once, while the connection underneath is
 * replaced when the user changes (and absent while signed out).
 */
function createHub() {
  let connection: RealtimeConnection | null = null;
  const listeners = new Set<ServerListener>();
  const stateListeners = new Set<() => void>();
  const emit = () => stateListeners.forEach((listener) => listener());
  return {
    attach(next: RealtimeConnection): () => void {
      connection = next;
      const offMessages = next.subscribe((message) =>
        listeners.forEach((listener) => listener(message)),
      );
      const offState = next.onState(emit);
      emit();
      return () => {
        offMessages();
        offState();
        if (connection === next) connection = null;
        emit();
      };
    },
    state: (): RealtimeState => connection?.state() ?? 'polling',
    onState(listener: () => void): () => void {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    send: (message: ClientMessage): boolean => connection?.send(message) ?? false,
    subscribe(listener: ServerListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { wsUrl } = useConfig();
  const api = useApi();
  const { session } = useAuth();
  const subject = subjectOf(session?.idToken);
  const [hub] = useState(createHub);

  useEffect(() => {
    if (!wsUrl || !subject) return undefined;
    const connection = createRealtimeConnection({
      url: wsUrl,
      token: () => sessionStore.validToken(),
      httpHeartbeat: () => api.call('presenceHeartbeat', {}),
    });
    const detach = hub.attach(connection);
    const nudge = () => {
      if (document.visibilityState === 'visible') connection.nudge();
    };
    window.addEventListener('online', nudge);
    document.addEventListener('visibilitychange', nudge);
    return () => {
      window.removeEventListener('online', nudge);
      document.removeEventListener('visibilitychange', nudge);
      detach();
      connection.close();
    };
  }, [wsUrl, subject, api, hub]);

  const state = useSyncExternalStore(hub.onState, hub.state, () => 'polling' as const);
  const value = useMemo<Realtime>(
    () => ({ state, send: hub.send, subscribe: hub.subscribe }),
    [hub, state],
  );
  return <RealtimeContext value={value}>{children}</RealtimeContext>;
}

export function useRealtime(): Realtime {
  return useContext(RealtimeContext);
}

/** Runs the handler for every pushed message of one type (the latest handler, no resubscribing). */
export function useServerMessage<T extends ServerMessage['type']>(
  type: T,
  handler: (message: Extract<ServerMessage, { type: T }>) => void,
): void {
  const { subscribe } = useRealtime();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(
    () =>
      subscribe((message) => {
        if (message.type === type) latest.current(message as Extract<ServerMessage, { type: T }>);
      }),
    [subscribe, type],
  );
}
