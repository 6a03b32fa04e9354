import { useQuery } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import { formatDateTime } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';

const STATUS = { booked: 'booked', cancelled: 'cancelled', rescheduled: 'moved' } as const;

/** A patient's visits from an hour ago on, each in its own clinic's local time. */
export function UpcomingVisits({ clinicId, patientId }: { clinicId: string; patientId: string }) {
  const api = useApi();
  const visits = useQuery({
    queryKey: ['clinic', clinicId, 'patient', patientId, 'visits'],
    queryFn: ({ signal }) =>
      api.call('listPatientVisits', {
        params: { clinicId, patientId },
        query: { limit: 10 },
        signal,
      }),
  });
  if (visits.isPending) return <Loading label="Loading visits…" />;
  if (visits.isError) {
    return <ErrorNotice error={visits.error} onRetry={() => void visits.refetch()} />;
  }
  if (visits.data.items.length === 0) return <p>No upcoming visits.</p>;
  return (
    <ul aria-label="Upcoming visits">
      {visits.data.items.map((b) => (
        <li key={b.bookingId}>
          {formatDateTime(b.startsAt, b.timeZone)} · {b.visitType} · {b.modality} ·{' '}
          {STATUS[b.status]}
          {b.attendance ? ` · ${b.attendance}` : ''}
        </li>
      ))}
    </ul>
  );
}
