import { httpRoute } from '../../platform/http';
import { requestHandoff } from '../../services/handoffs';

export const handler = httpRoute('requestHandoff', ({ params, body }, ctx) =>
  requestHandoff(ctx, params.clinicId, body),
);
