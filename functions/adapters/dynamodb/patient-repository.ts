import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClinicId } from '../../contracts/common';
import { Patient } from '../../contracts/patients';
import { DomainError } from '../../domain/errors';
import type { PageRequest, PatientRepository, PatientSearch } from '../../ports/store';
import { auditPut } from './audit-log';
import { MrnRecord, parseItem, toAttributes } from './items';
import { itemIsNew, patientKeys } from './keys';
import { parseNameQuery } from './names';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import { cancellationReasons, conditionFailed, transactionConflict } from './transactions';

const mrnInUse = () =>
  DomainError.conflict('MRN already in use in this clinic', [
    { field: 'body.mrn', message: 'is already used by another patient' },
  ]);

const parsePatient = (item: StoredItem) => parseItem('patient', Patient, item);

const assertSameClinic = (clinicId: ClinicId, auditClinicId: ClinicId) => {
  // An audit event filed under another clinic would be invisible to this clinic's review.
  if (clinicId !== auditClinicId) throw new Error('Audit event belongs to another clinic');
};

export const createPatientRepository = (table: Table): PatientRepository => {
  const get = async (clinicId: ClinicId, patientId: string) => {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: patientKeys.item(clinicId, patientId),
        ConsistentRead: true,
      }),
    );
    return Item && parsePatient(Item);
  };

  /** An MRN is exact: at most one patient, and no page after it. */
  const byMrn = async (
    clinicId: ClinicId,
    mrn: string,
    namePrefix: string | undefined,
    page: PageRequest,
  ) => {
    if (page.cursor !== undefined) {
      throw DomainError.validation('Invalid cursor', [
        { field: 'query.cursor', message: 'is not a cursor for this list' },
      ]);
    }
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: patientKeys.mrn(clinicId, mrn),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return { items: [] };
    const patient = await get(clinicId, parseItem('mrn', MrnRecord, Item).patientId);
    if (patient === undefined) return { items: [] };
    // Both criteria given: both must match.
    if (namePrefix !== undefined && !matchesName(patient, namePrefix)) return { items: [] };
    return { items: [patient] };
  };

  return {
    async create(patient, audit) {
      assertSameClinic(patient.clinicId, audit.clinicId);
      const attributes = toAttributes('patient', patient);
      const { clinicId, patientId, mrn } = attributes;
      const mrnGuard =
        mrn === undefined
          ? []
          : [
              {
                Put: {
                  TableName: table.tableName,
                  Item: {
                    ...toAttributes('mrn', { clinicId, patientId }),
                    ...patientKeys.mrn(clinicId, mrn),
                  },
                  ConditionExpression: itemIsNew,
                },
              },
            ];
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.tableName,
                  Item: {
                    ...attributes,
                    ...patientKeys.item(clinicId, patientId),
                    ...patientKeys.byName(attributes),
                  },
                  ConditionExpression: itemIsNew,
                },
              },
              ...mrnGuard,
              { Put: auditPut(table, audit) },
            ],
          }),
        );
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (mrn !== undefined && conditionFailed(reasons[1])) throw mrnInUse();
        if (conditionFailed(reasons[0])) throw DomainError.conflict('Patient already exists');
        if (transactionConflict(reasons)) {
          throw DomainError.conflict(
            'Another request changed this record at the same time: try again',
          );
        }
        throw error;
      }
    },

    get,

    async search(clinicId, search: PatientSearch, page) {
      if (search.mrn !== undefined) return byMrn(clinicId, search.mrn, search.namePrefix, page);
      const prefix = search.namePrefix === undefined ? undefined : namePrefixOf(search.namePrefix);
      const raw = await queryPage(
        table,
        { index: 'gsi1', partition: patientKeys.namePartition(clinicId), sortPrefix: prefix },
        page,
      );
      return mapPage(raw, parsePatient);
    },
  };
};

/** The index sort-key prefix for a "family[, given]" query; no letters or digits is a client error. */
const namePrefixOf = (query: string): string => {
  const parsed = parseNameQuery(query);
  if (parsed.family === '') {
    throw DomainError.validation('Invalid search', [
      { field: 'query.q', message: 'must start with a letter or digit of the family name' },
    ]);
  }
  return patientKeys.namePrefix(parsed);
};

/** The same test the index applies, so "mrn + name" agrees with a name-only search. */
const matchesName = (patient: Patient, query: string): boolean =>
  patientKeys.byName(patient).gsi1sk.startsWith(namePrefixOf(query));
