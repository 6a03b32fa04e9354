/**
 * Reading why a TransactWriteItems was cancelled. DynamoDB reports one reason per item, in the
 * order the items were sent, so callers map "item i failed its condition" to a domain error.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { itemExists, patientKeys } from './keys';
import type { Table } from './table';

const Cancelled = z.object({
  name: z.literal('TransactionCanceledException'),
  CancellationReasons: z
    .array(z.object({ Code: z.string().optional(), Item: z.unknown().optional() }))
    .optional(),
});

export interface CancellationReason {
  /** 'None' for items that were fine, 'ConditionalCheckFailed', 'TransactionConflict', … */
  code: string;
  /** The item as it was, when ReturnValuesOnConditionCheckFailure asked for it and it exists. */
  itemExisted: boolean;
}

/** The per-item reasons when `error` is a cancelled transaction; undefined for any other error. */
export const cancellationReasons = (error: unknown): CancellationReason[] | undefined => {
  const parsed = Cancelled.safeParse(error);
  if (!parsed.success) return undefined;
  return (parsed.data.CancellationReasons ?? []).map((reason) => ({
    code: reason.Code ?? 'None',
    itemExisted: reason.Item !== undefined && reason.Item !== null,
  }));
};

export const conditionFailed = (reason: CancellationReason | undefined): boolean =>
  reason?.code === 'ConditionalCheckFailed';

/** Another transaction held one of the items: the caller may retry, the write did not happen. */
export const transactionConflict = (reasons: CancellationReason[]): boolean =>
  reasons.some((reason) => reason.code === 'TransactionConflict');

export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * The transaction item every patient-scoped PHI write carries: a record for a patient this clinic
 * does not have would be an orphan no list shows, so the write fails instead.
 */
export const patientMustExist = (table: Table, clinicId: string, patientId: string) => ({
  ConditionCheck: {
    TableName: table.tableName,
    Key: patientKeys.item(clinicId, patientId),
    ConditionExpression: itemExists,
  },
});

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Sends a transaction, retrying it (up to `attempts` times, with a growing random pause) while the only reason
 * it was cancelled is another transaction holding one of its items. A retry re-evaluates every
 * condition, so it can never apply a write twice: a shared item (a caseload counter) touched by
 * two unrelated writes at once is the usual cause, not a real conflict.
 */
export const sendTransaction = async (
  table: Table,
  items: TransactItems,
  attempts = 6,
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const retryable =
        reasons !== undefined &&
        transactionConflict(reasons) &&
        !reasons.some((reason) => conditionFailed(reason));
      if (!retryable || attempt >= attempts) throw error;
      // Full jitter: writers that collided once should not collide again on the same beat.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
};
