import { httpRoute } from '../../platform/http';
import { getHandoff } from '../../services/handoffs';

export const handler = httpRoute('getHandoff', ({ params }, ctx) =>
  getHandoff(ctx, params.clinicId, params.handoffId),
);
