import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError, useApi } from '@lib/api';
import type { Handoff } from '@lib/contracts';
import { formatAge, URGENCY_LABEL } from '@lib/handoff/labels';
import { handoffPaths } from '@lib/handoff/paths';
import { formatClock } from '@lib/time';
import { ErrorNotice } from '@lib/ui/Status';
import { unlockSound } from './alert';

/** One page: where, how urgent, how long waiting, and the minimum necessary to decide. */
export function QueueRow({
  handoff,
  now,
  onChanged,
  onTaken,
}: {
  handoff: Handoff;
  now: number;
  onChanged: () => void;
  /** Someone else won the race (409), or the request closed meanwhile. */
  onTaken: (handoff: Handoff) => void;
}) {
  const api = useApi();
  const navigate = useNavigate();
  const params = { clinicId: handoff.clinicId, handoffId: handoff.handoffId };
  const accept = useMutation({
    mutationFn: () => api.call('acceptHandoff', { params }),
    onSuccess: (accepted) => {
      if (accepted.status === 'fallback') return onChanged();
      void navigate(handoffPaths.call(accepted.clinicId, accepted.handoffId, 'staff'));
    },
    onError: (error) => {
      if (isApiError(error) && (error.status === 409 || error.status === 404)) {
        onTaken(handoff);
        onChanged();
      }
    },
  });
  const decline = useMutation({
    mutationFn: () => api.call('declineHandoff', { params, body: {} }),
    onSuccess: onChanged,
  });
  const { summary } = handoff;
  const busy = accept.isPending || decline.isPending;
  return (
    <li className={`queue-row urgency-row-${handoff.urgency}`}>
      <div className="queue-where">
        <strong>{summary.clinicName}</strong>
        <span className="muted"> · local time {formatClock(now, summary.clinicTimeZone)}</span>
      </div>
      <div className="queue-what">
        <span className={`urgency-tag urgency-tag-${handoff.urgency}`}>
          {URGENCY_LABEL[handoff.urgency]}
        </span>{' '}
        <strong>{summary.patientLabel}</strong>
        {summary.safetyFlag && <span className="badge badge-safety"> Safety flag</span>}
        <span className="muted"> · waiting {formatAge(handoff.requestedAt, now)}</span>
      </div>
      <ul className="queue-scores">
        {summary.scores.map((s) => (
          <li key={s.instrument}>
            {s.instrument} {s.total} ({s.bandLabel})
          </li>
        ))}
        {summary.dispositionLabel && <li>{summary.dispositionLabel}</li>}
      </ul>
      {handoff.reason && <p className="queue-reason">“{handoff.reason}”</p>}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => {
            unlockSound();
            accept.mutate();
          }}
        >
          {accept.isPending ? 'Accepting…' : 'Accept'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => decline.mutate()}>
          Decline
        </button>
      </div>
      {accept.isError &&
        !(isApiError(accept.error) && [404, 409].includes(accept.error.status)) && (
          <ErrorNotice error={accept.error} title="Not accepted" />
        )}
      {decline.isError && <ErrorNotice error={decline.error} title="Not declined" />}
    </li>
  );
}
