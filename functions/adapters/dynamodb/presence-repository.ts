import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Presence } from '../../contracts/handoff';
import type { PresenceRepository } from '../../ports/handoff';
import { presenceKeys, ttlSeconds } from './handoff-keys';
import { parseStored, queryAll, toStored } from './handoff-items';
import type { Table } from './table';

/** A presence row nobody has refreshed for a day is gone (away is the default anyway). */
const KEEP_MS = 24 * 60 * 60 * 1000;
const expiry = (lastSeenAt: string) =>
  ttlSeconds(new Date(Date.parse(lastSeenAt) + KEEP_MS).toISOString());

export const createPresenceRepository = (table: Table): PresenceRepository => {
  const listForUser = async (userId: string) =>
    (
      await queryAll(table, {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: {
          ':p': presenceKeys.userPartition(userId),
          ':s': presenceKeys.userSortPrefix,
        },
      })
    ).map((item) => parseStored('presence', item));

  return {
    async put(presence: Presence) {
      const { userId, clinicId } = presence;
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...toStored('presence', presence),
            ...presenceKeys.item(userId, clinicId),
            ...presenceKeys.byClinic(userId, clinicId),
            expiresAt: expiry(presence.lastSeenAt),
          },
        }),
      );
    },

    listForUser,

    async listForClinic(clinicId) {
      const items = await queryAll(table, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': presenceKeys.clinicPartition(clinicId) },
      });
      return items.map((item) => parseStored('presence', item));
    },

    /** One conditional update per clinic the user covers (a handful): rows that vanished stay gone. */
    async touch(userId, at) {
      const rows = await listForUser(userId);
      await Promise.all(
        rows.map((row) =>
          table.client
            .send(
              new UpdateCommand({
                TableName: table.tableName,
                Key: presenceKeys.item(userId, row.clinicId),
                UpdateExpression: 'SET lastSeenAt = :at, expiresAt = :ttl',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':at': at, ':ttl': expiry(at) },
              }),
            )
            .catch((error: unknown) => {
              if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) {
                throw error;
              }
            }),
        ),
      );
      return rows.map((row) => ({ ...row, lastSeenAt: at }));
    },
  };
};
