import { httpRoute } from '../../platform/http';
import { registerPatient } from '../../services/patients';

export const handler = httpRoute('registerPatient', ({ params, body }, ctx) =>
  registerPatient(ctx, params.clinicId, body),
);
