/**
 * The edge of the paging socket: API Gateway WebSocket events (and the local socket gateway's
 * copies of them) are parsed with zod before anything runs, like HTTP requests in http.ts.
 */
import * as z from 'zod';
import type { RequestContext } from '../ports/context';
import { getDeps } from './container';
import { logger } from './logger';

/** What the $connect authorizer hands on: API Gateway flattens the context next to principalId. */
const WsAuthorizer = z.object({ sub: z.string().min(1).optional() }).loose();

export const WsEvent = z.object({
  requestContext: z.object({
    connectionId: z.string().min(1).max(128),
    routeKey: z.string(),
    eventType: z.enum(['CONNECT', 'MESSAGE', 'DISCONNECT']),
    requestId: z.string().optional(),
    authorizer: WsAuthorizer.nullish(),
  }),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
});
export type WsEvent = z.infer<typeof WsEvent>;

export interface WsResult {
  statusCode: number;
  body?: string;
}

export type WsHandler = (event: unknown) => Promise<WsResult>;

export const wsOk = (): WsResult => ({ statusCode: 200 });
export const wsRefused = (statusCode: 400 | 401 | 403): WsResult => ({ statusCode });

/** The message text of a MESSAGE event (API Gateway base64-encodes binary frames). */
export const messageText = (event: WsEvent): string | undefined => {
  if (!event.body) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

export interface WsInput {
  event: WsEvent;
  connectionId: string;
  /** Only on $connect (the authorizer's verified `sub`); later events look up the connection. */
  authorizedUserId: string | undefined;
  ctx: Omit<RequestContext, 'actorId'>;
}

/**
 * The only way a socket route becomes a Lambda handler: a malformed event is refused before the
 * service runs, and errors are logged by type (never with message text, which can carry PHI).
 */
export const wsRoute =
  (name: string, run: (input: WsInput) => Promise<WsResult>): WsHandler =>
  async (raw) => {
    const parsed = WsEvent.safeParse(raw);
    if (!parsed.success) {
      logger.warn('malformed socket event', { route: name });
      return wsRefused(400);
    }
    const event = parsed.data;
    const requestId = event.requestContext.requestId ?? 'unknown';
    logger.appendKeys({ requestId, route: name });
    try {
      return await run({
        event,
        connectionId: event.requestContext.connectionId,
        authorizedUserId: event.requestContext.authorizer?.sub,
        ctx: { requestId, deps: getDeps() },
      });
    } catch (error) {
      logger.error('socket handler failed', {
        errorName: error instanceof Error ? error.name : typeof error,
        stack: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
      });
      return { statusCode: 500 };
    } finally {
      logger.removeKeys(['requestId', 'route']);
    }
  };
