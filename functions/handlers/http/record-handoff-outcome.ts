import { httpRoute } from '../../platform/http';
import { recordHandoffOutcome } from '../../services/handoff-calls';

export const handler = httpRoute('recordHandoffOutcome', ({ params, body }, ctx) =>
  recordHandoffOutcome(ctx, params.clinicId, params.handoffId, body),
);
