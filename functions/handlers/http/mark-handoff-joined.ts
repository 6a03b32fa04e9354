import { httpRoute } from '../../platform/http';
import { markHandoffJoined } from '../../services/handoff-calls';

export const handler = httpRoute('markHandoffJoined', ({ params }, ctx) =>
  markHandoffJoined(ctx, params.clinicId, params.handoffId),
);
