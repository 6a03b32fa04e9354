/**
 * Logging care-management time on an episode (a contact, outreach, registry work) and listing it.
 * One person's activities never overlap (CLINICAL.md "CoCM billing": no minute counts twice), and a
 * retried request with the same Idempotency-Key records nothing twice.
 */
import { defaultModalityOf, type CareActivity } from '../contracts/activities';
import type { Page, PageQuery, Role } from '../contracts/common';
import type { ActivityLog, Episode, EpisodeView } from '../contracts/registry';
import { DomainError, isDomainError } from '../domain/errors';
import { applyActivity, overlappingActivity, toEpisodeView } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor } from './access';
import { assertMonthOpen } from './billing-close';
import type { EpisodeRef } from './registry-episodes';
import { episodeWithConfig, nextVersion, requireActive } from './registry';
import { requireEpisode } from './registry-views';

type LogResult = { activity: CareActivity; episode: EpisodeView };

/** The longest activity: anything starting this long before a candidate may still overlap it. */
const MAX_ACTIVITY_MS = 240 * 60_000;

const activityTarget = (ref: EpisodeRef, activityId?: string) => ({
  resourceType: 'care-activity' as const,
  patientId: ref.patientId,
  ...(activityId === undefined ? {} : { resourceId: activityId }),
});

/** The answer a retry gets: the first activity, with the episode as it is now. */
const replayOf = async (ctx: RequestContext, ref: EpisodeRef, activity: CareActivity) => {
  if (activity.patientId !== ref.patientId || activity.episodeId !== ref.episodeId) {
    throw DomainError.conflict('This Idempotency-Key was used for another request', [
      { field: 'header.idempotency-key', message: 'use a new key for a new activity' },
    ]);
  }
  const { episode, config } = await episodeWithConfig(
    ctx,
    ref.clinicId,
    ref.patientId,
    ref.episodeId,
  );
  await ctx.deps.store.audit.append(
    auditEvent(ctx, ref.clinicId, 'care-activity.replay', activityTarget(ref, activity.activityId)),
  );
  return { activity, episode: toEpisodeView(episode, config, ctx.deps.clock.now()) };
};

const earlierAttempt = async (ctx: RequestContext, ref: EpisodeRef, key: string | undefined) => {
  const { episodes, activities } = ctx.deps.store;
  if (key === undefined || !episodes.findIdempotentActivity) return undefined;
  const found = await episodes.findIdempotentActivity(ref.clinicId, key);
  return found && activities.get(ref.clinicId, found.patientId, found.activityId);
};

const checkTiming = async (ctx: RequestContext, occurredAt: Date, minutes: number, now: Date) => {
  if (occurredAt > now) {
    throw DomainError.validation('The activity cannot start in the future', [
      { field: 'body.occurredAt', message: 'cannot be in the future' },
    ]);
  }
  const mine = await ctx.deps.store.activities.listForPerformerBetween(
    ctx.actorId,
    new Date(occurredAt.getTime() - MAX_ACTIVITY_MS).toISOString(),
    new Date(occurredAt.getTime() + minutes * 60_000).toISOString(),
  );
  const clash = overlappingActivity(mine, { occurredAt: occurredAt.toISOString(), minutes });
  if (clash) {
    throw DomainError.conflict('You already logged an activity at that time', [
      {
        field: 'body.occurredAt',
        message: `overlaps your ${clash.minutes}-minute activity from ${clash.occurredAt}`,
      },
    ]);
  }
};

const newActivity = (
  ctx: RequestContext,
  episode: Episode,
  role: Role,
  input: ActivityLog,
  occurredAt: Date,
  now: Date,
): CareActivity => ({
  activityId: ctx.deps.ids.next(),
  clinicId: episode.clinicId,
  patientId: episode.patientId,
  episodeId: episode.episodeId,
  performedBy: ctx.actorId,
  role,
  kind: input.kind,
  modality: input.modality ?? defaultModalityOf(input.kind),
  minutes: input.minutes,
  occurredAt: occurredAt.toISOString(),
  recordedAt: now.toISOString(),
  ...(input.separatelyBilledAs === undefined
    ? {}
    : { separatelyBilledAs: input.separatelyBilledAs }),
  ...(input.note === undefined ? {} : { note: input.note }),
  source: { manual: true },
});

const attempt = async (
  ctx: RequestContext,
  ref: EpisodeRef,
  role: Role,
  input: ActivityLog,
  idempotencyKey: string | undefined,
): Promise<LogResult> => {
  const { episode, config } = await episodeWithConfig(
    ctx,
    ref.clinicId,
    ref.patientId,
    ref.episodeId,
  );
  requireActive(episode);
  const now = ctx.deps.clock.now();
  const occurredAt = input.occurredAt
    ? new Date(input.occurredAt)
    : new Date(now.getTime() - input.minutes * 60_000);
  await checkTiming(ctx, occurredAt, input.minutes, now);
  // A closed (or closing) billing month is read-only: its corrections are adjustments.
  await assertMonthOpen(ctx, ref.clinicId, config.clinic.timeZone, occurredAt);
  const activity = newActivity(ctx, episode, role, input, occurredAt, now);
  const next = nextVersion(applyActivity(episode, activity, config.clinic.timeZone), now);
  const audit = auditEvent(
    ctx,
    ref.clinicId,
    'care-activity.create',
    activityTarget(ref, activity.activityId),
  );
  const saved = await ctx.deps.store.episodes.save(next, episode.version, audit, {
    activity,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  if (saved.replayed && saved.activity) return replayOf(ctx, ref, saved.activity);
  return { activity: saved.activity ?? activity, episode: toEpisodeView(next, config, now) };
};

export const logActivity = async (
  ctx: RequestContext,
  ref: EpisodeRef,
  input: ActivityLog,
  idempotencyKey?: string,
): Promise<LogResult> => {
  const { role } = await authorizeFor(ctx, 'registry.write', ref.clinicId, activityTarget(ref));
  // A retry is answered from its first attempt before any check runs: the overlap check would
  // refuse it as overlapping that very attempt.
  const once = async () => {
    const first = await earlierAttempt(ctx, ref, idempotencyKey);
    return first ? replayOf(ctx, ref, first) : attempt(ctx, ref, role, input, idempotencyKey);
  };
  try {
    return await once();
  } catch (error) {
    // Someone else changed the episode between the read and the write (perhaps this request's
    // own twin): once more, from fresh. A conflict of the checks themselves simply happens again.
    if (!(isDomainError(error) && error.kind === 'conflict')) throw error;
    return once();
  }
};

export const listEpisodeActivities = async (
  ctx: RequestContext,
  ref: EpisodeRef,
  page: PageQuery,
): Promise<Page<CareActivity>> =>
  auditedRead(
    ctx,
    {
      action: 'registry.read',
      auditAction: 'care-activity.list',
      clinicId: ref.clinicId,
      target: activityTarget(ref),
    },
    async () => {
      await requireEpisode(ctx.deps, ref.clinicId, ref.patientId, ref.episodeId);
      return ctx.deps.store.activities.listForEpisode(
        ref.clinicId,
        ref.patientId,
        ref.episodeId,
        page,
      );
    },
  );
