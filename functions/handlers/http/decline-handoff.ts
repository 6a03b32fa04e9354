import { httpRoute } from '../../platform/http';
import { declineHandoff } from '../../services/handoff-calls';

export const handler = httpRoute('declineHandoff', ({ params, body }, ctx) =>
  declineHandoff(ctx, params.clinicId, params.handoffId, body.reason),
);
