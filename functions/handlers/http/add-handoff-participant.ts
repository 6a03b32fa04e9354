import { httpRoute } from '../../platform/http';
import { addHandoffParticipant } from '../../services/handoff-calls';

export const handler = httpRoute('addHandoffParticipant', ({ params, body }, ctx) =>
  addHandoffParticipant(ctx, params.clinicId, params.handoffId, body.userId),
);
