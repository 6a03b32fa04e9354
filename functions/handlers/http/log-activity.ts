import { httpRoute } from '../../platform/http';
import { logActivity } from '../../services/registry-activities';

export const handler = httpRoute('logActivity', ({ params, headers, body }, ctx) =>
  logActivity(ctx, params, body, headers['idempotency-key']),
);
