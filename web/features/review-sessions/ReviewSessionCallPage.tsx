import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { CallFlow } from '@lib/call/CallFlow';
import { useCallSession } from '@lib/call/useCallSession';
import { reviewPaths } from '@lib/registry/review';
import '@lib/call/call.css';

/**
 * The case-review session's video call (psychiatrist and BCMs): the same readiness check and
 * stage as the handoff; the meeting is created at the first join and ended by the psychiatrist.
 */
export function ReviewSessionCallPage() {
  const { reviewSessionId = '' } = useParams();
  const api = useApi();
  const source = useMemo(
    () => ({ fetchJoin: () => api.call('joinReviewSession', { params: { reviewSessionId } }) }),
    [api, reviewSessionId],
  );
  const session = useCallSession(source);
  return (
    <main className="call-page" id="main">
      <title>Case-review call — Behavioral health consult</title>
      <div className="call-layout">
        <div className="call-main">
          <h1 className="call-title">Case-review call</h1>
          <CallFlow
            session={session}
            large={false}
            endLabel="Leave call"
            onEnd={() => void session.leave()}
            leftMessage="You left the case-review call. The others may still be on it."
          />
          <Link to={reviewPaths.reviewSession(reviewSessionId)}>Back to the session</Link>
        </div>
      </div>
    </main>
  );
}
