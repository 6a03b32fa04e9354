import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Membership } from '../../domain/model';
import type { MembershipRepository } from '../../ports/store';
import { MembershipRecord, parseItem, toAttributes } from './items';
import { membershipKeys } from './keys';
import { mapPage, queryInput, queryPage, type ListSpec } from './query';
import type { StoredItem, Table } from './table';

const parseMembership = (item: StoredItem) => parseItem('membership', MembershipRecord, item);

export const createMembershipRepository = (table: Table): MembershipRepository => ({
  /**
   * Every request resolves the caller's memberships, so this is one Query on the user's own
   * partition. A person holds a handful of memberships; the loop only matters if one ever exceeds
   * DynamoDB's 1 MB page, and then the answer is still complete.
   */
  async listForUser(userId) {
    const spec: ListSpec = {
      partition: membershipKeys.userPartition(userId),
      sortPrefix: membershipKeys.userSortPrefix,
    };
    const memberships: Membership[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const output = await table.client.send(
        new QueryCommand({ ...queryInput(table, spec, 1000), ExclusiveStartKey: start }),
      );
      memberships.push(...(output.Items ?? []).map(parseMembership));
      start = output.LastEvaluatedKey;
    } while (start !== undefined);
    return memberships;
  },

  async listForClinic(clinicId, page) {
    const raw = await queryPage(
      table,
      { index: 'gsi1', partition: membershipKeys.staffPartition(clinicId) },
      page,
    );
    return mapPage(raw, parseMembership);
  },

  async put(membership) {
    const { userId, clinicId, role } = membership;
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...toAttributes('membership', membership),
          ...membershipKeys.item(userId, clinicId, role),
          ...membershipKeys.byClinic(userId, clinicId, role),
        },
      }),
    );
  },

  async remove(userId, clinicId, role) {
    await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: membershipKeys.item(userId, clinicId, role),
      }),
    );
  },
});
