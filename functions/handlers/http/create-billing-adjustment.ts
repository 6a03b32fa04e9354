import { httpRoute } from '../../platform/http';
import { createBillingAdjustment } from '../../services/billing';

export const handler = httpRoute('createBillingAdjustment', ({ params, body }, ctx) =>
  createBillingAdjustment(ctx, params.clinicId, params.month, body),
);
