import { httpRoute } from '../../platform/http';
import { createRestrictedNote } from '../../services/registry-notes';

export const handler = httpRoute('createRestrictedNote', ({ params, body }, ctx) =>
  createRestrictedNote(ctx, params.clinicId, params.patientId, body),
);
