import { httpRoute } from '../../platform/http';
import { submitScreening } from '../../services/screenings';

export const handler = httpRoute('submitScreening', ({ params, body }, ctx) =>
  submitScreening(ctx, params.clinicId, params.patientId, body),
);
