import { httpRoute } from '../../platform/http';
import { exportBillingMonth } from '../../services/billing-export';

export const handler = httpRoute('exportBillingMonth', ({ params }, ctx) =>
  exportBillingMonth(ctx, params.clinicId, params.month),
);
