import { httpRoute } from '../../platform/http';
import { declineHandoff } from '../../services/handoff-accept';

export const handler = httpRoute('declineHandoff', ({ params, body }, ctx) =>
  declineHandoff(ctx, params.clinicId, params.handoffId, body.reason),
);
