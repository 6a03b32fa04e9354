import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { LocalIdentity } from './identity';

export type AuthorizerClaims = Record<string, string>;

/**
 * API Gateway's JWT authorizer hands claims to the Lambda as strings (arrays as "[a b]"); mirror
 * that so handlers see locally exactly what they see in AWS.
 */
const flattenClaims = (payload: JWTPayload): AuthorizerClaims =>
  Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );

/** Verifies a bearer token the way the HTTP API's JWT authorizer does: signature, issuer, audience, expiry. */
export const createJwtAuthorizer = (identity: LocalIdentity) => {
  const keys = createLocalJWKSet(identity.jwks());
  return async (authorization: string | undefined): Promise<AuthorizerClaims | undefined> => {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(match[1], keys, {
        issuer: identity.issuer,
        audience: identity.audience,
        algorithms: ['RS256'],
      });
      return flattenClaims(payload);
    } catch {
      return undefined;
    }
  };
};
