import type { CallEvents, CallStatus } from './types';

type Listeners = { [E in keyof CallEvents]: Set<CallEvents[E]> };

/** The event side of a call client, shared by both providers. */
export const createCallEvents = () => {
  const listeners: Listeners = {
    status: new Set(),
    remoteTiles: new Set(),
    suggestAudioOnly: new Set(),
  };
  let status: CallStatus | undefined;
  return {
    on<E extends keyof CallEvents>(event: E, listener: CallEvents[E]): () => void {
      const set = listeners[event] as Set<CallEvents[E]>;
      set.add(listener);
      return () => set.delete(listener);
    },
    /** Repeats are dropped: the screen re-renders only on a change. */
    status(next: CallStatus) {
      if (next === status) return;
      status = next;
      listeners.status.forEach((listener) => listener(next));
    },
    current: () => status,
    remoteTiles(tiles: Parameters<CallEvents['remoteTiles']>[0]) {
      listeners.remoteTiles.forEach((listener) => listener(tiles));
    },
    suggestAudioOnly() {
      listeners.suggestAudioOnly.forEach((listener) => listener());
    },
  };
};
export type CallEventHub = ReturnType<typeof createCallEvents>;
