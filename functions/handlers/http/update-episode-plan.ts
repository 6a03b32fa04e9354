import { httpRoute } from '../../platform/http';
import { updateEpisodePlan } from '../../services/registry-episodes';

export const handler = httpRoute('updateEpisodePlan', ({ params, body }, ctx) =>
  updateEpisodePlan(ctx, params, body),
);
