import { httpRoute } from '../../platform/http';
import { listMyReviewSessions } from '../../services/registry-sessions';

export const handler = httpRoute('listMyReviewSessions', ({ query }, ctx) =>
  listMyReviewSessions(ctx, query),
);
