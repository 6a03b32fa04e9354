import { httpRoute } from '../../platform/http';
import { getClinicOutcomes } from '../../services/outcomes';

export const handler = httpRoute('getClinicOutcomes', ({ params, query }, ctx) =>
  getClinicOutcomes(ctx, params.clinicId, query),
);
