/**
 * The signed-in session: the ID token in sessionStorage only (never localStorage: exam-room tablets
 * are shared, and sessionStorage dies with the tab). A tiny external store so React re-renders
 * when the session starts or ends.
 */
export interface Session {
  idToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  mode: 'local' | 'cognito';
}

const KEY = 'bh.session';
/** Refuse a token this close to its expiry rather than let a request fail half-way. */
const SKEW_MS = 30_000;

const listeners = new Set<() => void>();
let current: Session | null | undefined;
/** Why the last session ended: after an expiry the user is brought back to where they were. */
let endReason: 'expired' | 'signed-out' | null = null;
/** While held (patient mode), an expiry waits: leaving for sign-in would lose unsent answers. */
let holds = 0;
let expiryDeferred = false;

const read = (): Session | null => {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.idToken !== 'string' || typeof value.expiresAt !== 'number') return null;
    return { idToken: value.idToken, expiresAt: value.expiresAt, mode: value.mode ?? 'local' };
  } catch {
    return null;
  }
};

const emit = () => listeners.forEach((listener) => listener());

export const sessionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Stable between changes (useSyncExternalStore snapshot). */
  get(): Session | null {
    if (current === undefined) current = read();
    return current;
  },
  endReason(): 'expired' | 'signed-out' | null {
    return endReason;
  },
  set(session: Session): void {
    current = session;
    endReason = null;
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(session));
    } catch {
      // Storage full or blocked: the session still lives in memory for this page.
    }
    emit();
  },
  /**
   * Ends the session but keeps the rest of sessionStorage (e.g. answers waiting to be sent). While
   * the session is held the expiry waits for the release, unless `force` (the holder asks for it).
   */
  expire({ force = false }: { force?: boolean } = {}): void {
    if (sessionStore.get() === null) return;
    if (holds > 0 && !force) {
      expiryDeferred = true;
      return;
    }
    expiryDeferred = false;
    current = null;
    endReason = 'expired';
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // ignore
    }
    emit();
  },
  /**
   * Keeps the app from leaving for the sign-in page because of a background 401 (e.g. a refetch
   * when the tablet wakes) while a patient is answering. Returns the release.
   */
  hold(): () => void {
    holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds -= 1;
      if (holds === 0 && expiryDeferred) sessionStore.expire();
    };
  },
  /** Sign-out: wipes everything this tab kept, including any unsent answers. */
  wipe(): void {
    expiryDeferred = false;
    current = null;
    endReason = 'signed-out';
    try {
      window.sessionStorage.clear();
    } catch {
      // ignore
    }
    emit();
  },
  /** The token if it is still usable, otherwise null (and the session is ended). */
  validToken(now = Date.now()): string | null {
    const session = sessionStore.get();
    if (!session) return null;
    if (session.expiresAt - SKEW_MS <= now) {
      sessionStore.expire();
      return null;
    }
    return session.idToken;
  },
};

/** Reads `exp` (seconds) from a JWT without verifying it (the API verifies; this is only a timer). */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const claims = JSON.parse(atob(padded)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
