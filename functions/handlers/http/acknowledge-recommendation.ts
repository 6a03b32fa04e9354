import { httpRoute } from '../../platform/http';
import { acknowledgeRecommendation } from '../../services/registry-recommendations';

export const handler = httpRoute('acknowledgeRecommendation', ({ params }, ctx) =>
  acknowledgeRecommendation(ctx, params.clinicId, params.patientId, params.recommendationId),
);
