import { jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface IdTokenCheck {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** The web app client id (an ID token's `aud`). */
  audience: string;
}

/**
 * Verifies a Cognito ID token the way the HTTP API's JWT authorizer does (signature, issuer,
 * audience, expiry) and insists on an ID token: an access token has no `aud` and no profile.
 * Returns the subject, or undefined for any token that fails.
 */
export const verifyIdToken = async (
  token: string | undefined,
  check: IdTokenCheck,
): Promise<string | undefined> => {
  if (!token || token.length > 8192) return undefined;
  try {
    const { payload } = await jwtVerify(token, check.keys, {
      issuer: check.issuer,
      audience: check.audience,
      algorithms: ['RS256'],
    });
    if (payload.token_use !== 'id' || typeof payload.sub !== 'string' || payload.sub === '') {
      return undefined;
    }
    return payload.sub;
  } catch {
    return undefined;
  }
};
