import { wsOk, wsRefused, wsRoute } from '../../platform/ws';
import { openConnection } from '../../services/realtime';

/** $connect: the authorizer has verified the token; remember which user this connection is. */
export const handler = wsRoute('connect', async ({ connectionId, authorizedUserId, ctx }) => {
  if (!authorizedUserId) return wsRefused(401);
  await openConnection(ctx, connectionId, authorizedUserId);
  return wsOk();
});
