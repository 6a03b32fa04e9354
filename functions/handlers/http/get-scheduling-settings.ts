import { httpRoute } from '../../platform/http';
import { getSchedulingSettings } from '../../services/scheduling';

export const handler = httpRoute('getSchedulingSettings', ({ params }, ctx) =>
  getSchedulingSettings(ctx, params.clinicId),
);
