import { httpRoute } from '../../platform/http';
import { recordPsychiatricReview } from '../../services/registry-review';

export const handler = httpRoute('recordPsychiatricReview', ({ params, body }, ctx) =>
  recordPsychiatricReview(ctx, params.clinicId, params.patientId, params.episodeId, body),
);
