import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { bodyFieldErrors, isApiError, useApi } from '@lib/api';
import type { Me, ReviewSession } from '@lib/contracts';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { reviewPaths } from '@lib/registry/review';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { useColleagues } from './colleagues';
import { formatWhen, localZone, sessionKeys, sessionState } from './sessions';

/** One case-review session: who attends, the cases discussed, the call, and (psychiatrist) end it. */
export function ReviewSessionPage() {
  return (
    <CrossClinicShell
      title="Case-review session"
      roles={['psychiatrist', 'bcm']}
      forWhom="for psychiatric consultants and care managers"
    >
      {(me) => <SessionDetails me={me} />}
    </CrossClinicShell>
  );
}

function SessionDetails({ me }: { me: Me }) {
  const { reviewSessionId = '' } = useParams();
  const api = useApi();
  const colleagues = useColleagues(me);
  const session = useQuery({
    queryKey: sessionKeys.one(reviewSessionId),
    queryFn: ({ signal }) => api.call('getReviewSession', { params: { reviewSessionId }, signal }),
  });
  if (!session.data) {
    return (
      <>
        <title>Case-review session — Behavioral health consult</title>
        <h1>Case-review session</h1>
        {session.isError ? (
          <ErrorNotice error={session.error} onRetry={() => void session.refetch()} />
        ) : (
          <Loading label="Loading the session…" />
        )}
        <Link to={reviewPaths.reviewSessions}>All sessions</Link>
      </>
    );
  }
  const s = session.data;
  const zone = localZone();
  const clinicName = (clinicId: string) =>
    me.memberships.find((m) => m.clinicId === clinicId)?.clinicName ?? clinicId;
  const isRunner = s.psychiatristId === me.userId;
  return (
    <>
      <title>Case-review session — Behavioral health consult</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={reviewPaths.reviewSessions}>All sessions</Link>
      </nav>
      <h1>Case-review session, {formatWhen(s.scheduledFor, zone)}</h1>
      <dl className="facts">
        <div>
          <dt>Psychiatrist</dt>
          <dd>{colleagues.name(s.psychiatristId)}</dd>
        </div>
        <div>
          <dt>Care managers</dt>
          <dd>{s.attendees.map(colleagues.name).join(', ')}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{sessionState(s)}</dd>
        </div>
      </dl>
      {!s.endedAt && (
        <p>
          <Link
            className="button button-primary button-large"
            to={reviewPaths.reviewSessionCall(s.reviewSessionId)}
          >
            Join the video call
          </Link>
        </p>
      )}
      <section className="card" aria-labelledby="session-cases-heading">
        <h2 id="session-cases-heading">Cases discussed</h2>
        {s.cases.length === 0 ? (
          <p>
            No cases recorded yet.{' '}
            {isRunner &&
              !s.endedAt &&
              'Open a case from the review panel and record the review during the call.'}
          </p>
        ) : (
          <ol>
            {s.cases.map((c, i) => (
              <li key={`${c.clinicId}-${c.episodeId}`}>
                {isRunner ? (
                  <Link to={reviewPaths.caseReview(c.clinicId, c.patientId, c.episodeId)}>
                    Case {i + 1}, {clinicName(c.clinicId)}
                  </Link>
                ) : (
                  `Case ${i + 1}, ${clinicName(c.clinicId)}`
                )}
              </li>
            ))}
          </ol>
        )}
        {isRunner && !s.endedAt && (
          <p>
            <Link to={reviewPaths.panelDuring(s.reviewSessionId)}>Open the review panel</Link> to
            pick cases: reviews recorded from there count as discussed in this session.
          </p>
        )}
      </section>
      {isRunner && !s.endedAt && <EndSession session={s} />}
    </>
  );
}

function EndSession({ session }: { session: ReviewSession }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (value: number) =>
      api.call('endReviewSession', {
        params: { reviewSessionId: session.reviewSessionId },
        body: { minutes: value },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKeys.one(session.reviewSessionId), next);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.mine });
    },
    onError: (failure) => {
      if (isApiError(failure)) setError(bodyFieldErrors(failure).byField.get('minutes') ?? null);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > 600) {
      setError('must be a whole number from 1 to 600');
      return;
    }
    setError(null);
    end.mutate(value);
  };
  return (
    <form className="card" aria-labelledby={`${id}-heading`} onSubmit={onSubmit}>
      <h2 id={`${id}-heading`}>End the session</h2>
      <p>Ends the video call for everyone and records how long the session took.</p>
      <div className="field">
        <label htmlFor={`${id}-minutes`}>Session minutes</label>
        <input
          id={`${id}-minutes`}
          inputMode="numeric"
          value={minutes}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setMinutes(e.target.value)}
        />
        {error && <p className="field-error">Session minutes {error}</p>}
      </div>
      {end.isError && !error && <ErrorNotice error={end.error} title="The session was not ended" />}
      <button type="submit" className="button button-danger" disabled={end.isPending}>
        End session
      </button>
    </form>
  );
}
