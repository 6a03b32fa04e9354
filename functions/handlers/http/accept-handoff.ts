import { httpRoute } from '../../platform/http';
import { acceptHandoff } from '../../services/handoff-accept';

export const handler = httpRoute('acceptHandoff', ({ params }, ctx) =>
  acceptHandoff(ctx, params.clinicId, params.handoffId),
);
