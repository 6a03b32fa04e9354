import { getDeps } from '../../platform/container';
import { logger } from '../../platform/logger';
import { generateSlots } from '../../services/scheduling-jobs';

/** EventBridge Scheduler target: keeps every clinic's rolling horizon of slots generated. */
export const handler = async () => {
  const deps = getDeps();
  const report = await generateSlots(deps, deps.clock.now());
  logger.info('slots generated', { ...report });
  return report;
};
