import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { CallFlow } from '@lib/call/CallFlow';
import { useClinic } from '@lib/clinic';
import type { Handoff } from '@lib/contracts';
import { handoffPaths } from '@lib/handoff/paths';
import { handoffKey, useHandoff } from '@lib/handoff/useHandoff';
import { paths } from '@lib/paths';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { AddPeople } from './AddPeople';
import { OutcomeForm } from './OutcomeForm';
import { PatientPanel } from './PatientPanel';
import { useCallSession } from './useCallSession';
import '@lib/call/call.css';

/**
 * The call screen, one UI for both video providers: the exam-room tablet full-screen and
 * patient-friendly, the BCM with the patient's summary beside the video, the PCP in between.
 */
export function CallPage() {
  const { handoffId = '' } = useParams();
  const { clinicId, area } = useClinic();
  const handoff = useHandoff(clinicId, handoffId);
  return (
    <main className={`call-page${area === 'device' ? ' call-large' : ''}`} id="main">
      {handoff.data ? (
        <Call handoff={handoff.data} />
      ) : handoff.isError ? (
        <>
          <h1>Video call</h1>
          <ErrorNotice error={handoff.error} onRetry={() => void handoff.refetch()} />
        </>
      ) : (
        <Loading label="Loading the call…" />
      )}
    </main>
  );
}

const isLive = (h: Handoff) => h.status === 'accepted' || h.status === 'connected';

function Call({ handoff }: { handoff: Handoff }) {
  const { me, role, area, clinicId } = useClinic();
  const api = useApi();
  const queryClient = useQueryClient();
  const session = useCallSession(clinicId, handoff.handoffId);
  const large = area === 'device';
  const isAcceptor = handoff.acceptedBy === me.userId;
  const isParticipant = handoff.participants.some((p) => p.userId === me.userId);
  const live = isLive(handoff) && handoff.meeting !== undefined;
  const params = { clinicId, handoffId: handoff.handoffId };
  const save = (next: Handoff) =>
    queryClient.setQueryData(handoffKey(clinicId, handoff.handoffId), next);

  const end = useMutation({
    mutationFn: () => api.call('endHandoff', { params }),
    onSuccess: save,
  });
  const joinHere = useMutation({
    mutationFn: () => api.call('addHandoffParticipant', { params, body: { userId: me.userId } }),
    onSuccess: save,
  });

  const { leave, client } = session;
  // Ended for everyone (by the BCM or the reconciler): close this side too.
  useEffect(() => {
    if (!isLive(handoff) && client) void leave();
  }, [handoff, client, leave]);

  const title = <title>{`Video call — ${handoff.summary.patientLabel}`}</title>;
  const back =
    area === 'device'
      ? paths.area(clinicId, 'device')
      : isAcceptor
        ? handoffPaths.console
        : paths.patient(clinicId, handoff.patientId);

  if (!isLive(handoff)) {
    if (isAcceptor && handoff.status === 'ended') {
      return (
        <div className="call-after">
          {title}
          <h1>Call ended</h1>
          {handoff.outcome ? (
            <p role="status">
              Outcome recorded: {handoff.outcome.minutes} minutes as a care-management activity.
            </p>
          ) : (
            <OutcomeForm handoff={handoff} />
          )}
          <Link to={back}>Back to the console</Link>
        </div>
      );
    }
    return (
      <div className="call-after">
        {title}
        <h1>Call ended</h1>
        <p>
          {large
            ? 'Thank you. Please hand the tablet back to the staff.'
            : 'The video call has ended.'}
        </p>
        <Link className="button button-large" to={back}>
          Done
        </Link>
      </div>
    );
  }
  if (!live) return <Loading label="Starting the video call…" />;

  if (!isParticipant) {
    const mayJoin = role === 'pcp' || role === 'ma';
    return (
      <div className="call-after">
        {title}
        <h1>Video call</h1>
        <p>You are not on this call.</p>
        {mayJoin && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => joinHere.mutate()}
            disabled={joinHere.isPending}
          >
            Join from this device
          </button>
        )}
        {joinHere.isError && <ErrorNotice error={joinHere.error} title="Could not join" />}
      </div>
    );
  }

  const onEnd = () => {
    if (isAcceptor) end.mutate();
    else void leave();
  };
  return (
    <div className={`call-layout${isAcceptor ? ' call-with-panel' : ''}`}>
      {title}
      <div className="call-main">
        <h1 className={large ? 'visually-hidden' : 'call-title'}>
          Video call{large ? '' : ` · ${handoff.summary.patientLabel}`}
        </h1>
        <CallFlow
          session={session}
          large={large}
          endLabel={isAcceptor ? 'End call for everyone' : large ? 'End' : 'Leave call'}
          onEnd={onEnd}
          leftMessage="You left the call. The others may still be on it."
        />
        {end.isError && <ErrorNotice error={end.error} title="The call was not ended" />}
        {!large && (isAcceptor || role === 'pcp') && <AddPeople handoff={handoff} />}
      </div>
      {isAcceptor && <PatientPanel handoff={handoff} />}
    </div>
  );
}
