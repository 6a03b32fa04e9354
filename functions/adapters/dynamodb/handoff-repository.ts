import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Handoff } from '../../contracts/handoff';
import { DomainError } from '../../domain/errors';
import type { HandoffRepository } from '../../ports/handoff';
import { auditPut } from './audit-log';
import { handoffKeys } from './handoff-keys';
import { activityItem, parseStored, queryAll, toStored } from './handoff-items';
import { itemIsNew } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  patientMustExist,
  transactionConflict,
} from './transactions';

const parseHandoff = (item: StoredItem) => parseStored('handoff', item);
const parseAll = (items: StoredItem[]) => items.map(parseHandoff);

const handoffItem = (h: Handoff) => ({
  ...toStored('handoff', h),
  ...handoffKeys.item(h.clinicId, h.handoffId),
  ...handoffKeys.indexes(h),
});

const changedMeanwhile = () =>
  DomainError.conflict('This request was changed by someone else at the same time: reload it');

const getItem = async (table: Table, key: Record<string, string>) => {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
};

export const createHandoffRepository = (table: Table): HandoffRepository => {
  const get = async (clinicId: string, handoffId: string) => {
    const item = await getItem(table, handoffKeys.item(clinicId, handoffId));
    return item && parseHandoff(item);
  };

  /** The handoff an earlier tap with this client request id created (a double tap's answer). */
  const firstOf = async (h: Handoff, clientRequestId: string): Promise<Handoff> => {
    const item = await getItem(table, handoffKeys.clientRequest(h.clinicId, clientRequestId));
    const pointer = item && parseStored('handoff-request', item);
    const first = pointer && (await get(h.clinicId, pointer.handoffId));
    // The same id reused for another patient is a client bug, not a retry.
    if (!first || first.patientId !== h.patientId) {
      throw DomainError.conflict('This request id was already used', [
        { field: 'body.clientRequestId', message: 'was already used for another request' },
      ]);
    }
    return first;
  };

  return {
    async create(handoff, audit, clientRequestId) {
      if (handoff.clinicId !== audit.clinicId)
        throw new Error('Audit event belongs to another clinic');
      const { clinicId, handoffId, patientId } = handoff;
      const guard = clientRequestId
        ? [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  ...toStored('handoff-request', { clinicId, handoffId }),
                  ...handoffKeys.clientRequest(clinicId, clientRequestId),
                },
                ConditionExpression: itemIsNew,
              },
            },
          ]
        : [];
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              ...guard,
              {
                Put: {
                  TableName: table.tableName,
                  Item: handoffItem(handoff),
                  ConditionExpression: itemIsNew,
                },
              },
              patientMustExist(table, clinicId, patientId),
              { Put: auditPut(table, audit) },
            ],
          }),
        );
        return handoff;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const offset = guard.length;
        if (conditionFailed(reasons[offset + 1])) throw DomainError.notFound('Patient');
        if (clientRequestId && conditionFailed(reasons[0]))
          return firstOf(handoff, clientRequestId);
        if (transactionConflict(reasons)) {
          // A double tap racing itself: the other tap's write is the answer once it lands.
          if (clientRequestId) return firstOf(handoff, clientRequestId);
          throw changedMeanwhile();
        }
        throw error;
      }
    },

    async save(next, expectedVersion, audit, also = {}) {
      if (next.clinicId !== audit.clinicId)
        throw new Error('Audit event belongs to another clinic');
      const { activity } = also;
      if (
        activity &&
        !('handoffId' in activity.source && activity.source.handoffId === next.handoffId)
      ) {
        throw new Error('Activity belongs to another handoff');
      }
      const pointer = next.meeting
        ? [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  ...toStored('meeting-pointer', {
                    clinicId: next.clinicId,
                    handoffId: next.handoffId,
                    meetingId: next.meeting.meetingId,
                  }),
                  ...handoffKeys.meeting(next.meeting.meetingId),
                },
              },
            },
          ]
        : [];
      const activityPut = activity
        ? [
            {
              Put: {
                TableName: table.tableName,
                Item: activityItem(activity),
                ConditionExpression: itemIsNew,
              },
            },
          ]
        : [];
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.tableName,
                  Item: handoffItem(next),
                  ConditionExpression: '#version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              },
              { Put: auditPut(table, audit) },
              ...pointer,
              ...activityPut,
            ],
          }),
        );
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (conditionFailed(reasons[0]) || transactionConflict(reasons)) throw changedMeanwhile();
        if (activity && conditionFailed(reasons[reasons.length - 1])) {
          throw DomainError.conflict('The outcome of this call is already recorded');
        }
        throw error;
      }
    },

    get,

    async findByMeeting(meetingId) {
      const item = await getItem(table, handoffKeys.meeting(meetingId));
      const pointer = item && parseStored('meeting-pointer', item);
      return pointer && get(pointer.clinicId, pointer.handoffId);
    },

    async listForClinic(clinicId, filter, page) {
      const raw = await queryPage(
        table,
        filter === undefined
          ? { index: 'gsi1', partition: handoffKeys.clinicPartition(clinicId), descending: true }
          : {
              index: 'gsi2',
              partition: handoffKeys.groupPartition(clinicId, filter),
              descending: true,
            },
        page,
      );
      return mapPage(raw, parseHandoff);
    },

    async listOpen(clinicId) {
      const items = await queryAll(table, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': handoffKeys.groupPartition(clinicId, 'open') },
      });
      return parseAll(items);
    },

    async listLiveForUser(userId) {
      const items = await queryAll(table, {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p',
        ExpressionAttributeValues: { ':p': handoffKeys.livePartition(userId) },
      });
      return parseAll(items);
    },

    async listDue(now, limit) {
      const items = await queryAll(
        table,
        {
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :p AND gsi3sk <= :s',
          ExpressionAttributeValues: {
            ':p': handoffKeys.duePartition,
            // '~' sorts after every ULID character: everything due at `now` itself is included.
            ':s': `${now.toISOString()}#~`,
          },
          Limit: limit,
        },
        limit,
      );
      return parseAll(items);
    },

    async listMeetingsToDelete(limit) {
      const items = await queryAll(
        table,
        {
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :p',
          ExpressionAttributeValues: { ':p': handoffKeys.meetingCleanupPartition },
          Limit: limit,
        },
        limit,
      );
      return parseAll(items);
    },

    async listRequestedBetween(clinicId, from, to) {
      const items = await queryAll(
        table,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':p': handoffKeys.clinicPartition(clinicId),
            ':from': new Date(from).toISOString(),
            ':to': new Date(to).toISOString(),
          },
        },
        10_000,
      );
      return parseAll(items);
    },
  };
};
