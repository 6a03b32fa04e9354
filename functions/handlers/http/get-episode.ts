import { httpRoute } from '../../platform/http';
import { getEpisode } from '../../services/registry-episodes';

export const handler = httpRoute('getEpisode', ({ params }, ctx) => getEpisode(ctx, params));
