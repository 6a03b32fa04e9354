import { httpRoute } from '../../platform/http';
import { getMyPanel } from '../../services/registry-review';

export const handler = httpRoute('getMyPanel', ({ query }, ctx) => getMyPanel(ctx, query));
