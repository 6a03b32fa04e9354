/**
 * The psychiatrist's recommendations after they reach the PCP: the PCP's cross-clinic inbox, the
 * patient's thread (PCP, BCM, psychiatrist), and the addressed PCP's acknowledgement and answer.
 */
import type * as z from 'zod';
import { registrySettingsOf, type Clinic } from '../contracts/clinics';
import type { ClinicId, Page } from '../contracts/common';
import type {
  InboxQuery,
  Recommendation,
  RecommendationResolve,
  RecommendationView,
} from '../contracts/registry';
import { DomainError } from '../domain/errors';
import { acknowledge, isAcknowledgementOverdue, resolve } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor, loadActor } from './access';
import { requirePatient } from './patients';
import { auditEachClinic, pageRequest, viewClinics } from './registry-views';
import { requireClinic } from './scheduling';

type View = z.infer<typeof RecommendationView>;

/** `overdue` counts the clinic's days on the clinic's calendar. */
export const recommendationView = (
  rec: Recommendation,
  clinic: Pick<Clinic, 'registry' | 'timeZone'>,
  now: Date,
): View => ({
  ...rec,
  overdue: isAcknowledgementOverdue(rec, registrySettingsOf(clinic), now, clinic.timeZone),
});

/**
 * The PCP's inbox across every clinic where they may answer recommendations: one index Query, the
 * clinics' settings in one batch (for `overdue`), one audit event per clinic on the page.
 */
export const getMyInbox = async (
  ctx: RequestContext,
  query: z.infer<typeof InboxQuery>,
): Promise<Page<View>> => {
  const visible = viewClinics(await loadActor(ctx), 'recommendation.inbox');
  if (visible.size === 0) return { items: [] };
  const { store, clock } = ctx.deps;
  const page = await store.recommendations.listInbox(ctx.actorId, query.status, pageRequest(query));
  const rows = page.items.filter((rec) => visible.has(rec.clinicId));
  const clinicIds = [...new Set(rows.map((rec) => rec.clinicId))];
  const configs =
    clinicIds.length > 0 ? await store.clinicConfigs.getConfigs(clinicIds) : new Map();
  await auditEachClinic(ctx, clinicIds, 'recommendation.inbox', 'recommendation-list');
  const now = clock.now();
  const items = rows.map((rec) => {
    const clinic = configs.get(rec.clinicId)?.clinic;
    return recommendationView(rec, clinic ?? { timeZone: 'UTC' }, now);
  });
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
};

/** The recommendations of one patient's episodes, newest first: the thread the team shares. */
export const listRecommendations = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<{ items: View[] }> => {
  const target = { resourceType: 'recommendation-list', patientId } as const;
  return auditedRead(
    ctx,
    { action: 'registry.read', auditAction: 'recommendation.list', clinicId, target },
    async () => {
      const [clinic, recs] = await Promise.all([
        requireClinic(ctx.deps, clinicId),
        requirePatient(ctx, clinicId, patientId).then(() =>
          ctx.deps.store.recommendations.listForPatient(clinicId, patientId),
        ),
      ]);
      const now = ctx.deps.clock.now();
      return { items: recs.map((rec) => recommendationView(rec, clinic, now)) };
    },
  );
};

/**
 * Loads a recommendation for the PCP it is addressed to. Another PCP of the clinic may read the
 * thread but not answer for a colleague: 403, recorded in the clinic's audit trail.
 */
const loadAddressed = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  recommendationId: string,
) => {
  const target = {
    resourceType: 'recommendation',
    resourceId: recommendationId,
    patientId,
  } as const;
  await authorizeFor(ctx, 'recommendation.respond', clinicId, target);
  const rec = await ctx.deps.store.recommendations.get(clinicId, patientId, recommendationId);
  if (!rec) throw DomainError.notFound('Recommendation');
  if (rec.to !== ctx.actorId) {
    await ctx.deps.store.audit.append(
      auditEvent(ctx, clinicId, 'recommendation.respond', target, 'denied'),
    );
    throw DomainError.forbidden('Only the PCP the recommendation is addressed to can answer it');
  }
  return { rec, target };
};

const saveAnswer = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  previous: Recommendation,
  next: Recommendation,
  auditAction: string,
): Promise<View> => {
  const audit = auditEvent(ctx, clinicId, auditAction, {
    resourceType: 'recommendation',
    resourceId: next.recommendationId,
    patientId: next.patientId,
  });
  await ctx.deps.store.recommendations.save(next, previous.version, audit);
  const clinic = await requireClinic(ctx.deps, clinicId);
  return recommendationView(next, clinic, ctx.deps.clock.now());
};

export const acknowledgeRecommendation = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  recommendationId: string,
): Promise<View> => {
  const { rec } = await loadAddressed(ctx, clinicId, patientId, recommendationId);
  const next = acknowledge(rec, ctx.actorId, ctx.deps.clock.now());
  return saveAnswer(ctx, clinicId, rec, next, 'recommendation.acknowledge');
};

/** Implemented, or declined with the PCP's reason (the schema refuses a decline without one). */
export const resolveRecommendation = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  recommendationId: string,
  body: z.infer<typeof RecommendationResolve>,
): Promise<View> => {
  const { rec } = await loadAddressed(ctx, clinicId, patientId, recommendationId);
  const next = resolve(rec, body.outcome, body.reason, ctx.deps.clock.now());
  return saveAnswer(ctx, clinicId, rec, next, `recommendation.${body.outcome}`);
};
