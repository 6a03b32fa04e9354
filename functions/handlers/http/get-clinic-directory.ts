import { httpRoute } from '../../platform/http';
import { getClinicDirectory } from '../../services/directory';

export const handler = httpRoute('getClinicDirectory', ({ params }, ctx) =>
  getClinicDirectory(ctx, params.clinicId),
);
