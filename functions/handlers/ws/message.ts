import { messageText, wsOk, wsRoute } from '../../platform/ws';
import { handleClientMessage } from '../../services/realtime';

/** $default: every client message (heartbeat, signal). Replies go out as pushes, never as the response. */
export const handler = wsRoute('message', async ({ event, connectionId, ctx }) => {
  await handleClientMessage(ctx, connectionId, messageText(event));
  return wsOk();
});
