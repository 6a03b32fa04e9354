import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { HandoffSettings } from '../../contracts/handoff';
import { auditPut } from './audit-log';
import { batchGet } from './batch';
import { Clinic, TriageRuleSet } from '../../contracts/clinics';
import { RegistrySettings } from '../../contracts/registry';
import { BillingSettings } from '../../contracts/billing';
import { DomainError } from '../../domain/errors';
import type { ClinicId } from '../../contracts/common';
import type { AuditEvent } from '../../domain/model';
import type { ClinicRepository } from '../../ports/store';
import { parseItem, toAttributes } from './items';
import { clinicKeys, itemExists, itemIsNew, triageKeys } from './keys';
import { mapPage, queryPage } from './query';
import type { Table } from './table';
import { cancellationReasons, conditionFailed, transactionConflict } from './transactions';

/**
 * Replaces one settings attribute of the clinic item (an update of that attribute alone, so a
 * concurrent change of another part of the clinic is not undone), with its audit event in the same
 * transaction. A missing clinic is not found.
 */
const setSettings = async (
  table: Table,
  clinicId: ClinicId,
  attribute: 'handoff' | 'registry' | 'billing',
  settings: object,
  audit: AuditEvent,
): Promise<void> => {
  try {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table.tableName,
              Key: clinicKeys.item(clinicId),
              UpdateExpression: 'SET #settings = :settings',
              ConditionExpression: itemExists,
              ExpressionAttributeNames: { '#settings': attribute },
              ExpressionAttributeValues: { ':settings': settings },
            },
          },
          { Put: auditPut(table, audit) },
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons === undefined) throw error;
    if (conditionFailed(reasons[0])) throw DomainError.notFound('Clinic');
    throw error;
  }
};

export const createClinicRepository = (table: Table): ClinicRepository => ({
  async get(clinicId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: clinicKeys.item(clinicId),
        ConsistentRead: true,
      }),
    );
    return Item && parseItem('clinic', Clinic, Item);
  },

  async getMany(clinicIds) {
    const keys = [...new Set(clinicIds)].map((clinicId) => clinicKeys.item(clinicId));
    const items = await batchGet(table, keys);
    return items.map((item) => parseItem('clinic', Clinic, item));
  },

  async put(clinic) {
    const attributes = toAttributes('clinic', clinic);
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...attributes,
          ...clinicKeys.item(clinic.clinicId),
          ...clinicKeys.byNetwork(clinic.networkId, clinic.clinicId),
        },
      }),
    );
  },

  setHandoffSettings: (clinicId, settings, audit) =>
    setSettings(table, clinicId, 'handoff', HandoffSettings.parse(settings), audit),

  setRegistrySettings: (clinicId, settings, audit) =>
    setSettings(table, clinicId, 'registry', RegistrySettings.parse(settings), audit),

  setBillingSettings: (clinicId, settings, audit) =>
    setSettings(table, clinicId, 'billing', BillingSettings.parse(settings), audit),

  async listByNetwork(networkId, page) {
    const raw = await queryPage(
      table,
      { index: 'gsi1', partition: clinicKeys.networkPartition(networkId) },
      page,
    );
    return mapPage(raw, (item) => parseItem('clinic', Clinic, item));
  },

  async getTriageRules(clinicId, version) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: triageKeys.item(clinicId, version),
        ConsistentRead: true,
      }),
    );
    return Item && parseItem('triage-rules', TriageRuleSet, Item);
  },

  async listTriageRuleVersions(clinicId, page) {
    // Zero-padded version sort keys: descending key order is newest version first.
    const raw = await queryPage(
      table,
      {
        partition: triageKeys.clinicPartition(clinicId),
        sortPrefix: triageKeys.sortPrefix,
        descending: true,
      },
      page,
    );
    return mapPage(raw, (item) => parseItem('triage-rules', TriageRuleSet, item));
  },

  async publishTriageRules(rules, expectedCurrentVersion) {
    // Equal is allowed: it stores the rule set a newly set-up clinic already names (seeding).
    if (expectedCurrentVersion !== null && rules.version < expectedCurrentVersion) {
      throw DomainError.conflict('A triage rule version cannot be older than the current one');
    }
    const attributes = toAttributes('triage-rules', rules);
    // A clinic record always names a rule version (the Clinic contract requires one), so a clinic
    // set up before its first rule set is published already points at the version being published.
    // "No current version" therefore means: no attribute, or pointing at this not-yet-stored version
    // (the rule item's attribute_not_exists makes sure that version is published only once).
    const clinicCondition =
      expectedCurrentVersion === null
        ? `${itemExists} AND (attribute_not_exists(#v) OR #v = :new)`
        : `${itemExists} AND #v = :expected`;
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: { ...attributes, ...triageKeys.item(rules.clinicId, rules.version) },
                ConditionExpression: itemIsNew,
              },
            },
            {
              Update: {
                TableName: table.tableName,
                Key: clinicKeys.item(rules.clinicId),
                UpdateExpression: 'SET #v = :new',
                ConditionExpression: clinicCondition,
                ExpressionAttributeNames: { '#v': 'triageRuleVersion' },
                ExpressionAttributeValues:
                  expectedCurrentVersion === null
                    ? { ':new': rules.version }
                    : { ':new': rules.version, ':expected': expectedCurrentVersion },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      const [ruleItem, clinicItem] = reasons;
      if (conditionFailed(clinicItem) && clinicItem?.itemExisted === false) {
        throw DomainError.notFound('Clinic');
      }
      if (conditionFailed(ruleItem)) {
        throw DomainError.conflict(`Triage rule version ${rules.version} already exists`);
      }
      if (conditionFailed(clinicItem) || transactionConflict(reasons)) {
        throw DomainError.conflict(
          "The clinic's triage rules were changed by someone else: reload them and try again",
        );
      }
      throw error;
    }
  },
});
