import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError, useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { Slot } from '@lib/contracts';
import { isoDateIn, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { BookingDialog } from './BookingDialog';
import { JoinVideo } from './JoinVideo';
import { DatePicker } from './DatePicker';
import {
  attendanceLabel,
  bookable,
  kindLabel,
  localTimeOf,
  minutesOf,
  statusLabel,
} from './schedule';

type Attendance = keyof typeof attendanceLabel;

/** The front desk's day in this clinic: every provider's slots, booking, attendance, cancel. */
export function ClinicDayPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, clinicName, timeZone } = useClinic();
  const now = useNow();
  const [date, setDate] = useState(() => isoDateIn(now, timeZone));
  const [booking, setBooking] = useState<Slot | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = ['clinic', clinicId, 'schedule', date];
  const day = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.call('getClinicSchedule', { params: { clinicId }, query: { date, limit: 100 }, signal }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });

  const change = useMutation({
    mutationFn: (input: { bookingId: string; attendance?: Attendance; cancel?: boolean }) =>
      input.cancel
        ? api.call('cancelBooking', { params: { clinicId, bookingId: input.bookingId }, body: {} })
        : api.call('recordAttendance', {
            params: { clinicId, bookingId: input.bookingId },
            body: { attendance: input.attendance ?? 'arrived' },
          }),
    onSuccess: () => {
      setNotice(null);
      refresh();
    },
    onError: (error) => setNotice(describeError(error)),
  });

  return (
    <>
      <title>{`Schedule — ${clinicName}`}</title>
      <h1>Clinic schedule</h1>
      <p>
        Times are {clinicName}’s local time. <Link to="../my-day">My day across clinics</Link>
      </p>
      <DatePicker date={date} onChange={setDate} />
      {notice && <p role="alert">{notice}</p>}
      {booking && (
        <BookingDialog
          clinicId={clinicId}
          slot={booking}
          onCancel={() => setBooking(null)}
          onDone={(warning) => {
            setBooking(null);
            setNotice(warning ? `Booked. ${warning}` : 'Booked.');
            refresh();
          }}
        />
      )}
      {day.isPending && <Loading />}
      {day.isError && <ErrorNotice error={day.error} onRetry={() => void day.refetch()} />}
      {day.isSuccess && day.data.items.length === 0 && <p>No slots on this day.</p>}
      {day.isSuccess && day.data.items.length > 0 && (
        <table className="schedule-table" aria-label={`Slots on ${date}`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Block</th>
              <th scope="col">Provider</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {day.data.items.map((slot) => (
              <tr key={slot.slotId} data-slot={slot.slotId} data-status={slot.status}>
                <td>
                  {localTimeOf(slot)} · {minutesOf(slot)} min
                </td>
                <td>{kindLabel[slot.kind]}</td>
                <td>{slot.providerId}</td>
                <td>
                  {slot.booking ? (
                    <>
                      {slot.booking.patientName ?? 'Booked'}
                      {slot.booking.visitType && ` · ${slot.booking.visitType}`}
                      {slot.booking.modality === 'video' && ' · video'}
                      {slot.booking.attendance && ` · ${attendanceLabel[slot.booking.attendance]}`}
                    </>
                  ) : (
                    statusLabel[slot.status]
                  )}
                </td>
                <td>
                  <JoinVideo slot={slot} now={now} />
                  {bookable(slot) && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setBooking(slot)}
                    >
                      Book
                    </button>
                  )}
                  {slot.booking?.bookingId && !slot.booking.attendance && (
                    <span className="input-row">
                      {(Object.keys(attendanceLabel) as Attendance[]).map((attendance) => (
                        <button
                          key={attendance}
                          type="button"
                          className="button button-small"
                          onClick={() =>
                            change.mutate({ bookingId: slot.booking?.bookingId ?? '', attendance })
                          }
                        >
                          {attendanceLabel[attendance]}
                        </button>
                      ))}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() =>
                          change.mutate({ bookingId: slot.booking?.bookingId ?? '', cancel: true })
                        }
                      >
                        Cancel booking
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
