import type { MessageRepository } from '../../ports/registry';
import { auditPut } from './audit-log';
import { itemIsNew } from './keys';
import { mapPage, queryPage } from './query';
import { messageKeys } from './registry-keys';
import { parseRegistry, toRegistry } from './registry-items';
import type { Table } from './table';
import { DomainError } from '../../domain/errors';
import {
  cancellationReasons,
  conditionFailed,
  patientMustExist,
  sendTransaction,
} from './transactions';

/** Messages live in a partition of their own next to the chart: `<patient>#MESSAGES`. */
export const createMessageRepository = (table: Table): MessageRepository => ({
  async create(message, audit) {
    if (message.clinicId !== audit.clinicId)
      throw new Error('Audit event belongs to another clinic');
    const { clinicId, patientId, messageId } = message;
    try {
      await sendTransaction(table, [
        {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toRegistry('patient-message', message),
              ...messageKeys.item(clinicId, patientId, messageId),
            },
            ConditionExpression: itemIsNew,
          },
        },
        patientMustExist(table, clinicId, patientId),
        { Put: auditPut(table, audit) },
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[1])) throw DomainError.notFound('Patient');
      if (conditionFailed(reasons[0])) throw DomainError.conflict('This message already exists');
      throw error;
    }
  },

  async listForPatient(clinicId, patientId, page) {
    const raw = await queryPage(
      table,
      {
        partition: messageKeys.partition(clinicId, patientId),
        sortPrefix: messageKeys.sortPrefix,
        descending: true,
      },
      page,
    );
    return mapPage(raw, (item) => parseRegistry('patient-message', item));
  },
});
