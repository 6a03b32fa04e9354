import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ClinicScreeningItem, ScreeningResult } from '../../contracts/screenings';
import { DomainError } from '../../domain/errors';
import type { ScreeningRepository } from '../../ports/store';
import { auditPut } from './audit-log';
import { parseItem, toAttributes } from './items';
import { itemExists, itemIsNew, patientKeys, screeningKeys } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import { cancellationReasons, conditionFailed, transactionConflict } from './transactions';

const parseResult = (item: StoredItem) => parseItem('screening', ScreeningResult, item);

export const createScreeningRepository = (table: Table): ScreeningRepository => ({
  async create(result, patientName, audit) {
    if (result.clinicId !== audit.clinicId)
      throw new Error('Audit event belongs to another clinic');
    const attributes = toAttributes('screening', { ...result, patientName });
    const { clinicId, patientId, screeningId, completedAt } = attributes;
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
            // A screening for a patient this clinic does not have would be an orphan no list shows.
            {
              ConditionCheck: {
                TableName: table.tableName,
                Key: patientKeys.item(clinicId, patientId),
                ConditionExpression: itemExists,
              },
            },
            { Put: auditPut(table, audit) },
          ],
        }),
      );
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[1])) throw DomainError.notFound('Patient');
      if (conditionFailed(reasons[0])) throw DomainError.conflict('Screening already exists');
      if (transactionConflict(reasons)) {
        throw DomainError.conflict(
          'Another request changed this record at the same time: try again',
        );
      }
      throw error;
    }
  },

  async get(clinicId, patientId, screeningId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: screeningKeys.item(clinicId, patientId, screeningId),
        ConsistentRead: true,
      }),
    );
    return Item && parseResult(Item);
  },

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
