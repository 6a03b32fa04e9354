import { wsOk, wsRoute } from '../../platform/ws';
import { closeConnection } from '../../services/realtime';

/** $disconnect is best effort in API Gateway: the connection's TTL covers a missed one. */
export const handler = wsRoute('disconnect', async ({ connectionId, ctx }) => {
  await closeConnection(ctx, connectionId);
  return wsOk();
});
