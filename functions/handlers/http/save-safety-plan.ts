import { httpRoute } from '../../platform/http';
import { saveSafetyPlan } from '../../services/safety';

export const handler = httpRoute('saveSafetyPlan', ({ params, body }, ctx) =>
  saveSafetyPlan(ctx, params.clinicId, params.patientId, body),
);
