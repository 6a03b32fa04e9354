import { httpRoute } from '../../platform/http';
import { recordAttendance } from '../../services/scheduling-bookings';

export const handler = httpRoute('recordAttendance', ({ params, body }, ctx) =>
  recordAttendance(ctx, params.clinicId, params.bookingId, body),
);
