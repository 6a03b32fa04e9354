import { httpRoute } from '../../platform/http';
import { cancelHandoff } from '../../services/handoff-calls';

export const handler = httpRoute('cancelHandoff', ({ params, body }, ctx) =>
  cancelHandoff(ctx, params.clinicId, params.handoffId, body.reason),
);
