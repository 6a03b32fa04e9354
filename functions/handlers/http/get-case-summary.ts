import { httpRoute } from '../../platform/http';
import { getCaseSummary } from '../../services/registry-review';

export const handler = httpRoute('getCaseSummary', ({ params }, ctx) =>
  getCaseSummary(ctx, params.clinicId, params.patientId, params.episodeId),
);
