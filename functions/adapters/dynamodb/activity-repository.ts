import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivityRepository } from '../../ports/handoff';
import type { PerformerActivityRepository } from '../../ports/registry';
import { activityKeys } from './handoff-keys';
import { parseStored, queryAll } from './handoff-items';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';

const parseActivity = (item: StoredItem) => parseStored('care-activity', item);

/**
 * Reads only: an activity is written in the transaction of what produced it (a handoff outcome,
 * an episode save).
 */
export const createActivityRepository = (
  table: Table,
): ActivityRepository & PerformerActivityRepository => ({
  async get(clinicId, patientId, activityId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: activityKeys.item(clinicId, patientId, activityId),
        ConsistentRead: true,
      }),
    );
    return Item && parseActivity(Item);
  },

  async listForPatient(clinicId, patientId, page) {
    const raw = await queryPage(
      table,
      {
        partition: activityKeys.patientPartition(clinicId, patientId),
        sortPrefix: activityKeys.patientSortPrefix,
        descending: true,
      },
      page,
    );
    return mapPage(raw, parseActivity);
  },

  async listForEpisode(clinicId, _patientId, episodeId, page) {
    const raw = await queryPage(
      table,
      {
        index: 'gsi2',
        partition: activityKeys.episodePartition(clinicId, episodeId),
        descending: true,
      },
      page,
    );
    return mapPage(raw, parseActivity);
  },

  async listForPerformerBetween(userId, from, to) {
    // Sort keys are `<start>#<id>`: BETWEEN from AND to (the bare time) is [from, to).
    const items = await queryAll(
      table,
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':p': activityKeys.performerPartition(userId),
          ':from': new Date(from).toISOString(),
          ':to': new Date(to).toISOString(),
        },
      },
      10_000,
    );
    return items.map(parseActivity);
  },

  async listForClinicBetween(clinicId, from, to) {
    const items = await queryAll(
      table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':p': activityKeys.clinicPartition(clinicId),
          ':from': new Date(from).toISOString(),
          ':to': new Date(to).toISOString(),
        },
      },
      10_000,
    );
    return items.map(parseActivity);
  },
});
