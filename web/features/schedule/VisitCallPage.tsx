import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { CallFlow } from '@lib/call/CallFlow';
import { useCallSession } from '@lib/call/useCallSession';
import { useClinic } from '@lib/clinic';
import { paths } from '@lib/paths';
import '@lib/call/call.css';

/**
 * A booked video visit's call: the same readiness check and stage as the warm handoff, with the
 * booking's own join credentials (handed out only inside the visit's join window).
 */
export function VisitCallPage() {
  const { bookingId = '' } = useParams();
  const { clinicId } = useClinic();
  const api = useApi();
  const source = useMemo(
    () => ({ fetchJoin: () => api.call('joinVisit', { params: { clinicId, bookingId } }) }),
    [api, clinicId, bookingId],
  );
  const session = useCallSession(source);
  const back = `${paths.area(clinicId, 'staff')}/schedule`;
  return (
    <main className="call-page" id="main">
      <title>Video visit — Behavioral health consult</title>
      <div className="call-layout">
        <div className="call-main">
          <h1 className="call-title">Video visit</h1>
          <CallFlow
            session={session}
            large={false}
            endLabel="Leave call"
            onEnd={() => void session.leave()}
            leftMessage="You left the video visit. The other side may still be on it."
          />
          <Link to={back}>Back to the schedule</Link>
        </div>
      </div>
    </main>
  );
}
