import { httpRoute } from '../../platform/http';
import { listRecommendations } from '../../services/registry-recommendations';

export const handler = httpRoute('listRecommendations', ({ params }, ctx) =>
  listRecommendations(ctx, params.clinicId, params.patientId),
);
