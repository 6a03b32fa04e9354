import { httpRoute } from '../../platform/http';
import { requestPsychiatricReview } from '../../services/registry-episodes';

export const handler = httpRoute('requestPsychiatricReview', ({ params, body }, ctx) =>
  requestPsychiatricReview(ctx, params, body.question),
);
