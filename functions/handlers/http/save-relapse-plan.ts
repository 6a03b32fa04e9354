import { httpRoute } from '../../platform/http';
import { saveRelapsePlan } from '../../services/registry-episodes';

export const handler = httpRoute('saveRelapsePlan', ({ params, body }, ctx) =>
  saveRelapsePlan(ctx, params, body),
);
