import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  ClinicScreeningItem,
  DispositionOverride,
  ScreeningResult,
} from '../../contracts/screenings';
import { DomainError } from '../../domain/errors';
import type { ScreeningRepository } from '../../ports/store';
import { auditPut } from './audit-log';
import { parseItem, SubmissionRecord, toAttributes } from './items';
import { itemExists, itemIsNew, screeningKeys, submissionKeys } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  transactionConflict,
  patientMustExist,
} from './transactions';

const parseResult = (item: StoredItem) => parseItem('screening', ScreeningResult, item);

const getResult = async (
  table: Table,
  clinicId: string,
  patientId: string,
  screeningId: string,
): Promise<ScreeningResult | undefined> => {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: screeningKeys.item(clinicId, patientId, screeningId),
      ConsistentRead: true,
    }),
  );
  return Item && parseResult(Item);
};

/** The screening an earlier request with this submission id stored (a retry's answer). */
const firstResultOf = async (
  table: Table,
  clinicId: string,
  patientId: string,
  submissionId: string,
): Promise<ScreeningResult> => {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: submissionKeys.item(clinicId, submissionId),
      ConsistentRead: true,
    }),
  );
  const pointer = Item && parseItem('submission', SubmissionRecord, Item);
  // The same id reused for another patient is a client bug, not a retry: refuse it.
  if (!pointer || pointer.patientId !== patientId) {
    throw DomainError.conflict('This submission id was already used', [
      { field: 'body.submissionId', message: 'was already used for another screening' },
    ]);
  }
  const first = await getResult(table, clinicId, patientId, pointer.screeningId);
  if (!first) throw new Error('Submission points at a missing screening');
  return first;
};

export const createScreeningRepository = (table: Table): ScreeningRepository => ({
  async create(result, patientName, audit, submissionId) {
    if (result.clinicId !== audit.clinicId)
      throw new Error('Audit event belongs to another clinic');
    const attributes = toAttributes('screening', { ...result, patientName });
    const { clinicId, patientId, screeningId, completedAt } = attributes;
    const guard = submissionId
      ? {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toAttributes('submission', { clinicId, patientId, screeningId }),
              ...submissionKeys.item(clinicId, submissionId),
            },
            ConditionExpression: itemIsNew,
          },
        }
      : undefined;
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  ...attributes,
                  ...screeningKeys.item(clinicId, patientId, screeningId),
                  ...screeningKeys.byClinic(clinicId, completedAt, screeningId),
                },
                ConditionExpression: itemIsNew,
              },
            },
            patientMustExist(table, clinicId, patientId),
            { Put: auditPut(table, audit) },
            ...(guard ? [guard] : []),
          ],
        }),
      );
      return result;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[1])) throw DomainError.notFound('Patient');
      if (submissionId && conditionFailed(reasons[3])) {
        return firstResultOf(table, clinicId, patientId, submissionId);
      }
      if (conditionFailed(reasons[0])) throw DomainError.conflict('Screening already exists');
      if (transactionConflict(reasons)) {
        throw DomainError.conflict(
          'Another request changed this record at the same time: try again',
        );
      }
      throw error;
    }
  },

  async override(clinicId, patientId, screeningId, decision, audit, expectedVersion) {
    if (clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
    const entry = DispositionOverride.parse(decision);
    // Without a client version, a concurrent override between our read and write is retried once.
    for (let attempt = 0; ; attempt += 1) {
      const current = await getResult(table, clinicId, patientId, screeningId);
      if (!current) throw DomainError.notFound('Screening');
      const version = current.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw DomainError.conflict('This screening was overridden since you loaded it', [
          { field: 'body.expectedVersion', message: `is stale: the current version is ${version}` },
        ]);
      }
      const history = current.override
        ? [...(current.overrideHistory ?? []), current.override]
        : current.overrideHistory;
      const updated: ScreeningResult = {
        ...current,
        override: entry,
        ...(history ? { overrideHistory: history } : {}),
        version: version + 1,
      };
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table.tableName,
                  Key: screeningKeys.item(clinicId, patientId, screeningId),
                  UpdateExpression: history
                    ? 'SET #override = :override, #history = :history, #version = :next'
                    : 'SET #override = :override, #version = :next',
                  ConditionExpression:
                    version === 0
                      ? `${itemExists} AND attribute_not_exists(#version)`
                      : '#version = :current',
                  ExpressionAttributeNames: {
                    '#override': 'override',
                    '#version': 'version',
                    ...(history ? { '#history': 'overrideHistory' } : {}),
                  },
                  ExpressionAttributeValues: {
                    ':override': entry,
                    ':next': version + 1,
                    ...(history ? { ':history': history } : {}),
                    ...(version === 0 ? {} : { ':current': version }),
                  },
                },
              },
              { Put: auditPut(table, audit) },
            ],
          }),
        );
        return updated;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const raced = conditionFailed(reasons[0]) || transactionConflict(reasons);
        if (!raced) throw error;
        if (expectedVersion === undefined && attempt === 0) continue;
        throw DomainError.conflict(
          'Another request changed this record at the same time: try again',
        );
      }
    }
  },

  get: (clinicId, patientId, screeningId) => getResult(table, clinicId, patientId, screeningId),

  /** Newest first: screening ids are ULIDs, so the sort key orders them by creation time. */
  async listForPatient(clinicId, patientId, page) {
    const raw = await queryPage(
      table,
      {
        partition: screeningKeys.patientPartition(clinicId, patientId),
        sortPrefix: screeningKeys.patientSortPrefix,
        descending: true,
      },
      page,
    );
    return mapPage(raw, parseResult);
  },

  /** The PCP worklist, newest completed first. */
  async listForClinic(clinicId, page) {
    const raw = await queryPage(
      table,
      { index: 'gsi1', partition: screeningKeys.clinicPartition(clinicId), descending: true },
      page,
    );
    return mapPage(raw, (item) => parseItem('screening', ClinicScreeningItem, item));
  },
});
