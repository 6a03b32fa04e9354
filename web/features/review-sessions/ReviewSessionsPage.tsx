import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '@lib/api';
import type { Me, ReviewSession } from '@lib/contracts';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { reviewPaths } from '@lib/registry/review';
import { LoadMore } from '@lib/ui/LoadMore';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { useColleagues } from './colleagues';
import { ScheduleSession } from './ScheduleSession';
import { localZone, sessionKeys, sessionState, formatWhen } from './sessions';

/** /review-sessions: sessions the user runs or attends; the psychiatrist schedules new ones. */
export function ReviewSessionsPage() {
  return (
    <CrossClinicShell
      title="Case-review sessions"
      roles={['psychiatrist', 'bcm']}
      forWhom="for psychiatric consultants and care managers"
    >
      {(me) => <Sessions me={me} />}
    </CrossClinicShell>
  );
}

function Sessions({ me }: { me: Me }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const colleagues = useColleagues(me);
  const [created, setCreated] = useState<ReviewSession | null>(null);
  const runs = me.memberships.some((m) => m.role === 'psychiatrist');
  const sessions = useInfiniteQuery({
    queryKey: sessionKeys.mine,
    queryFn: ({ pageParam, signal }) =>
      api.call('listMyReviewSessions', { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  const zone = localZone();
  return (
    <>
      <title>Case-review sessions — Behavioral health consult</title>
      <h1>Case-review sessions</h1>
      {created && (
        <p className="notice" role="status">
          Session scheduled for {formatWhen(created.scheduledFor, zone)}.{' '}
          <Link to={reviewPaths.reviewSession(created.reviewSessionId)}>Open it</Link>
        </p>
      )}
      {runs && (
        <ScheduleSession
          colleagues={colleagues}
          onCreated={(session) => {
            setCreated(session);
            void queryClient.invalidateQueries({ queryKey: sessionKeys.mine });
          }}
        />
      )}
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Your sessions</h2>
        {sessions.isPending && <Loading label="Loading sessions…" />}
        {sessions.isError && (
          <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
        )}
        {sessions.isSuccess && items.length === 0 && <p>No case-review sessions yet.</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                Case-review sessions, newest first (times in your zone)
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Psychiatrist</th>
                  <th scope="col">Care managers</th>
                  <th scope="col">Cases</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.reviewSessionId}>
                    <th scope="row">
                      <Link to={reviewPaths.reviewSession(s.reviewSessionId)}>
                        {formatWhen(s.scheduledFor, zone)}
                      </Link>
                    </th>
                    <td>{colleagues.name(s.psychiatristId)}</td>
                    <td>{s.attendees.map(colleagues.name).join(', ')}</td>
                    <td>{s.cases.length}</td>
                    <td>{sessionState(s)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={sessions} />
      </section>
    </>
  );
}
