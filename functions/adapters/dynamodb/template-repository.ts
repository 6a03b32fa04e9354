/**
 * Schedule templates and clinic scheduling settings. Saving a template also registers its clinic
 * in the scheduled-clinics list the jobs walk, in the same transaction.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defaultClinicSchedulingSettings } from '../../contracts/scheduling';
import type { TemplateRepository } from '../../ports/scheduling';
import { mapPage, queryPage } from './query';
import {
  parseScheduling,
  scheduledClinicKeys,
  settingsKeys,
  templateKeys,
  toScheduling,
} from './scheduling-items';
import type { Table } from './table';

/** More templates than this for one provider across clinics is not a schedule but a bug. */
const MAX_PROVIDER_TEMPLATES = 500;

export const createTemplateRepository = (table: Table): TemplateRepository => ({
  async put(template) {
    const stored = toScheduling('schedule-template', template);
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: {
                ...stored,
                ...templateKeys.item(stored),
                ...templateKeys.byProvider(stored),
              },
            },
          },
          {
            Put: {
              TableName: table.tableName,
              Item: {
                ...toScheduling('scheduled-clinic', { clinicId: stored.clinicId }),
                ...scheduledClinicKeys.item(stored.clinicId),
              },
            },
          },
        ],
      }),
    );
  },

  async listForClinic(clinicId, providerId, page) {
    const raw = await queryPage(
      table,
      {
        partition: templateKeys.clinicPartition(clinicId),
        ...(providerId === undefined
          ? {}
          : { sortPrefix: templateKeys.providerSortPrefix(providerId) }),
      },
      page,
    );
    return mapPage(raw, (item) => parseScheduling('schedule-template', item));
  },

  async listForProvider(providerId) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :p',
          ExpressionAttributeValues: { ':p': templateKeys.providerPartition(providerId) },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined && items.length < MAX_PROVIDER_TEMPLATES);
    return items.map((item) => parseScheduling('schedule-template', item));
  },

  async getSettings(clinicId) {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: settingsKeys.item(clinicId) }),
    );
    if (Item === undefined) return defaultClinicSchedulingSettings();
    const { clinicId: _clinic, ...settings } = parseScheduling('scheduling-settings', Item);
    return settings;
  },

  async putSettings(clinicId, settings) {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...toScheduling('scheduling-settings', { ...settings, clinicId }),
          ...settingsKeys.item(clinicId),
        },
      }),
    );
  },

  async listScheduledClinics(page) {
    const raw = await queryPage(table, { partition: scheduledClinicKeys.partition }, page);
    return mapPage(raw, (item) => parseScheduling('scheduled-clinic', item).clinicId);
  },
});
