import { httpRoute } from '../../platform/http';
import { endHandoff } from '../../services/handoff-calls';

export const handler = httpRoute('endHandoff', ({ params }, ctx) =>
  endHandoff(ctx, params.clinicId, params.handoffId),
);
