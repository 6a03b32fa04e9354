/**
 * What R3's registry use cases share on top of registry-views.ts (loading, views, the /me rule):
 * episode audit targets, the active-only guard and the next version of an episode. Enrolment is in
 * registry-enrol.ts, episode changes in registry-episodes.ts, activities in registry-activities.ts,
 * the BCM's caseload in registry-caseload.ts, settings in registry-settings.ts and the screening
 * hook in registry-measures.ts.
 */
import { registrySettingsOf } from '../contracts/clinics';
import type { ClinicId, FieldIssue } from '../contracts/common';
import type { Episode } from '../contracts/registry';
import { clinicDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { diagnosisCatalog } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import type { ClinicConfig } from '../ports/registry';
import type { AuditTarget } from './access';
import { requireConfig, requireEpisode } from './registry-views';

export const episodeTarget = (patientId: string, episodeId?: string): AuditTarget => ({
  resourceType: 'episode',
  patientId,
  ...(episodeId === undefined ? {} : { resourceId: episodeId }),
});

/** Care is logged and planned on the active episode only; a discharged one is history. */
export const requireActive = (episode: Episode): Episode => {
  if (episode.status !== 'active') {
    throw DomainError.conflict('The episode is discharged; enrol the patient again to continue');
  }
  return episode;
};

/** Loads the episode and its clinic's configuration together. */
export const episodeWithConfig = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  episodeId: string,
): Promise<{ episode: Episode; config: ClinicConfig }> => {
  const [episode, config] = await Promise.all([
    requireEpisode(ctx.deps, clinicId, patientId, episodeId),
    requireConfig(ctx.deps, clinicId),
  ]);
  return { episode, config };
};

/**
 * The plan's checks against the clinic (enrolment and plan edits): diagnoses from the clinic's
 * list, and the billing practitioner's last visit not after today on the clinic's calendar.
 */
export const planIssues = (
  plan: Pick<Episode, 'diagnoses' | 'lastSeenByBillingPractitionerOn'>,
  config: ClinicConfig,
  now: Date,
): FieldIssue[] => {
  const known = new Set(diagnosisCatalog(registrySettingsOf(config.clinic)).map((d) => d.code));
  const issues: FieldIssue[] = plan.diagnoses.flatMap((d, i) =>
    known.has(d.code)
      ? []
      : [
          {
            field: `body.diagnoses.${i}.code`,
            message: "is not in the clinic's diagnosis list (an admin can add it)",
          },
        ],
  );
  const today = clinicDate(now, config.clinic.timeZone);
  const lastSeen = plan.lastSeenByBillingPractitionerOn;
  if (lastSeen !== undefined && lastSeen > today) {
    issues.push({
      field: 'body.lastSeenByBillingPractitionerOn',
      message: `cannot be after today (${today})`,
    });
  }
  return issues;
};

/** The episode as the next version, stamped now (the domain functions leave both alone). */
export const nextVersion = (episode: Episode, now: Date): Episode => ({
  ...episode,
  version: episode.version + 1,
  updatedAt: now.toISOString(),
});
