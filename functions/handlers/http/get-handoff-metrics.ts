import { httpRoute } from '../../platform/http';
import { getHandoffMetrics } from '../../services/handoffs';

export const handler = httpRoute('getHandoffMetrics', ({ params, query }, ctx) =>
  getHandoffMetrics(ctx, params.clinicId, query.days),
);
