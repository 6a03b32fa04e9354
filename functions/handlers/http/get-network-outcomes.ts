import { httpRoute } from '../../platform/http';
import { getNetworkOutcomes } from '../../services/outcomes';

export const handler = httpRoute('getNetworkOutcomes', ({ query }, ctx) =>
  getNetworkOutcomes(ctx, query),
);
