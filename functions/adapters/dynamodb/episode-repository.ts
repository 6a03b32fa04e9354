import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CareActivity } from '../../contracts/activities';
import type { Episode } from '../../contracts/registry';
import { DomainError } from '../../domain/errors';
import type { AuditEvent } from '../../domain/model';
import type { EpisodeRepository, EpisodeWriteExtras } from '../../ports/registry';
import { auditPut } from './audit-log';
import { decodeCursor, encodeCursor, keyOf, type CursorScope } from './cursor';
import { activityKeys } from './handoff-keys';
import { activityItem, parseStored, queryAll } from './handoff-items';
import { itemIsNew, type PrimaryKey } from './keys';
import { MAX_PAGE_SIZE, mapPage, queryInput, queryPage } from './query';
import {
  caseloadCountKeys,
  episodeKeys,
  idempotencyKeys,
  recommendationKeys,
} from './registry-keys';
import { parseRegistry, toRegistry } from './registry-items';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  patientMustExist,
  sendTransaction,
  transactionConflict,
} from './transactions';

const parseEpisode = (item: StoredItem) => parseRegistry('episode', item);

const episodeItem = (e: Episode) => ({
  ...toRegistry('episode', e),
  ...episodeKeys.item(e.clinicId, e.patientId, e.episodeId),
  // A Put replaces the whole item: a discharged episode's caseload and panel keys simply vanish.
  ...episodeKeys.indexes(e),
});

/** Moves a BCM's active count by `delta`, creating the counter (and its index row) on first use. */
const countUpdate = (table: Table, bcmId: string, delta: 1 | -1) => ({
  Update: {
    TableName: table.tableName,
    Key: caseloadCountKeys.item(bcmId),
    UpdateExpression:
      'SET #entity = :entity, #user = :user, gsi3pk = :gpk, gsi3sk = :gsk ADD #count :delta',
    ExpressionAttributeNames: { '#entity': 'entity', '#user': 'userId', '#count': 'activeCount' },
    ExpressionAttributeValues: {
      ':entity': 'caseload-count',
      ':user': bcmId,
      ':gpk': caseloadCountKeys.index(bcmId).gsi3pk,
      ':gsk': caseloadCountKeys.index(bcmId).gsi3sk,
      ':delta': delta,
    },
  },
});

const changedMeanwhile = () =>
  DomainError.conflict('This episode was changed by someone else at the same time: reload it');

const alreadyEnrolled = () =>
  DomainError.conflict('The patient already has an active collaborative-care episode', [
    { field: 'body.referredOn', message: 'the patient is already enrolled in an active episode' },
  ]);

const checkLimit = (limit: number) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw DomainError.validation('Invalid page size', [
      { field: 'query.limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
};

const checkExtras = (
  next: Episode,
  expectedVersion: number,
  audit: AuditEvent,
  extras: EpisodeWriteExtras,
) => {
  if (next.clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
  // The transition (discharge, BCM change) is judged from the state read at `expectedVersion`:
  // that is only the state the write replaces if every write moves the version on.
  if (next.version <= expectedVersion) throw new Error('A save must increase the version');
  const ours = (r: { clinicId: string; patientId: string; episodeId?: string }) =>
    r.clinicId === next.clinicId &&
    r.patientId === next.patientId &&
    r.episodeId === next.episodeId;
  if (extras.activity && !ours(extras.activity))
    throw new Error('Activity belongs to another episode');
  if (extras.recommendations?.some((r) => !ours(r)))
    throw new Error('Recommendation belongs to another episode');
  if (extras.idempotencyKey !== undefined && !extras.activity)
    throw new Error('An idempotency key guards an activity');
};

export const createEpisodeRepository = (table: Table): EpisodeRepository => {
  const getItem = async (key: PrimaryKey) => {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  };

  const get = async (clinicId: string, patientId: string, episodeId: string) => {
    const item = await getItem(episodeKeys.item(clinicId, patientId, episodeId));
    return item && parseEpisode(item);
  };

  /** The first activity stored under this key, or undefined when the key is unused. */
  const replayOf = async (
    next: Episode,
    key: string,
  ): Promise<{ activity: CareActivity; replayed: true } | undefined> => {
    const item = await getItem(idempotencyKeys.item(next.clinicId, key));
    if (item === undefined) return undefined;
    const guard = parseRegistry('idempotency-guard', item);
    const first = await getItem(
      activityKeys.item(guard.clinicId, guard.patientId, guard.activityId),
    );
    const activity = first && parseStored('care-activity', first);
    // The same key reused for another patient or episode is a client bug, not a retry.
    if (
      !activity ||
      activity.patientId !== next.patientId ||
      activity.episodeId !== next.episodeId
    ) {
      throw DomainError.conflict('This Idempotency-Key was already used', [
        { field: 'header.idempotency-key', message: 'was already used for another request' },
      ]);
    }
    return { activity, replayed: true };
  };

  return {
    async create(episode, audit) {
      if (episode.clinicId !== audit.clinicId)
        throw new Error('Audit event belongs to another clinic');
      if (episode.status !== 'active') throw new Error('A new episode is active');
      const { clinicId, patientId, episodeId } = episode;
      const items = [
        {
          Put: {
            TableName: table.tableName,
            Item: episodeItem(episode),
            ConditionExpression: itemIsNew,
          },
        },
        {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toRegistry('episode-guard', { clinicId, patientId, episodeId }),
              ...episodeKeys.activeGuard(clinicId, patientId),
            },
            ConditionExpression: itemIsNew,
          },
        },
        patientMustExist(table, clinicId, patientId),
        countUpdate(table, episode.bcmId, 1),
        { Put: auditPut(table, audit) },
      ];
      try {
        await sendTransaction(table, items);
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (conditionFailed(reasons[2])) throw DomainError.notFound('Patient');
        if (conditionFailed(reasons[1])) throw alreadyEnrolled();
        if (conditionFailed(reasons[0])) throw DomainError.conflict('This episode already exists');
        // Still contended after the retries (the BCM's counter, the patient's guard): nothing written.
        if (transactionConflict(reasons)) {
          throw DomainError.conflict(
            'Another enrolment was being saved at the same time: try again',
          );
        }
        throw error;
      }
    },

    get,

    async findIdempotentActivity(clinicId, key) {
      const item = await getItem(idempotencyKeys.item(clinicId, key));
      if (item === undefined) return undefined;
      const { patientId, activityId } = parseRegistry('idempotency-guard', item);
      return { patientId, activityId };
    },

    async getActive(clinicId, patientId) {
      const item = await getItem(episodeKeys.activeGuard(clinicId, patientId));
      if (item === undefined) return undefined;
      const guard = parseRegistry('episode-guard', item);
      return get(clinicId, patientId, guard.episodeId);
    },

    async listForPatient(clinicId, patientId) {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: {
          ':p': episodeKeys.patientPartition(clinicId, patientId),
          ':s': episodeKeys.patientSortPrefix,
        },
        ScanIndexForward: false,
      });
      return items.filter((item) => item['entity'] === 'episode').map(parseEpisode);
    },

    async save(next, expectedVersion, audit, extras = {}) {
      checkExtras(next, expectedVersion, audit, extras);
      const { activity, idempotencyKey, recommendations = [] } = extras;
      if (idempotencyKey !== undefined) {
        const replay = await replayOf(next, idempotencyKey);
        if (replay) return replay;
      }
      const current = await get(next.clinicId, next.patientId, next.episodeId);
      if (current === undefined) throw DomainError.notFound('Episode');
      if (current.version !== expectedVersion) throw changedMeanwhile();
      if (current.status === 'discharged' && next.status === 'active') {
        throw DomainError.conflict('A discharged episode stays discharged: enrol again instead');
      }
      const releasing = current.status === 'active' && next.status === 'discharged';
      const movingBcm =
        current.status === 'active' && next.status === 'active' && current.bcmId !== next.bcmId;

      const guardRelease = releasing
        ? [
            {
              Delete: {
                TableName: table.tableName,
                Key: episodeKeys.activeGuard(next.clinicId, next.patientId),
                ConditionExpression: 'episodeId = :e',
                ExpressionAttributeValues: { ':e': next.episodeId },
              },
            },
            countUpdate(table, current.bcmId, -1),
          ]
        : movingBcm
          ? [countUpdate(table, current.bcmId, -1), countUpdate(table, next.bcmId, 1)]
          : [];
      const idempotencyPut =
        activity && idempotencyKey !== undefined
          ? [
              {
                Put: {
                  TableName: table.tableName,
                  Item: {
                    ...toRegistry('idempotency-guard', {
                      clinicId: activity.clinicId,
                      patientId: activity.patientId,
                      activityId: activity.activityId,
                    }),
                    ...idempotencyKeys.item(next.clinicId, idempotencyKey),
                  },
                  ConditionExpression: itemIsNew,
                },
              },
            ]
          : [];
      const activityPut = activity
        ? [
            {
              Put: {
                TableName: table.tableName,
                Item: activityItem(activity),
                ConditionExpression: itemIsNew,
              },
            },
          ]
        : [];
      const recommendationPuts = recommendations.map((r) => ({
        Put: {
          TableName: table.tableName,
          Item: {
            ...toRegistry('recommendation', r),
            ...recommendationKeys.item(r.clinicId, r.patientId, r.recommendationId),
            ...recommendationKeys.indexes(r),
          },
          ConditionExpression: itemIsNew,
        },
      }));
      // The idempotency guard goes second: its reason is read first when the write is cancelled.
      const items = [
        {
          Put: {
            TableName: table.tableName,
            Item: episodeItem(next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          },
        },
        ...idempotencyPut,
        { Put: auditPut(table, audit) },
        ...guardRelease,
        ...activityPut,
        ...recommendationPuts,
      ];
      try {
        await sendTransaction(table, items);
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (idempotencyKey !== undefined && conditionFailed(reasons[1])) {
          const replay = await replayOf(next, idempotencyKey);
          if (replay) return replay;
        }
        if (conditionFailed(reasons[0]) || transactionConflict(reasons)) throw changedMeanwhile();
        if (activity && reasons.some(conditionFailed)) {
          throw DomainError.conflict('This activity is already recorded');
        }
        throw error;
      }
      return activity ? { activity, replayed: false } : { replayed: false };
    },

    async listCaseload(bcmId, page) {
      checkLimit(page.limit);
      const partition = episodeKeys.caseloadPartition(bcmId);
      const scope: CursorScope = {
        keyNames: ['gsi3pk', 'gsi3sk', 'pk', 'sk'],
        partitionKeyName: 'gsi3pk',
        partition,
        sortKeyName: 'gsi3sk',
      };
      const start = page.cursor === undefined ? undefined : decodeCursor(page.cursor, scope);
      // The counter sorts first: the first page asks for it, `limit` rows and one more (is there a
      // next page?). Later pages start past it and read it directly instead.
      const [output, counterItem] = await Promise.all([
        table.client.send(
          new QueryCommand({
            ...queryInput(table, { index: 'gsi3', partition }, page.limit + (start ? 1 : 2)),
            ExclusiveStartKey: start,
          }),
        ),
        start ? getItem(caseloadCountKeys.item(bcmId)) : Promise.resolve(undefined),
      ]);
      const found = output.Items ?? [];
      const isCounter = (item: StoredItem) => item['gsi3sk'] === caseloadCountKeys.sortKey;
      const counter = counterItem ?? found.find(isCounter);
      const rows = found.filter((item) => !isCounter(item));
      const activeCount = Math.max(
        0,
        counter ? parseRegistry('caseload-count', counter).activeCount : 0,
      );
      let nextCursor: string | undefined;
      let pageRows = rows;
      if (rows.length > page.limit) {
        pageRows = rows.slice(0, page.limit);
        const last = pageRows[pageRows.length - 1];
        nextCursor = last && encodeCursor(keyOf(last, scope.keyNames));
      } else if (output.LastEvaluatedKey !== undefined) {
        nextCursor = encodeCursor(keyOf(output.LastEvaluatedKey, scope.keyNames));
      }
      return { ...mapPage({ items: pageRows, nextCursor }, parseEpisode), activeCount };
    },

    async listPanel(psychiatristId, page) {
      const raw = await queryPage(
        table,
        { index: 'gsi4', partition: episodeKeys.panelPartition(psychiatristId) },
        page,
      );
      return mapPage(raw, parseEpisode);
    },

    async listForClinic(clinicId, page) {
      const raw = await queryPage(
        table,
        { index: 'gsi1', partition: episodeKeys.clinicPartition(clinicId), descending: true },
        page,
      );
      return mapPage(raw, parseEpisode);
    },
  };
};
