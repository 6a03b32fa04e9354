import { httpRoute } from '../../platform/http';
import { joinVisit } from '../../services/scheduling-bookings';

export const handler = httpRoute('joinVisit', ({ params }, ctx) =>
  joinVisit(ctx, params.clinicId, params.bookingId),
);
