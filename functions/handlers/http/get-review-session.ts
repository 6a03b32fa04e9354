import { httpRoute } from '../../platform/http';
import { getReviewSession } from '../../services/registry-sessions';

export const handler = httpRoute('getReviewSession', ({ params }, ctx) =>
  getReviewSession(ctx, params.reviewSessionId),
);
