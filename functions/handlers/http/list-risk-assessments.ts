import { httpRoute } from '../../platform/http';
import { listRiskAssessments } from '../../services/safety';

export const handler = httpRoute('listRiskAssessments', ({ params, query }, ctx) =>
  listRiskAssessments(ctx, params.clinicId, params.patientId, query),
);
