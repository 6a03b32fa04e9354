import { httpRoute } from '../../platform/http';
import { putHandoffSettings } from '../../services/handoff-settings';

export const handler = httpRoute('putHandoffSettings', ({ params, body }, ctx) =>
  putHandoffSettings(ctx, params.clinicId, body),
);
