import { httpRoute } from '../../platform/http';
import { listEpisodeActivities } from '../../services/registry-activities';

export const handler = httpRoute('listEpisodeActivities', ({ params, query }, ctx) =>
  listEpisodeActivities(ctx, params, query),
);
