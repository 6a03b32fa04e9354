import { httpRoute } from '../../platform/http';
import { findEarliestSlots } from '../../services/scheduling';

export const handler = httpRoute('findEarliestSlots', ({ params, query }, ctx) =>
  findEarliestSlots(ctx, params.clinicId, query),
);
