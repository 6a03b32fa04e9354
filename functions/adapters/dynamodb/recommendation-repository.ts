import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import type { RecommendationRepository } from '../../ports/registry';
import { auditPut } from './audit-log';
import { queryAll } from './handoff-items';
import { mapPage, queryPage } from './query';
import { recommendationKeys } from './registry-keys';
import { parseRegistry, toRegistry } from './registry-items';
import type { StoredItem, Table } from './table';
import { cancellationReasons, conditionFailed, sendTransaction } from './transactions';

const parseRecommendation = (item: StoredItem) => parseRegistry('recommendation', item);

/** Created in the transaction of the psychiatric review (episodes.save); changed here. */
export const createRecommendationRepository = (table: Table): RecommendationRepository => ({
  async get(clinicId, patientId, recommendationId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: recommendationKeys.item(clinicId, patientId, recommendationId),
        ConsistentRead: true,
      }),
    );
    return Item && parseRecommendation(Item);
  },

  async save(next, expectedVersion, audit) {
    if (next.clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
    try {
      await sendTransaction(table, [
        {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toRegistry('recommendation', next),
              ...recommendationKeys.item(next.clinicId, next.patientId, next.recommendationId),
              // Leaving sent/acknowledged moves it from OPEN# to DONE# in the PCP's inbox.
              ...recommendationKeys.indexes(next),
            },
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          },
        },
        { Put: auditPut(table, audit) },
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[0]) || reasons.some((r) => r.code === 'TransactionConflict')) {
        throw DomainError.conflict(
          'This recommendation was changed by someone else at the same time: reload it',
        );
      }
      throw error;
    }
  },

  async listForPatient(clinicId, patientId) {
    // ULID ids sort by creation: descending key order is newest first.
    const items = await queryAll(table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: {
        ':p': recommendationKeys.patientPartition(clinicId, patientId),
        ':s': recommendationKeys.patientSortPrefix,
      },
      ScanIndexForward: false,
    });
    return items.map(parseRecommendation);
  },

  async listInbox(pcpId, filter, page) {
    const raw = await queryPage(
      table,
      filter === 'open'
        ? {
            index: 'gsi3',
            partition: recommendationKeys.inboxPartition(pcpId),
            sortPrefix: recommendationKeys.openPrefix,
            descending: true,
          }
        : { index: 'gsi2', partition: recommendationKeys.allPartition(pcpId), descending: true },
      page,
    );
    return mapPage(raw, parseRecommendation);
  },
});
