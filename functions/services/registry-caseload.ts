/**
 * The BCM's caseload across every clinic they cover (issue #5 "BCM console"): one index Query per
 * page (the first page also carries the active-patient counter), one BatchGetItem of the covered
 * clinics' settings, the caller's memberships, and an audit event per clinic shown.
 */
import { registrySettingsOf } from '../contracts/clinics';
import type { Caseload } from '../contracts/registry';
import { defaultRegistrySettings } from '../contracts/registry';
import { toEpisodeView } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import type { ClinicConfig } from '../ports/registry';
import { authorizeFor, loadActor } from './access';
import {
  auditEachClinic,
  matchesFilters,
  pageRequest,
  viewClinics,
  type RowFilters,
} from './registry-views';

export type CaseloadQuery = RowFilters & { limit: number; cursor?: string | undefined };

/** No per-person FTE is stored yet: every BCM counts as one full-time equivalent. */
const FTE = 1;

/** The strictest covered clinic's setting decides when the meter warns. */
const warningAt = (configs: Iterable<ClinicConfig>): number => {
  const perFte = [...configs].map((c) => registrySettingsOf(c.clinic).caseloadWarningPerFte);
  const lowest =
    perFte.length > 0 ? Math.min(...perFte) : defaultRegistrySettings().caseloadWarningPerFte;
  return Math.max(1, Math.round(lowest * FTE));
};

/**
 * Rows only of clinics where the caller's current memberships allow the caseload (the /me rule of
 * registry-views.ts: no care-team role anywhere → 403; a care-team member without a caseload gets
 * an empty list). The filters apply to the page's rows, so a filtered page may hold fewer than
 * `limit` rows while `nextCursor` goes on. A clinic filter naming a clinic the caller is not a
 * member of is not found; one where their role keeps no caseload is refused and audited.
 */
export const getMyCaseload = async (
  ctx: RequestContext,
  query: CaseloadQuery,
): Promise<Caseload> => {
  const actor =
    query.clinicId === undefined
      ? await loadActor(ctx)
      : (
          await authorizeFor(ctx, 'registry.caseload', query.clinicId, {
            resourceType: 'caseload',
            resourceId: ctx.actorId,
          })
        ).actor;
  const covered = viewClinics(actor, 'registry.caseload');
  const { store, clock } = ctx.deps;
  const [page, configs] = await Promise.all([
    store.episodes.listCaseload(ctx.actorId, pageRequest(query)),
    store.clinicConfigs.getConfigs([...covered]),
  ]);
  const now = clock.now();
  const items = page.items
    .filter((episode) => covered.has(episode.clinicId))
    .flatMap((episode) => {
      const config = configs.get(episode.clinicId);
      return config ? [toEpisodeView(episode, config, now)] : [];
    })
    .filter((view) => matchesFilters(view, query));
  await auditEachClinic(
    ctx,
    items.map((v) => v.clinicId),
    'caseload.read',
    'caseload',
  );
  return {
    items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    capacity: {
      activePatients: page.activeCount,
      fte: FTE,
      warningAt: warningAt(configs.values()),
    },
  };
};
