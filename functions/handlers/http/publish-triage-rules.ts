import { logger } from '../../platform/logger';
import { httpRoute } from '../../platform/http';
import { publishTriageRules } from '../../services/triage-admin';

// Rule sets hold no PHI, so no audit event: the log records which version was published.
export const handler = httpRoute('publishTriageRules', async ({ params, body }, ctx) => {
  const rules = await publishTriageRules(ctx, params.clinicId, body);
  logger.info('triage rules published', { clinicId: rules.clinicId, version: rules.version });
  return rules;
});
