import { httpRoute } from '../../platform/http';
import { getBillingWorksheet } from '../../services/billing';

export const handler = httpRoute('getBillingWorksheet', ({ params }, ctx) =>
  getBillingWorksheet(ctx, params.clinicId, params.month),
);
