import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { isoDateIn, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { DatePicker } from './DatePicker';
import { JoinVideo } from './JoinVideo';
import { kindLabel, localTimeOf, minutesOf, statusLabel } from './schedule';

/**
 * The provider's day in every clinic they cover, in start order; each slot shows its own clinic's
 * local time (a BCM covers clinics in several zones), and protected slots still held say so.
 */
export function MyDayPage() {
  const api = useApi();
  const { timeZone } = useClinic();
  const now = useNow();
  const [date, setDate] = useState(() => isoDateIn(now, timeZone));
  const day = useQuery({
    queryKey: ['me', 'schedule', date],
    queryFn: ({ signal }) => api.call('getMySchedule', { query: { date, limit: 100 }, signal }),
  });
  return (
    <>
      <title>My day across clinics</title>
      <h1>My day across clinics</h1>
      <DatePicker date={date} onChange={setDate} />
      {day.isPending && <Loading />}
      {day.isError && <ErrorNotice error={day.error} onRetry={() => void day.refetch()} />}
      {day.isSuccess && day.data.items.length === 0 && <p>Nothing scheduled on this day.</p>}
      {day.isSuccess && day.data.items.length > 0 && (
        <ol className="my-day" aria-label={`My slots on ${date}`}>
          {day.data.items.map((slot) => (
            <li key={slot.slotId} data-slot={slot.slotId} data-status={slot.status}>
              <strong className="my-day-time">{localTimeOf(slot)}</strong>{' '}
              <span className="my-day-clinic">{slot.clinicName}</span> · {kindLabel[slot.kind]} ·{' '}
              {minutesOf(slot)} min ·{' '}
              {slot.booking
                ? `${slot.booking.patientName ?? 'Booked'}${slot.booking.modality === 'video' ? ' (video)' : ''}`
                : statusLabel[slot.status]}{' '}
              <JoinVideo slot={slot} now={now} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
