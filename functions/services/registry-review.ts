/**
 * The psychiatrist's side of the registry: the cross-clinic panel in review priority, the
 * one-screen case summary, and the review that routes recommendations to the PCP's inbox.
 */
import type * as z from 'zod';
import type { CareActivity } from '../contracts/activities';
import type { ClinicId } from '../contracts/common';
import type {
  CaseSummary,
  CaseloadQuery,
  Episode,
  Panel,
  Recommendation,
  ReviewBody,
} from '../contracts/registry';
import { DomainError } from '../domain/errors';
import { patientLabel } from '../domain/handoff/summary';
import { applyActivity, panelEntries } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import type { ClinicConfig } from '../ports/registry';
import { auditEvent, authorizeFor, loadActor } from './access';
import { pushToUsers } from './notify';
import { recommendationView } from './registry-recommendations';
import {
  auditEachClinic,
  matchesFilters,
  pageRequest,
  requireConfig,
  requireEpisode,
  viewClinics,
  viewOf,
} from './registry-views';

/** Activities a summary shows: the most recent ones (a year of weekly contacts fits). */
const SUMMARY_ACTIVITIES = 50;

/**
 * The psychiatrist's active episodes in the clinics they consult for (where they still hold the
 * panel action): one index Query per page, ordered by review priority within the page.
 */
export const getMyPanel = async (
  ctx: RequestContext,
  query: z.infer<typeof CaseloadQuery>,
): Promise<Panel> => {
  // As the caseload: a clinic filter is authorized like any clinic route (404 / audited 403).
  const actor =
    query.clinicId === undefined
      ? await loadActor(ctx)
      : (
          await authorizeFor(ctx, 'registry.panel', query.clinicId, {
            resourceType: 'caseload',
            resourceId: ctx.actorId,
          })
        ).actor;
  const visible = viewClinics(actor, 'registry.panel');
  if (visible.size === 0) return { items: [] };
  const { store } = ctx.deps;
  const page = await store.episodes.listPanel(ctx.actorId, pageRequest(query));
  const rows = page.items.filter((episode) => visible.has(episode.clinicId));
  const clinicIds = [...new Set(rows.map((episode) => episode.clinicId))];
  const configs =
    clinicIds.length > 0 ? await store.clinicConfigs.getConfigs(clinicIds) : new Map();
  const views = rows.flatMap((episode) => {
    const config = configs.get(episode.clinicId);
    return config ? [viewOf(ctx.deps, episode, config)] : [];
  });
  const shown = views.filter((view) => matchesFilters(view, query));
  await auditEachClinic(
    ctx,
    shown.map((view) => view.clinicId),
    'panel.read',
    'caseload',
  );
  const items = panelEntries(shown);
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
};

/**
 * Everything on the review screen. Restricted notes appear only once the patient's authorization
 * is recorded; the safety summary (level, follow-up, plan version) is always there.
 */
export const buildCaseSummary = async (
  ctx: RequestContext,
  episode: Episode,
  config: ClinicConfig,
): Promise<CaseSummary> => {
  const { store, clock } = ctx.deps;
  const { clinicId, patientId, episodeId } = episode;
  const [activities, recs, notes, assessment, plan] = await Promise.all([
    store.activities.listForEpisode(clinicId, patientId, episodeId, { limit: SUMMARY_ACTIVITIES }),
    store.recommendations.listForPatient(clinicId, patientId),
    store.restrictedNotes.listForPatient(clinicId, patientId),
    store.safety.latestAssessment(clinicId, patientId),
    store.safety.latestPlan(clinicId, patientId),
  ]);
  const now = clock.now();
  return {
    episode: viewOf(ctx.deps, episode, config),
    activities: activities.items,
    recommendations: recs
      .filter((rec) => rec.episodeId === episodeId)
      .map((rec) => recommendationView(rec, config.clinic, now)),
    authorizedNotes: notes.filter((note) => note.authorization !== undefined),
    safety: {
      level: assessment?.level ?? null,
      followUpDate: assessment?.followUp.date ?? null,
      planVersion: plan?.version ?? null,
    },
  };
};

export const getCaseSummary = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  episodeId: string,
): Promise<CaseSummary> => {
  const target = { resourceType: 'case-summary', resourceId: episodeId, patientId } as const;
  await authorizeFor(ctx, 'registry.read', clinicId, target);
  const [episode, config] = await Promise.all([
    requireEpisode(ctx.deps, clinicId, patientId, episodeId),
    requireConfig(ctx.deps, clinicId),
  ]);
  const summary = await buildCaseSummary(ctx, episode, config);
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'case-summary.read', target));
  return summary;
};

/** The session a review was discussed in must be one this psychiatrist runs. */
const requireOwnSession = async (ctx: RequestContext, reviewSessionId: string) => {
  const session = await ctx.deps.store.reviewSessions.get(reviewSessionId);
  if (session?.psychiatristId !== ctx.actorId) {
    throw DomainError.validation('Unknown case-review session', [
      { field: 'body.reviewSessionId', message: 'is not a case-review session you run' },
    ]);
  }
};

/**
 * Adds the case to the session's record of cases discussed. Best effort after the review itself
 * has committed: a lost race is retried once, and a failure only leaves the list short.
 */
const noteCaseDiscussed = async (ctx: RequestContext, reviewSessionId: string, ep: Episode) => {
  const { store, log } = ctx.deps;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const session = await store.reviewSessions.get(reviewSessionId);
      if (!session || session.cases.some((c) => c.episodeId === ep.episodeId)) return;
      if (session.cases.length >= 200) return;
      const cases = [
        ...session.cases,
        { clinicId: ep.clinicId, patientId: ep.patientId, episodeId: ep.episodeId },
      ];
      await store.reviewSessions.save(
        { ...session, cases, version: session.version + 1 },
        session.version,
      );
      return;
    } catch (error) {
      if (attempt === 1) {
        log.warn('review session case not recorded', {
          reviewSessionId,
          errorName: error instanceof Error ? error.name : typeof error,
        });
      }
    }
  }
};

/**
 * The psychiatrist's review: marks the case reviewed, answers the BCM's request, records the
 * review's minutes as a case_review activity and sends the recommendations to the episode's PCP,
 * all in one transaction; then tells the PCP (ids only) that their inbox changed.
 */
export const recordPsychiatricReview = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  episodeId: string,
  body: z.infer<typeof ReviewBody>,
): Promise<CaseSummary> => {
  const target = { resourceType: 'episode', resourceId: episodeId, patientId } as const;
  const { role } = await authorizeFor(ctx, 'registry.review', clinicId, target);
  const { deps } = ctx;
  const [episode, config] = await Promise.all([
    requireEpisode(deps, clinicId, patientId, episodeId),
    requireConfig(deps, clinicId),
  ]);
  if (episode.status !== 'active') {
    throw DomainError.conflict(
      'The episode is discharged: reviews are recorded while it is active',
    );
  }
  if (body.reviewSessionId !== undefined) await requireOwnSession(ctx, body.reviewSessionId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const activity: CareActivity = {
    activityId: deps.ids.next(),
    clinicId,
    patientId,
    episodeId,
    performedBy: ctx.actorId,
    role,
    kind: 'case_review',
    modality: body.reviewSessionId === undefined ? 'async' : 'video',
    minutes: body.minutes,
    occurredAt: new Date(now.getTime() - body.minutes * 60_000).toISOString(),
    recordedAt: at,
    ...(body.summary ? { note: body.summary } : {}),
    source:
      body.reviewSessionId === undefined
        ? { manual: true }
        : { reviewSessionId: body.reviewSessionId },
  };
  const next: Episode = {
    ...applyActivity(episode, activity, config.clinic.timeZone),
    lastPsychiatricReviewAt: at,
    version: episode.version + 1,
    updatedAt: at,
  };
  delete next.reviewRequest;
  const label = patientLabel(episode.patient);
  const recommendations: Recommendation[] = body.recommendations.map((rec) => ({
    recommendationId: deps.ids.next(),
    clinicId,
    patientId,
    episodeId,
    patientLabel: label,
    kind: rec.kind,
    text: rec.text,
    by: ctx.actorId,
    at,
    to: episode.billingPractitionerId,
    status: 'sent',
    version: 0,
  }));
  await deps.store.episodes.save(
    next,
    episode.version,
    auditEvent(ctx, clinicId, 'episode.review', target),
    {
      activity,
      recommendations,
    },
  );
  if (body.reviewSessionId !== undefined) await noteCaseDiscussed(ctx, body.reviewSessionId, next);
  for (const rec of recommendations) {
    await pushToUsers(deps, [rec.to], {
      type: 'inbox.updated',
      clinicId,
      patientId,
      recommendationId: rec.recommendationId,
    });
  }
  return buildCaseSummary(ctx, next, config);
};
