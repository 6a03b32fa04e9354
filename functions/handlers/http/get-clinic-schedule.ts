import { httpRoute } from '../../platform/http';
import { getClinicSchedule } from '../../services/scheduling';

export const handler = httpRoute('getClinicSchedule', ({ params, query }, ctx) =>
  getClinicSchedule(ctx, params.clinicId, query),
);
