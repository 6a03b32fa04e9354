import { httpRoute } from '../../platform/http';
import { joinReviewSession } from '../../services/registry-sessions';

export const handler = httpRoute('joinReviewSession', ({ params }, ctx) =>
  joinReviewSession(ctx, params.reviewSessionId),
);
