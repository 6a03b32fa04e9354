import { httpRoute } from '../../platform/http';
import { dischargeEpisode } from '../../services/registry-episodes';

export const handler = httpRoute('dischargeEpisode', ({ params, body }, ctx) =>
  dischargeEpisode(ctx, params, body),
);
