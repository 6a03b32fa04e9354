/**
 * Cognito hosted UI sign-in: authorization code + PKCE with oidc-client-ts. Loaded lazily, only in
 * cognito mode, so local mode and the first paint never download it.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { WebConfig } from './contracts';

type CognitoAuth = Extract<WebConfig['auth'], { mode: 'cognito' }>;

const managers = new Map<string, UserManager>();

function manager(auth: CognitoAuth): UserManager {
  const key = `${auth.domain}|${auth.clientId}`;
  let existing = managers.get(key);
  if (!existing) {
    const domain = auth.domain.replace(/\/+$/, '');
    // State, PKCE verifier and user in sessionStorage only: exam-room tablets are shared.
    const store = new WebStorageStateStore({ store: window.sessionStorage, prefix: 'bh.oidc.' });
    existing = new UserManager({
      authority: domain,
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      // The pool's issuer URL needs the pool id, which the config does not carry: give the hosted
      // UI endpoints explicitly so no discovery document is fetched.
      metadata: {
        issuer: domain,
        authorization_endpoint: `${domain}/oauth2/authorize`,
        token_endpoint: `${domain}/oauth2/token`,
        end_session_endpoint: `${domain}/logout`,
      },
      userStore: store,
      stateStore: store,
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
    });
    managers.set(key, existing);
  }
  return existing;
}

/** Redirects to the hosted UI; `next` comes back through the OAuth state. */
export async function beginSignIn(auth: CognitoAuth, next: string): Promise<void> {
  await manager(auth).signinRedirect({ url_state: next });
}

/** Finishes the redirect: the ID token and where to go next. */
export async function completeSignIn(
  auth: CognitoAuth,
): Promise<{ idToken: string; expiresAt: number | null; next: string | undefined }> {
  const m = manager(auth);
  const user = await m.signinRedirectCallback();
  await m.removeUser();
  if (!user.id_token) throw new Error('The sign-in did not return an ID token.');
  return {
    idToken: user.id_token,
    expiresAt: user.expires_at ? user.expires_at * 1000 : null,
    next: user.url_state,
  };
}

/** Cognito's logout endpoint takes client_id and logout_uri (not the OIDC parameter names). */
export function logoutUrl(auth: CognitoAuth): string {
  const domain = auth.domain.replace(/\/+$/, '');
  const logoutUri = `${new URL(auth.redirectUri).origin}/sign-in`;
  return `${domain}/logout?client_id=${encodeURIComponent(auth.clientId)}&logout_uri=${encodeURIComponent(logoutUri)}`;
}
