import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { IsoDate } from '../../contracts/common';
import { DomainError } from '../../domain/errors';
import type { AuditEvent } from '../../domain/model';
import type { AuditLog } from '../../ports/store';
import { AuditEventRecord, parseItem, toAttributes } from './items';
import { auditKeys, itemIsNew } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import { isConditionalCheckFailed } from './transactions';

/** The audit item, also used inside other repositories' transactions. */
export const auditPut = (table: Table, event: AuditEvent) => {
  const attributes = toAttributes('audit', event);
  const { clinicId, patientId, at, eventId } = attributes;
  return {
    TableName: table.tableName,
    Item: {
      ...attributes,
      ...auditKeys.item(clinicId, at, eventId),
      ...(patientId === undefined ? {} : auditKeys.byPatient(clinicId, patientId, at, eventId)),
    },
    // An audit record is never overwritten: the trail is append-only.
    ConditionExpression: itemIsNew,
  };
};

const parseEvent = (item: StoredItem) => parseItem('audit', AuditEventRecord, item);

export const createAuditLog = (table: Table): AuditLog => ({
  async append(event) {
    try {
      await table.client.send(new PutCommand(auditPut(table, event)));
    } catch (error) {
      // The same event id and time is the same event: a retried append after a lost response
      // has already been recorded, so it succeeds instead of failing the request.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  },

  /** Newest first: "who looked at this chart lately" is the usual question. */
  async listForPatient(clinicId, patientId, page) {
    const raw = await queryPage(
      table,
      {
        index: 'gsi2',
        partition: auditKeys.patientPartition(clinicId, patientId),
        descending: true,
      },
      page,
    );
    return mapPage(raw, parseEvent);
  },

  /** Newest first, like every time-ordered list in the API. */
  async listForClinicDay(clinicId, day, page) {
    if (!IsoDate.safeParse(day).success) {
      throw DomainError.validation('Invalid day', [
        { field: 'query.day', message: 'must be YYYY-MM-DD' },
      ]);
    }
    const raw = await queryPage(
      table,
      { partition: auditKeys.dayPartition(clinicId, day), descending: true },
      page,
    );
    return mapPage(raw, parseEvent);
  },
});
