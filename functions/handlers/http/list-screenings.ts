import { httpRoute } from '../../platform/http';
import { listScreenings } from '../../services/screenings';

export const handler = httpRoute('listScreenings', ({ params, query }, ctx) =>
  listScreenings(ctx, params.clinicId, params.patientId, query),
);
