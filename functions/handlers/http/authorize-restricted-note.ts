import { httpRoute } from '../../platform/http';
import { authorizeRestrictedNote } from '../../services/registry-notes';

export const handler = httpRoute('authorizeRestrictedNote', ({ params, body }, ctx) =>
  authorizeRestrictedNote(ctx, params.clinicId, params.patientId, params.noteId, body.scope),
);
