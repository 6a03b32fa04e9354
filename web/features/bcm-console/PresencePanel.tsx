import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import type { PresenceView } from '@lib/contracts';
import { formatClock, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { unlockSound } from './alert';

export const presenceKey = ['me', 'presence'] as const;

/** On duty / away for each clinic the BCM covers (pages come only from on-duty clinics). */
export function PresencePanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const now = useNow();
  const presence = useQuery({
    queryKey: presenceKey,
    queryFn: ({ signal }) => api.call('getMyPresence', { signal }),
    refetchInterval: 60_000,
  });
  const set = useMutation({
    mutationFn: (update: { clinicId: string; status: 'on-duty' | 'away' }) =>
      api.call('setMyPresence', { body: update }),
    onSuccess: (view: PresenceView) => queryClient.setQueryData(presenceKey, view),
  });
  return (
    <section className="card" aria-labelledby="presence-heading">
      <h2 id="presence-heading">My availability</h2>
      {presence.isPending && <Loading label="Loading your clinics…" />}
      {presence.isError && (
        <ErrorNotice error={presence.error} onRetry={() => void presence.refetch()} />
      )}
      {presence.data && (
        <ul className="presence-list">
          {presence.data.clinics.map((clinic) => {
            const onDuty = clinic.status === 'on-duty';
            return (
              <li key={clinic.clinicId} className="presence-row">
                <span>
                  <strong>{clinic.clinicName}</strong>{' '}
                  <span className="muted">local time {formatClock(now, clinic.timeZone)}</span>
                </span>
                <span className={onDuty ? 'presence-on' : 'presence-away'}>
                  {onDuty ? (clinic.effective ? 'On duty' : 'On duty (reconnecting)') : 'Away'}
                </span>
                <button
                  type="button"
                  className={`button button-small${onDuty ? '' : ' button-primary'}`}
                  aria-label={`${onDuty ? 'Go away' : 'Go on duty'} for ${clinic.clinicName}`}
                  disabled={set.isPending}
                  onClick={() => {
                    unlockSound();
                    set.mutate({ clinicId: clinic.clinicId, status: onDuty ? 'away' : 'on-duty' });
                  }}
                >
                  {onDuty ? 'Go away' : 'Go on duty'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {set.isError && <ErrorNotice error={set.error} title="Availability not changed" />}
    </section>
  );
}
