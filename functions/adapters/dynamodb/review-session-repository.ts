import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ReviewSession } from '../../contracts/registry';
import { DomainError } from '../../domain/errors';
import type { ReviewSessionRepository } from '../../ports/registry';
import { itemIsNew } from './keys';
import { mapPage, queryPage } from './query';
import { reviewSessionKeys } from './registry-keys';
import { parseRegistry, toRegistry } from './registry-items';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  sendTransaction,
  transactionConflict,
} from './transactions';

const parseSession = (item: StoredItem) => parseRegistry('review-session', item);

/**
 * A session holds ids only (no PHI: the cases discussed are clinic/patient/episode ids), so its
 * writes carry no audit event; the services audit the clinic records they open.
 */
const sessionPut = (table: Table, s: ReviewSession) => ({
  TableName: table.tableName,
  Item: { ...toRegistry('review-session', s), ...reviewSessionKeys.item(s.reviewSessionId) },
});

/** The full copy in each member's partition, rewritten with every save. */
const pointerPuts = (table: Table, s: ReviewSession) =>
  reviewSessionKeys.members(s).map((userId) => ({
    Put: {
      TableName: table.tableName,
      Item: { ...toRegistry('review-session-pointer', s), ...reviewSessionKeys.pointer(userId, s) },
    },
  }));

/** The meeting id → session link, put in the transaction that stores the session's meeting. */
const meetingLinkPuts = (table: Table, s: ReviewSession) =>
  s.meetingId === undefined
    ? []
    : [
        {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toRegistry('review-meeting', {
                meetingId: s.meetingId,
                reviewSessionId: s.reviewSessionId,
              }),
              ...reviewSessionKeys.meetingLink(s.meetingId),
            },
          },
        },
      ];

const changedMeanwhile = () =>
  DomainError.conflict(
    'This review session was changed by someone else at the same time: reload it',
  );

export const createReviewSessionRepository = (table: Table): ReviewSessionRepository => {
  const get = async (reviewSessionId: string) => {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: reviewSessionKeys.item(reviewSessionId),
        ConsistentRead: true,
      }),
    );
    return Item && parseSession(Item);
  };

  return {
    async create(session) {
      try {
        await sendTransaction(table, [
          { Put: { ...sessionPut(table, session), ConditionExpression: itemIsNew } },
          ...pointerPuts(table, session),
          ...meetingLinkPuts(table, session),
        ]);
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (conditionFailed(reasons[0])) throw DomainError.conflict('This session already exists');
        throw error;
      }
    },

    get,

    async save(next, expectedVersion) {
      // Stale pointers are found from the state read at `expectedVersion`: versions must move on.
      if (next.version <= expectedVersion) throw new Error('A save must increase the version');
      const current = await get(next.reviewSessionId);
      if (current === undefined) throw DomainError.notFound('Review session');
      if (current.version !== expectedVersion) throw changedMeanwhile();
      // Pointers whose key changes (a rescheduled time, an attendee removed) are deleted.
      const keyOf = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;
      const kept = new Set(
        reviewSessionKeys.members(next).map((u) => keyOf(reviewSessionKeys.pointer(u, next))),
      );
      const stale = reviewSessionKeys
        .members(current)
        .map((userId) => reviewSessionKeys.pointer(userId, current))
        .filter((key) => !kept.has(keyOf(key)))
        .map((key) => ({ Delete: { TableName: table.tableName, Key: key } }));
      try {
        await sendTransaction(table, [
          {
            Put: {
              ...sessionPut(table, next),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          ...pointerPuts(table, next),
          ...(current.meetingId === next.meetingId ? [] : meetingLinkPuts(table, next)),
          ...stale,
        ]);
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (conditionFailed(reasons[0]) || transactionConflict(reasons)) throw changedMeanwhile();
        throw error;
      }
    },

    async listForUser(userId, page) {
      const raw = await queryPage(
        table,
        {
          partition: reviewSessionKeys.userPartition(userId),
          sortPrefix: reviewSessionKeys.userSortPrefix,
          descending: true,
        },
        page,
      );
      return mapPage(raw, (item) => parseRegistry('review-session-pointer', item));
    },

    async findByMeeting(meetingId) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.tableName,
          Key: reviewSessionKeys.meetingLink(meetingId),
        }),
      );
      if (Item?.['entity'] !== 'review-meeting') return undefined;
      const link = parseRegistry('review-meeting', Item);
      const session = await get(link.reviewSessionId);
      return session?.meetingId === meetingId ? session : undefined;
    },
  };
};
