import { httpRoute } from '../../platform/http';
import { getTriageRules } from '../../services/triage-admin';

export const handler = httpRoute('getTriageRules', ({ params, query }, ctx) =>
  getTriageRules(ctx, params.clinicId, query),
);
