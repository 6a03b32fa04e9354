import { httpRoute } from '../../platform/http';
import { getBillingSettings } from '../../services/billing-settings';

export const handler = httpRoute('getBillingSettings', ({ params }, ctx) =>
  getBillingSettings(ctx, params.clinicId),
);
