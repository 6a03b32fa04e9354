import { httpRoute } from '../../platform/http';
import { joinHandoffCall } from '../../services/handoff-calls';

export const handler = httpRoute('joinHandoffCall', ({ params }, ctx) =>
  joinHandoffCall(ctx, params.clinicId, params.handoffId),
);
