import { httpRoute } from '../../platform/http';
import { bookVisit } from '../../services/scheduling-bookings';

export const handler = httpRoute('bookVisit', ({ params, body }, ctx) =>
  bookVisit(ctx, params.clinicId, body),
);
