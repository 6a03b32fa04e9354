import { httpRoute } from '../../platform/http';
import { resolveRecommendation } from '../../services/registry-recommendations';

export const handler = httpRoute('resolveRecommendation', ({ params, body }, ctx) =>
  resolveRecommendation(ctx, params.clinicId, params.patientId, params.recommendationId, body),
);
