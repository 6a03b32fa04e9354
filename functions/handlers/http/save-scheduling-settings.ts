import { httpRoute } from '../../platform/http';
import { saveSchedulingSettings } from '../../services/scheduling';

export const handler = httpRoute('saveSchedulingSettings', ({ params, body }, ctx) =>
  saveSchedulingSettings(ctx, params.clinicId, body),
);
