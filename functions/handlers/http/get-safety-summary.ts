import { httpRoute } from '../../platform/http';
import { getSafetySummary } from '../../services/safety';

export const handler = httpRoute('getSafetySummary', ({ params }, ctx) =>
  getSafetySummary(ctx, params.clinicId, params.patientId),
);
