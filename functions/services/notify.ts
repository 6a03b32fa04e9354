/**
 * Pushes a socket message to people (every live connection they have). Delivery is best effort:
 * a page that cannot be pushed is still in the queue the console polls, so a push failure never
 * fails the request. Connections the push port reports gone are removed.
 */
import type { ServerMessage } from '../contracts/realtime';
import type { Deps } from '../ports/context';

export const pushToUsers = async (
  deps: Deps,
  userIds: readonly string[],
  message: ServerMessage,
): Promise<{ delivered: number }> => {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return { delivered: 0 };
  try {
    const connections = (
      await Promise.all(unique.map((userId) => deps.store.connections.listForUser(userId)))
    ).flat();
    if (connections.length === 0) return { delivered: 0 };
    const { gone } = await deps.push.send(
      connections.map((c) => c.connectionId),
      message,
    );
    await Promise.all(gone.map((connectionId) => deps.store.connections.remove(connectionId)));
    return { delivered: connections.length - gone.length };
  } catch (error) {
    // Ids and the message type only: the message itself may carry a patient label.
    deps.log.warn('push failed', {
      type: message.type,
      recipients: unique.length,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return { delivered: 0 };
  }
};
