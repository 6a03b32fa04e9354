import { httpRoute } from '../../platform/http';
import { getDiagnosisCatalog } from '../../services/registry-settings';

export const handler = httpRoute('getDiagnosisCatalog', ({ params }, ctx) =>
  getDiagnosisCatalog(ctx, params.clinicId),
);
