import { httpRoute } from '../../platform/http';
import { rescheduleBooking } from '../../services/scheduling-bookings';

export const handler = httpRoute('rescheduleBooking', ({ params, body }, ctx) =>
  rescheduleBooking(ctx, params.clinicId, params.bookingId, body),
);
