import { httpRoute } from '../../platform/http';
import { listRestrictedNotes } from '../../services/registry-notes';

export const handler = httpRoute('listRestrictedNotes', ({ params }, ctx) =>
  listRestrictedNotes(ctx, params.clinicId, params.patientId),
);
