import { httpRoute } from '../../platform/http';
import { listPatientVisits } from '../../services/scheduling-bookings';

export const handler = httpRoute('listPatientVisits', ({ params, query }, ctx) =>
  listPatientVisits(ctx, params.clinicId, params.patientId, query),
);
