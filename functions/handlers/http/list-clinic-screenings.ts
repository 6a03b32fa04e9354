import { httpRoute } from '../../platform/http';
import { listClinicScreenings } from '../../services/screenings';

export const handler = httpRoute('listClinicScreenings', ({ params, query }, ctx) =>
  listClinicScreenings(ctx, params.clinicId, query),
);
