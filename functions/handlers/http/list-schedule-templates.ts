import { httpRoute } from '../../platform/http';
import { listScheduleTemplates } from '../../services/scheduling';

export const handler = httpRoute('listScheduleTemplates', ({ params, query }, ctx) =>
  listScheduleTemplates(ctx, params.clinicId, query),
);
