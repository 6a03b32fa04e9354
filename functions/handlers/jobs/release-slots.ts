import { getDeps } from '../../platform/container';
import { logger } from '../../platform/logger';
import { releaseSlots } from '../../services/scheduling-jobs';

/** EventBridge Scheduler target: opens protected warm-handoff slots whose release time came. */
export const handler = async () => {
  const deps = getDeps();
  const report = await releaseSlots(deps, deps.clock.now());
  // Slot ids name clinic, provider and time only: no patient.
  logger.info('warm-handoff slots released', {
    released: report.released,
    held: report.held.length,
  });
  return { released: report.released, held: report.held.length };
};
