import { createRemoteJWKSet } from 'jose';
import * as z from 'zod';
import { verifyIdToken, type IdTokenCheck } from '../../platform/id-token';
import { logger } from '../../platform/logger';

/**
 * Lambda REQUEST authorizer of the WebSocket API's $connect. Browsers cannot set headers on a
 * WebSocket, so the ID token comes as `?token=`; it is verified against the user pool's JWKS and
 * the connection is allowed with the user's `sub` as context (the connect handler stores it).
 */
const AuthorizerEnv = z.object({
  /** https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
  COGNITO_ISSUER: z.url(),
  COGNITO_CLIENT_ID: z.string().min(1),
});

const AuthorizerEvent = z.object({
  methodArn: z.string().min(1),
  queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
});

export interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: { Action: 'execute-api:Invoke'; Effect: 'Allow'; Resource: string }[];
  };
  context: { sub: string };
}

/** API Gateway answers 401 when the authorizer throws exactly this. */
const UNAUTHORIZED = 'Unauthorized';

export const createAuthorizer =
  (check: IdTokenCheck) =>
  async (raw: unknown): Promise<AuthorizerResult> => {
    const event = AuthorizerEvent.safeParse(raw);
    const sub = event.success
      ? await verifyIdToken(event.data.queryStringParameters?.token, check)
      : undefined;
    if (!event.success || !sub) {
      logger.info('socket connect refused');
      throw new Error(UNAUTHORIZED);
    }
    return {
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.data.methodArn },
        ],
      },
      context: { sub },
    };
  };

let authorizer: ReturnType<typeof createAuthorizer> | undefined;

export const handler = (event: unknown): Promise<AuthorizerResult> => {
  if (!authorizer) {
    const env = AuthorizerEnv.parse(process.env);
    // jose caches the key set for the container's life and refetches on an unknown kid.
    authorizer = createAuthorizer({
      keys: createRemoteJWKSet(new URL(`${env.COGNITO_ISSUER}/.well-known/jwks.json`)),
      issuer: env.COGNITO_ISSUER,
      audience: env.COGNITO_CLIENT_ID,
    });
  }
  return authorizer(event);
};
