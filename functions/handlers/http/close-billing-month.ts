import { httpRoute } from '../../platform/http';
import { closeBillingMonth } from '../../services/billing-close';

export const handler = httpRoute('closeBillingMonth', ({ params }, ctx) =>
  closeBillingMonth(ctx, params.clinicId, params.month),
);
