import { getDeps } from '../../platform/container';
import { logger } from '../../platform/logger';
import { sweepHandoffs } from '../../services/handoff-jobs';

/** EventBridge Scheduler, every minute: expired requests fall back; stale meetings are deleted. */
export const handler = async () => {
  const report = await sweepHandoffs(getDeps());
  logger.info('handoff sweep', { ...report });
  return report;
};
