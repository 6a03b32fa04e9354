import { httpRoute } from '../../platform/http';
import { createReviewSession } from '../../services/registry-sessions';

export const handler = httpRoute('createReviewSession', ({ body }, ctx) =>
  createReviewSession(ctx, body),
);
