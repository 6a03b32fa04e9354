import { httpRoute } from '../../platform/http';
import { recordRiskAssessment } from '../../services/safety';

export const handler = httpRoute('recordRiskAssessment', ({ params, body }, ctx) =>
  recordRiskAssessment(ctx, params.clinicId, params.patientId, body),
);
