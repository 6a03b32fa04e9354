import type { ServerMessage } from '../../contracts/realtime';
import type { PushPort } from '../../ports/realtime';

interface LocalSocket {
  send(data: string): void;
}

/**
 * The local gateway registers each open socket here under its connection id; handlers running in
 * the same process push through it, as Lambdas push through the API Gateway management API.
 */
const sockets = new Map<string, LocalSocket>();

export const localSocketHub = {
  register: (connectionId: string, socket: LocalSocket) => void sockets.set(connectionId, socket),
  unregister: (connectionId: string) => void sockets.delete(connectionId),
};

export const localHubPush: PushPort = {
  send: (connectionIds: string[], message: ServerMessage) => {
    const payload = JSON.stringify(message);
    const gone: string[] = [];
    for (const connectionId of connectionIds) {
      const socket = sockets.get(connectionId);
      if (socket) socket.send(payload);
      else gone.push(connectionId);
    }
    return Promise.resolve({ gone });
  },
};
