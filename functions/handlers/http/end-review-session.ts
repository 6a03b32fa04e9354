import { httpRoute } from '../../platform/http';
import { endReviewSession } from '../../services/registry-sessions';

export const handler = httpRoute('endReviewSession', ({ params, body }, ctx) =>
  endReviewSession(ctx, params.reviewSessionId, body.minutes),
);
