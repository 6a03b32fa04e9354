import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Role } from '../contracts/common';

/** The audience (app client id) local tokens carry, as Cognito's web client id would. */
export const LOCAL_CLIENT_ID = 'local-web-client';

export interface LocalUser {
  userId: string;
  username: string;
  email: string;
  displayName: string;
  /** For the sign-in list, e.g. "PCP · Pine Ridge Family Clinic". */
  title: string;
  groups: Role[];
}

export interface LocalIdentity {
  issuer: string;
  audience: string;
  jwks(): { keys: JWK[] };
  issueIdToken(user: LocalUser): Promise<{ idToken: string; expiresIn: number }>;
}

const TOKEN_LIFETIME_SECONDS = 60 * 60;

/**
 * Stands in for Cognito locally: a fresh RS256 key per run, published as a JWKS, and ID tokens with
 * the claims a Cognito user pool puts in them, so the same verification path is exercised.
 */
export const createLocalIdentity = async (issuer: string): Promise<LocalIdentity> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    audience: LOCAL_CLIENT_ID,
    jwks: () => ({ keys: [publicJwk] }),
    issueIdToken: async (user) => {
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        'cognito:username': user.username,
        'cognito:groups': user.groups,
        email: user.email,
        email_verified: true,
        name: user.displayName,
        token_use: 'id',
        auth_time: now,
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(user.userId)
        .setIssuer(issuer)
        .setAudience(LOCAL_CLIENT_ID)
        .setIssuedAt(now)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
      return { idToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
  };
};
