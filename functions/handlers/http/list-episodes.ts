import { httpRoute } from '../../platform/http';
import { listEpisodes } from '../../services/registry-episodes';

export const handler = httpRoute('listEpisodes', ({ params }, ctx) =>
  listEpisodes(ctx, params.clinicId, params.patientId),
);
