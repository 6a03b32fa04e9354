import { httpRoute } from '../../platform/http';
import { getPatient } from '../../services/patients';

export const handler = httpRoute('getPatient', ({ params }, ctx) =>
  getPatient(ctx, params.clinicId, params.patientId),
);
