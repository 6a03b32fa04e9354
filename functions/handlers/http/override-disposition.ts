import { httpRoute } from '../../platform/http';
import { overrideDisposition } from '../../services/screenings';

export const handler = httpRoute('overrideDisposition', ({ params, body }, ctx) =>
  overrideDisposition(ctx, params.clinicId, params.patientId, params.screeningId, body),
);
