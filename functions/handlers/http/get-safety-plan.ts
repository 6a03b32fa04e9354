import { httpRoute } from '../../platform/http';
import { getSafetyPlan } from '../../services/safety';

export const handler = httpRoute('getSafetyPlan', ({ params, query }, ctx) =>
  getSafetyPlan(ctx, params.clinicId, params.patientId, query.version),
);
