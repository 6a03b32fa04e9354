import { httpRoute } from '../../platform/http';
import { putBillingSettings } from '../../services/billing-settings';

export const handler = httpRoute('putBillingSettings', ({ params, body }, ctx) =>
  putBillingSettings(ctx, params.clinicId, body),
);
