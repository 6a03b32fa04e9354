import { httpRoute } from '../../platform/http';
import { getSessionCount } from '../../services/scheduling-bookings';

export const handler = httpRoute('getSessionCount', ({ params }, ctx) =>
  getSessionCount(ctx, params.clinicId, params.patientId),
);
