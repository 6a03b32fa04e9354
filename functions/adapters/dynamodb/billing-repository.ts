/**
 * Closed billing months: the header decides who closes (a conditional put), the lines are written
 * in batches after it, and the header turns `closed` last, so a crash leaves a resumable `closing`
 * header and never a `closed` month with missing lines.
 */
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  Adjustment,
  CodeUnits,
  FacilityType,
  RateTable,
  WorksheetLine,
} from '../../contracts/billing';
import { ClinicId, IsoDateTime } from '../../contracts/common';
import { DomainError } from '../../domain/errors';
import type { BillingRepository, ClosedLineSummary, MonthCloseHeader } from '../../ports/billing';
import { auditPut } from './audit-log';
import { batchGet } from './batch';
import { billingKeys } from './billing-keys';
import { activityKeys } from './handoff-keys';
import { parseStored } from './handoff-items';
import { itemIsNew } from './keys';
import type { StoredItem, Table } from './table';
import { cancellationReasons, conditionFailed, isConditionalCheckFailed } from './transactions';

const Header = z.object({
  clinicId: ClinicId,
  month: z.string(),
  status: z.enum(['closing', 'closed']),
  closedBy: z.string().min(1),
  closedAt: IsoDateTime,
  leaseAt: IsoDateTime,
  lines: z.number().int().nonnegative(),
  timeZone: z.string().min(1),
  facilityType: FacilityType,
  rates: RateTable,
}) satisfies z.ZodType<MonthCloseHeader>;

const LineSummary = z.object({
  lineId: z.string(),
  patientId: z.string(),
  episodeId: z.string(),
  month: z.string(),
  countedMinutes: z.number().int().nonnegative(),
  codes: z.array(CodeUnits),
}) satisfies z.ZodType<ClosedLineSummary>;

const ENTITY = { header: 'billing-close', line: 'billing-line', adjustment: 'billing-adjustment' };

const parse = <S extends z.ZodType>(entity: string, schema: S, item: StoredItem): z.infer<S> => {
  if (item['entity'] !== entity) throw new Error(`Expected a stored ${entity} item`);
  const parsed = schema.safeParse(item);
  // Paths and codes only: a stored line holds names and dates of birth.
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ');
    throw new Error(`Stored ${entity} item is malformed: ${where}`);
  }
  return parsed.data;
};

/** Validated before writing, so only declared fields reach the table. */
const attributes = <S extends z.ZodType>(entity: string, schema: S, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Refusing to store a malformed ${entity}`);
  return { ...(parsed.data as Record<string, unknown>), entity };
};

const BATCH_WRITE_MAX = 25;
const MAX_ROUNDS = 10;
/** Batches in flight at once: enough to hide latency, few enough not to throttle a table. */
const PARALLEL_BATCHES = 8;

const pause = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** round)));

const writeChunk = async (table: Table, items: StoredItem[]): Promise<void> => {
  let pending: Record<string, unknown>[] = items.map((Item) => ({ PutRequest: { Item } }));
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= MAX_ROUNDS) throw new Error('BatchWriteItem left items unprocessed after retries');
    if (round > 0) await pause(round);
    const output = await table.client.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
    );
    pending = output.UnprocessedItems?.[table.tableName] ?? [];
  }
};

const queryPartition = async (
  table: Table,
  partition: string,
  sortPrefix: string,
  projection?: string[],
): Promise<StoredItem[]> => {
  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  const names: Record<string, string> = { '#p': 'pk', '#s': 'sk' };
  projection?.forEach((name, index) => (names[`#a${index}`] = name));
  do {
    const output = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: '#p = :p AND begins_with(#s, :s)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':p': partition, ':s': sortPrefix },
        ...(projection
          ? { ProjectionExpression: projection.map((_n, index) => `#a${index}`).join(', ') }
          : {}),
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(output.Items ?? []));
    start = output.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};

const getHeader = async (table: Table, clinicId: string, month: string) => {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: billingKeys.header(clinicId, month),
      ConsistentRead: true,
    }),
  );
  return Item && parse(ENTITY.header, Header, Item);
};

const headerItem = (header: MonthCloseHeader) => ({
  ...attributes(ENTITY.header, Header, header),
  ...billingKeys.header(header.clinicId, header.month),
});

export const createBillingRepository = (table: Table): BillingRepository => ({
  getClose: (clinicId, month) => getHeader(table, clinicId, month),

  async getCloses(clinicId, months) {
    const items = await batchGet(
      table,
      months.map((month) => billingKeys.header(clinicId, month)),
    );
    return items.map((item) => parse(ENTITY.header, Header, item));
  },

  async beginClose(header, audit) {
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: headerItem(header),
                ConditionExpression: itemIsNew,
              },
            },
            { Put: auditPut(table, audit) },
          ],
        }),
      );
      return { started: true, header };
    } catch (error) {
      const reasons = cancellationReasons(error);
      // A conflict means another closer's transaction holds the header right now: it wins.
      if (reasons === undefined) throw error;
      if (!conditionFailed(reasons[0]) && reasons[0]?.code !== 'TransactionConflict') throw error;
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const existing = await getHeader(table, header.clinicId, header.month);
        if (existing) return { started: false, header: existing };
        await pause(round);
      }
      throw DomainError.conflict('Another close of this month is starting: try again');
    }
  },

  async resumeClose(header, staleLeaseAt, audit) {
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: headerItem(header),
                ConditionExpression: '#status = :closing AND leaseAt = :lease',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':closing': 'closing', ':lease': staleLeaseAt },
              },
            },
            { Put: auditPut(table, audit) },
          ],
        }),
      );
      return header;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && (conditionFailed(reasons[0]) || reasons[0]?.code === 'TransactionConflict')) {
        return undefined;
      }
      throw error;
    }
  },

  async putLines(clinicId, month, lines) {
    const items = lines.map((line) => ({
      ...attributes(ENTITY.line, WorksheetLine, line),
      ...billingKeys.line(clinicId, month, line.lineId),
    }));
    const chunks: StoredItem[][] = [];
    for (let i = 0; i < items.length; i += BATCH_WRITE_MAX) {
      chunks.push(items.slice(i, i + BATCH_WRITE_MAX));
    }
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next];
        next += 1;
        if (chunk) await writeChunk(table, chunk);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
  },

  async finishClose(clinicId, month, leaseAt, lines) {
    try {
      const { Attributes } = await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: billingKeys.header(clinicId, month),
          UpdateExpression: 'SET #status = :closed, #lines = :lines',
          ConditionExpression: '#status = :closing AND leaseAt = :lease',
          ExpressionAttributeNames: { '#status': 'status', '#lines': 'lines' },
          ExpressionAttributeValues: {
            ':closed': 'closed',
            ':closing': 'closing',
            ':lease': leaseAt,
            ':lines': lines,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return parse(ENTITY.header, Header, Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw DomainError.conflict('Another close of this month took over: reload the worksheet');
    }
  },

  async listLines(clinicId, month) {
    const items = await queryPartition(
      table,
      billingKeys.monthPartition(clinicId, month),
      billingKeys.linePrefix,
    );
    return items.map((item) => parse(ENTITY.line, WorksheetLine, item));
  },

  async listLineSummaries(clinicId, month) {
    const items = await queryPartition(
      table,
      billingKeys.monthPartition(clinicId, month),
      billingKeys.linePrefix,
      ['entity', ...Object.keys(LineSummary.shape)],
    );
    return items.map((item) => parse(ENTITY.line, LineSummary, item));
  },

  async addAdjustment(adjustment, audit) {
    const { clinicId, month, adjustmentId } = adjustment;
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  ...attributes(ENTITY.adjustment, Adjustment, adjustment),
                  ...billingKeys.adjustment(clinicId, month, adjustmentId),
                },
                ConditionExpression: itemIsNew,
              },
            },
            // An adjustment exists only on a closed month.
            {
              ConditionCheck: {
                TableName: table.tableName,
                Key: billingKeys.header(clinicId, month),
                ConditionExpression: '#status = :closed',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':closed': 'closed' },
              },
            },
            { Put: auditPut(table, audit) },
          ],
        }),
      );
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && conditionFailed(reasons[1])) {
        throw DomainError.conflict('The month is not closed', [
          { field: 'path.month', message: 'adjustments apply to a closed month only' },
        ]);
      }
      throw error;
    }
  },

  async listAdjustments(clinicId, month) {
    const items = await queryPartition(
      table,
      billingKeys.monthPartition(clinicId, month),
      billingKeys.adjustmentPrefix,
    );
    return items.map((item) => parse(ENTITY.adjustment, Adjustment, item));
  },

  async listActivitiesBetween(clinicId, from, to) {
    const items: StoredItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const output = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi1',
          // Sort keys are `<start>#<id>`: BETWEEN the bare times is [from, to).
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':p': activityKeys.clinicPartition(clinicId),
            ':from': new Date(from).toISOString(),
            ':to': new Date(to).toISOString(),
          },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(output.Items ?? []));
      start = output.LastEvaluatedKey;
    } while (start !== undefined);
    return items.map((item) => parseStored('care-activity', item));
  },
});
