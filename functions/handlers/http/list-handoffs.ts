import { httpRoute } from '../../platform/http';
import { listHandoffs } from '../../services/handoffs';

export const handler = httpRoute('listHandoffs', ({ params, query }, ctx) =>
  listHandoffs(ctx, params.clinicId, query),
);
