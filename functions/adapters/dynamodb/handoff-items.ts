/**
 * Stored shapes of the warm-handoff items, parsed on every read like the other entities (items.ts):
 * a malformed item fails loudly with paths and codes, never values, and keys are stripped.
 */
import * as z from 'zod';
import { CareActivity } from '../../contracts/activities';
import { ClinicId, IsoDateTime } from '../../contracts/common';
import { Handoff, Presence } from '../../contracts/handoff';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { activityKeys } from './handoff-keys';
import type { StoredItem, Table } from './table';

export const handoffEntities = {
  handoff: Handoff,
  'handoff-request': z.object({ clinicId: ClinicId, handoffId: z.string().min(1) }),
  'meeting-pointer': z.object({
    clinicId: ClinicId,
    handoffId: z.string().min(1),
    meetingId: z.string().min(1),
  }),
  presence: Presence,
  /** expiresAt is the TTL attribute (epoch seconds); the port speaks ISO. */
  connection: z.object({
    connectionId: z.string().min(1),
    userId: z.string().min(1),
    connectedAt: IsoDateTime,
    expiresAt: z.number().int(),
  }),
  'care-activity': CareActivity,
} as const;
export type HandoffEntity = keyof typeof handoffEntities;
type Shape<E extends HandoffEntity> = z.infer<(typeof handoffEntities)[E]>;

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');

export const parseStored = <E extends HandoffEntity>(entity: E, item: StoredItem): Shape<E> => {
  if (item['entity'] !== entity) {
    throw new Error(`Expected a stored ${entity} item, found ${String(item['entity'])}`);
  }
  const parsed = handoffEntities[entity].safeParse(item);
  if (!parsed.success) {
    throw new Error(`Stored ${entity} item is malformed: ${describe(parsed.error)}`);
  }
  return parsed.data as Shape<E>;
};

export const toStored = <E extends HandoffEntity>(
  entity: E,
  record: z.input<(typeof handoffEntities)[E]>,
): Shape<E> & { entity: E } => {
  const parsed = handoffEntities[entity].safeParse(record);
  if (!parsed.success) {
    throw new Error(`Refusing to store a malformed ${entity}: ${describe(parsed.error)}`);
  }
  return { ...(parsed.data as Shape<E>), entity };
};

/**
 * Reads a whole (small, bounded) list: open handoffs of one clinic, a user's presence rows. The
 * loop only matters past DynamoDB's 1 MB page; `max` stops a runaway list.
 */
export const queryAll = async (
  table: Table,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  max = 1000,
): Promise<StoredItem[]> => {
  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const output = await table.client.send(
      new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(output.Items ?? []));
    start = output.LastEvaluatedKey;
  } while (start !== undefined && items.length < max);
  return items.slice(0, max);
};

/** The stored care activity with its key and every index (written by handoffs and the registry). */
export const activityItem = (activity: CareActivity) => ({
  ...toStored('care-activity', activity),
  ...activityKeys.item(activity.clinicId, activity.patientId, activity.activityId),
  ...activityKeys.indexes(activity),
});
