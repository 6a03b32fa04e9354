import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UserRepository } from '../../ports/store';
import { parseItem, toAttributes, UserProfileRecord } from './items';
import { userKeys } from './keys';
import type { Table } from './table';

export const createUserRepository = (table: Table): UserRepository => ({
  async get(userId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: userKeys.profile(userId),
        ConsistentRead: true,
      }),
    );
    return Item && parseItem('user', UserProfileRecord, Item);
  },

  async put(user) {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...toAttributes('user', user), ...userKeys.profile(user.userId) },
      }),
    );
  },
});
