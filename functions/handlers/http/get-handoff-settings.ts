import { httpRoute } from '../../platform/http';
import { getHandoffSettings } from '../../services/handoff-settings';

export const handler = httpRoute('getHandoffSettings', ({ params }, ctx) =>
  getHandoffSettings(ctx, params.clinicId),
);
