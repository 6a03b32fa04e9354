import type { ScreeningResult } from '../contracts/screenings';
import { isDomainError } from '../domain/errors';
import { attachScreening } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import { auditEvent } from './access';
import { episodeTarget, nextVersion } from './registry';

/**
 * A stored screening of an enrolled patient becomes a measure of their active episode (and sets or
 * clears its safety state). Called after the screening is stored, so it must never fail the
 * submit: a problem is logged (ids and the error's type only) and the screening stands; the next
 * screening attaches again. A concurrent change of the episode is retried once.
 */
export const attachScreeningToEpisode = async (
  ctx: RequestContext,
  screening: ScreeningResult,
): Promise<void> => {
  const { store, clock, log } = ctx.deps;
  const { clinicId, patientId, screeningId } = screening;
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const episode = await store.episodes.getActive(clinicId, patientId);
      if (!episode) return;
      const changed = attachScreening(episode, screening);
      if (!changed) return;
      const now = clock.now();
      const audit = auditEvent(
        ctx,
        clinicId,
        'episode.measure',
        episodeTarget(patientId, episode.episodeId),
      );
      try {
        await store.episodes.save(nextVersion(changed, now), episode.version, audit);
        return;
      } catch (error) {
        if (!(isDomainError(error) && error.kind === 'conflict') || attempt === 1) throw error;
      }
    }
  } catch (error) {
    log.warn('screening not attached to the episode', {
      clinicId,
      screeningId,
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
};
