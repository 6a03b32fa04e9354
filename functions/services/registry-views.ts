/**
 * What every registry service needs: loading an episode of a clinic, the clinic's config, the
 * computed view of a row, and the rule for the cross-clinic `/me/...` views.
 */
import type { ClinicId } from '../contracts/common';
import type { Episode, EpisodeView, RegistryFlagKind } from '../contracts/registry';
import { roleAllows, type Action, type Actor } from '../domain/access/policy';
import { DomainError } from '../domain/errors';
import type { AuditEvent } from '../domain/model';
import { toEpisodeView } from '../domain/registry';
import type { Deps, RequestContext } from '../ports/context';
import type { ClinicConfig } from '../ports/registry';
import { auditEvent } from './access';

export const requireEpisode = async (
  deps: Deps,
  clinicId: ClinicId,
  patientId: string,
  episodeId: string,
): Promise<Episode> => {
  const episode = await deps.store.episodes.get(clinicId, patientId, episodeId);
  if (!episode) throw DomainError.notFound('Episode');
  return episode;
};

export const requireConfig = async (deps: Deps, clinicId: ClinicId): Promise<ClinicConfig> => {
  const config = (await deps.store.clinicConfigs.getConfigs([clinicId])).get(clinicId);
  if (!config) throw DomainError.notFound('Clinic');
  return config;
};

export const viewOf = (deps: Deps, episode: Episode, config: ClinicConfig): EpisodeView =>
  toEpisodeView(episode, config, deps.clock.now());

/**
 * The roles a cross-clinic registry view (`/me/caseload`, `/me/panel`, `/me/inbox`,
 * `/me/review-sessions`) is for. One rule for all of them: a caller who holds none of these roles
 * anywhere (only tablet, admin or MA memberships) is refused with 403 (no clinic to audit it in);
 * a care-team member whose roles lack this view's action gets an empty list.
 */
const CARE_TEAM_ROLES = new Set(['pcp', 'bcm', 'psychiatrist']);

/** The clinics whose rows the caller may see in a cross-clinic view gated by `action`. */
export const viewClinics = (actor: Actor, action: Action): Set<ClinicId> => {
  const own = actor.memberships.filter((m) => m.userId === actor.userId);
  if (!own.some((m) => CARE_TEAM_ROLES.has(m.role))) {
    throw DomainError.forbidden('These views are for the collaborative-care team');
  }
  return new Set(own.filter((m) => roleAllows(m.role, action)).map((m) => m.clinicId));
};

/** One audit event per clinic that has rows on a cross-clinic page (a PHI read in each). */
export const auditEachClinic = async (
  ctx: RequestContext,
  clinicIds: Iterable<ClinicId>,
  action: string,
  resourceType: AuditEvent['resourceType'],
): Promise<void> => {
  await Promise.all(
    [...new Set(clinicIds)].map((clinicId) =>
      ctx.deps.store.audit.append(auditEvent(ctx, clinicId, action, { resourceType })),
    ),
  );
};

export const pageRequest = (query: { limit: number; cursor?: string | undefined }) => ({
  limit: query.limit,
  ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
});

export interface RowFilters {
  clinicId?: ClinicId | undefined;
  flag?: RegistryFlagKind | undefined;
  minWeeks?: number | undefined;
  maxWeeks?: number | undefined;
}

/** The caseload and panel filters, applied to the rows of the page the index returned. */
export const matchesFilters = (view: EpisodeView, filters: RowFilters): boolean =>
  (filters.clinicId === undefined || view.clinicId === filters.clinicId) &&
  (filters.flag === undefined || view.flags.some((flag) => flag.kind === filters.flag)) &&
  (filters.minWeeks === undefined || view.weeksInTreatment >= filters.minWeeks) &&
  (filters.maxWeeks === undefined || view.weeksInTreatment <= filters.maxWeeks);
