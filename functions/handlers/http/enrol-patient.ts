import { httpRoute } from '../../platform/http';
import { enrolPatient } from '../../services/registry-enrol';

export const handler = httpRoute('enrolPatient', ({ params, body }, ctx) =>
  enrolPatient(ctx, params.clinicId, params.patientId, body),
);
