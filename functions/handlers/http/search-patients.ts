import { httpRoute } from '../../platform/http';
import { searchPatients } from '../../services/patients';

export const handler = httpRoute('searchPatients', ({ params, query }, ctx) =>
  searchPatients(ctx, params.clinicId, query),
);
