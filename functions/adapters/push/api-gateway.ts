import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ServerMessage } from '../../contracts/realtime';
import { logger } from '../../platform/logger';
import type { PushPort } from '../../ports/realtime';

export interface ApiGatewayPushOptions {
  /** https://{api}.execute-api.{region}.amazonaws.com/{stage} */
  endpoint: string;
  region: string;
}

const isGone = (error: unknown): boolean =>
  error instanceof GoneException || (error instanceof Error && error.name === 'GoneException');

/**
 * Pushes through the WebSocket API's management API, one PostToConnection per connection, all in
 * parallel. A closed connection (410 Gone) is reported so the caller forgets it; any other failure
 * is logged by type only (the message may name a patient) and never fails the request that pushed:
 * the console polls the same data when a push is lost.
 */
export const createApiGatewayPush = (client: ApiGatewayManagementApiClient): PushPort => ({
  async send(connectionIds: string[], message: ServerMessage) {
    const data = new TextEncoder().encode(JSON.stringify(message));
    const results = await Promise.all(
      connectionIds.map(async (connectionId) => {
        try {
          await client.send(
            new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }),
          );
          return undefined;
        } catch (error) {
          if (isGone(error)) return connectionId;
          logger.warn('push failed', {
            type: message.type,
            errorName: error instanceof Error ? error.name : typeof error,
          });
          return undefined;
        }
      }),
    );
    return { gone: results.filter((id): id is string => id !== undefined) };
  },
});

export const apiGatewayPush = ({ endpoint, region }: ApiGatewayPushOptions): PushPort =>
  createApiGatewayPush(new ApiGatewayManagementApiClient({ endpoint, region }));
