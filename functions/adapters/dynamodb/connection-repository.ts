import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ConnectionRepository, SocketConnection } from '../../ports/realtime';
import { connectionKeys, ttlSeconds } from './handoff-keys';
import { parseStored, queryAll, toStored } from './handoff-items';
import type { StoredItem, Table } from './table';

/**
 * Socket connections, with the table's TTL on `expiresAt`. TTL deletion lags (up to days), so
 * reads drop expired rows themselves: a connection whose $disconnect was missed is never pushed to.
 */
export const createConnectionRepository = (
  table: Table,
  now: () => number = Date.now,
): ConnectionRepository => {
  const toConnection = (item: StoredItem): SocketConnection => {
    const stored = parseStored('connection', item);
    return { ...stored, expiresAt: new Date(stored.expiresAt * 1000).toISOString() };
  };
  const live = (c: SocketConnection) => Date.parse(c.expiresAt) > now();

  return {
    async put(connection) {
      const { connectionId, userId, connectedAt } = connection;
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...toStored('connection', {
              connectionId,
              userId,
              connectedAt,
              expiresAt: ttlSeconds(connection.expiresAt),
            }),
            ...connectionKeys.item(connectionId),
            ...connectionKeys.byUser(userId, connectedAt, connectionId),
          },
        }),
      );
    },

    async get(connectionId) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.tableName,
          Key: connectionKeys.item(connectionId),
          ConsistentRead: true,
        }),
      );
      const connection = Item && toConnection(Item);
      return connection && live(connection) ? connection : undefined;
    },

    async listForUser(userId) {
      const items = await queryAll(table, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': connectionKeys.userPartition(userId) },
      });
      return items.map(toConnection).filter(live);
    },

    async remove(connectionId) {
      await table.client.send(
        new DeleteCommand({ TableName: table.tableName, Key: connectionKeys.item(connectionId) }),
      );
    },
  };
};
