import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { RiskAssessment, SafetyPlan } from '../../contracts/safety';
import { DomainError } from '../../domain/errors';
import type { SafetyRepository } from '../../ports/safety';
import { auditPut } from './audit-log';
import { parseItem, toAttributes } from './items';
import { itemExists, itemIsNew, patientKeys, safetyKeys } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  transactionConflict,
  patientMustExist,
} from './transactions';

const parseAssessment = (item: StoredItem) => parseItem('risk-assessment', RiskAssessment, item);
const parsePlan = (item: StoredItem) => parseItem('safety-plan', SafetyPlan, item);

const staleVersion = () =>
  DomainError.conflict('The safety plan was changed by someone else: reload and edit again', [
    { field: 'body.expectedVersion', message: 'is no longer the current version' },
  ]);

/** The newest item under a sort-key prefix of the patient's partition. */
const newest = async (table: Table, clinicId: string, patientId: string, prefix: string) => {
  const page = await queryPage(
    table,
    {
      partition: safetyKeys.patientPartition(clinicId, patientId),
      sortPrefix: prefix,
      descending: true,
    },
    { limit: 1 },
  );
  return page.items[0];
};

export const createSafetyRepository = (table: Table): SafetyRepository => ({
  async addAssessment(assessment, audit) {
    if (assessment.clinicId !== audit.clinicId) {
      throw new Error('Audit event belongs to another clinic');
    }
    const attributes = toAttributes('risk-assessment', assessment);
    const { clinicId, patientId, assessmentId } = attributes;
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  ...attributes,
                  ...safetyKeys.assessment(clinicId, patientId, assessmentId),
                },
                ConditionExpression: itemIsNew,
              },
            },
            patientMustExist(table, clinicId, patientId),
            { Put: auditPut(table, audit) },
          ],
        }),
      );
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[1])) throw DomainError.notFound('Patient');
      if (conditionFailed(reasons[0])) throw DomainError.conflict('Assessment already exists');
      if (transactionConflict(reasons)) {
        throw DomainError.conflict(
          'Another request changed this record at the same time: try again',
        );
      }
      throw error;
    }
  },

  async latestAssessment(clinicId, patientId) {
    const item = await newest(table, clinicId, patientId, safetyKeys.assessmentPrefix);
    return item && parseAssessment(item);
  },

  /** Newest first: assessment ids are ULIDs, so the sort key orders them by time. */
  async listAssessments(clinicId, patientId, page) {
    const raw = await queryPage(
      table,
      {
        partition: safetyKeys.patientPartition(clinicId, patientId),
        sortPrefix: safetyKeys.assessmentPrefix,
        descending: true,
      },
      page,
    );
    return mapPage(raw, parseAssessment);
  },

  /**
   * Versions are created one after another, each with attribute_not_exists, so "version N exists
   * and N + 1 does not" means N is current: two saves from the same version cannot both succeed.
   */
  async putPlanVersion(plan, expectedVersion, audit) {
    if (plan.clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
    if (plan.version !== expectedVersion + 1) {
      throw new Error('A safety plan version must follow the expected version');
    }
    const attributes = toAttributes('safety-plan', plan);
    const { clinicId, patientId, version } = attributes;
    const previous =
      expectedVersion === 0
        ? patientKeys.item(clinicId, patientId)
        : safetyKeys.plan(clinicId, patientId, expectedVersion);
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: { ...attributes, ...safetyKeys.plan(clinicId, patientId, version) },
                ConditionExpression: itemIsNew,
              },
            },
            {
              ConditionCheck: {
                TableName: table.tableName,
                Key: previous,
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
      if (conditionFailed(reasons[1])) {
        if (expectedVersion === 0) throw DomainError.notFound('Patient');
        throw staleVersion();
      }
      if (conditionFailed(reasons[0]) || transactionConflict(reasons)) throw staleVersion();
      throw error;
    }
  },

  async latestPlan(clinicId, patientId) {
    const item = await newest(table, clinicId, patientId, safetyKeys.planPrefix);
    return item && parsePlan(item);
  },

  async getPlanVersion(clinicId, patientId, version) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: safetyKeys.plan(clinicId, patientId, version),
        ConsistentRead: true,
      }),
    );
    return Item && parsePlan(Item);
  },
});
