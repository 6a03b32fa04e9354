import { httpRoute } from '../../platform/http';
import { cancelBooking } from '../../services/scheduling-bookings';

export const handler = httpRoute('cancelBooking', ({ params, body }, ctx) =>
  cancelBooking(ctx, params.clinicId, params.bookingId, body),
);
