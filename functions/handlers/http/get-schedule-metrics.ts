import { httpRoute } from '../../platform/http';
import { getScheduleMetrics } from '../../services/scheduling-metrics';

export const handler = httpRoute('getScheduleMetrics', ({ params, query }, ctx) =>
  getScheduleMetrics(ctx, params.clinicId, query),
);
