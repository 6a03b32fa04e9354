import { httpRoute } from '../../platform/http';
import { getScreening } from '../../services/screenings';

export const handler = httpRoute('getScreening', ({ params }, ctx) =>
  getScreening(ctx, params.clinicId, params.patientId, params.screeningId),
);
