import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type * as z from 'zod';
import {
  LocalTokenResponse,
  LocalUsersResponse,
  type LocalDemoUser as LocalDemoUserSchema,
  type WebConfig,
} from './contracts';
import { useConfig } from './config';
import { jwtExpiry, sessionStore, type Session } from './session';

export type LocalDemoUser = z.infer<typeof LocalDemoUserSchema>;

export interface Auth {
  session: Session | null;
  mode: WebConfig['auth']['mode'];
  /** Local demo issuer only. */
  listLocalUsers(signal?: AbortSignal): Promise<LocalDemoUser[]>;
  signInLocal(username: string): Promise<void>;
  /** Cognito only: leaves the page for the hosted UI. */
  beginCognitoSignIn(next: string): Promise<void>;
  /** Cognito only: on the redirect page; returns where to go next. */
  completeCognitoSignIn(): Promise<string | undefined>;
  /** Wipes the session, every cached answer and anything this tab kept. */
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}).`);
  return response.json();
}

const issuerBase = (issuerUrl: string) => issuerUrl.replace(/\/+$/, '');

export function AuthProvider({ children }: { children: ReactNode }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get, () => null);

  const startSession = useCallback(
    (idToken: string, fallbackExpiry: number | null, mode: Session['mode']) => {
      // Nothing cached under a previous user survives a new sign-in.
      queryClient.getQueryCache().clear();
      const expiresAt = jwtExpiry(idToken) ?? fallbackExpiry ?? Date.now() + DEFAULT_LIFETIME_MS;
      sessionStore.set({ idToken, expiresAt, mode });
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    queryClient.clear();
    sessionStore.wipe();
    if (config.auth.mode === 'cognito') {
      // End the hosted UI's own session too, or the next person on this tablet is signed in as us.
      const auth = config.auth;
      void import('./cognito').then(({ logoutUrl }) => window.location.assign(logoutUrl(auth)));
    }
  }, [config, queryClient]);

  const value = useMemo<Auth>(() => {
    const { auth } = config;
    return {
      session,
      mode: auth.mode,
      async listLocalUsers(signal) {
        if (auth.mode !== 'local') return [];
        const response = await fetch(`${issuerBase(auth.issuerUrl)}/local-auth/users`, {
          cache: 'no-store',
          signal,
        });
        if (!response.ok)
          throw new Error(`The demo users could not be loaded (${response.status}).`);
        return LocalUsersResponse.parse(await response.json()).users;
      },
      async signInLocal(username) {
        if (auth.mode !== 'local') throw new Error('Local sign-in is not enabled.');
        const token = LocalTokenResponse.parse(
          await postJson(`${issuerBase(auth.issuerUrl)}/local-auth/token`, { username }),
        );
        startSession(token.idToken, Date.now() + token.expiresIn * 1000, 'local');
      },
      async beginCognitoSignIn(next) {
        if (auth.mode !== 'cognito') throw new Error('Cognito sign-in is not enabled.');
        const { beginSignIn } = await import('./cognito');
        await beginSignIn(auth, next);
      },
      async completeCognitoSignIn() {
        if (auth.mode !== 'cognito') throw new Error('Cognito sign-in is not enabled.');
        const { completeSignIn } = await import('./cognito');
        const result = await completeSignIn(auth);
        startSession(result.idToken, result.expiresAt, 'cognito');
        return result.next;
      },
      signOut,
    };
  }, [config, session, signOut, startSession]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
