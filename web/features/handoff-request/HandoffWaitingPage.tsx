import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { Handoff } from '@lib/contracts';
import { formatAgo, STATUS_LABEL, URGENCY_LABEL } from '@lib/handoff/labels';
import { handoffPaths } from '@lib/handoff/paths';
import { handoffKey, useHandoff } from '@lib/handoff/useHandoff';
import { paths } from '@lib/paths';
import { formatClock, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { FallbackSlots, fallbackWindowHours } from './FallbackSlots';
import { SafetySteps } from './SafetySteps';

/**
 * The requester's screen while BCMs are paged: live status, cancel, and straight into the call
 * once someone accepts.
 */
export function HandoffWaitingPage() {
  const { handoffId = '' } = useParams();
  const { clinicId } = useClinic();
  const handoff = useHandoff(clinicId, handoffId);
  if (handoff.data) return <Waiting handoff={handoff.data} />;
  if (!handoff.isError) return <Loading label="Loading the request…" />;
  return (
    <>
      <title>Behavioral health request — Behavioral health consult</title>
      <h1>Behavioral health request</h1>
      <ErrorNotice error={handoff.error} onRetry={() => void handoff.refetch()} />
    </>
  );
}

function Waiting({ handoff }: { handoff: Handoff }) {
  const { clinicId, timeZone, me } = useClinic();
  const navigate = useNavigate();
  const now = useNow();
  const live = handoff.status === 'accepted' || handoff.status === 'connected';
  const inCall = handoff.participants.some((p) => p.userId === me.userId);
  const callPath = handoffPaths.call(clinicId, handoff.handoffId, 'staff');
  const followUpHours =
    handoff.status === 'fallback' ? fallbackWindowHours(handoff.fallback) : undefined;

  useEffect(() => {
    if (live && inCall && handoff.meeting) void navigate(callPath, { replace: true });
  }, [live, inCall, handoff.meeting, navigate, callPath]);

  return (
    <>
      <title>{`${STATUS_LABEL[handoff.status]} — Behavioral health consult`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.patient(clinicId, handoff.patientId)}>Back to patient</Link>
      </nav>
      <h1>Behavioral health request</h1>
      <p className="lead">
        {handoff.summary.patientLabel} · {URGENCY_LABEL[handoff.urgency]} · requested{' '}
        {formatAgo(handoff.requestedAt, now)}
      </p>
      <section
        className={`card handoff-status handoff-status-${handoff.status}`}
        aria-labelledby="handoff-status-heading"
        aria-live="polite"
      >
        <h2 id="handoff-status-heading">{STATUS_LABEL[handoff.status]}</h2>
        <StatusDetail handoff={handoff} timeZone={timeZone} />
        {live && !handoff.meeting && <Loading label="Starting the video call…" />}
        {live && handoff.meeting && (
          <Link className="button button-primary button-large" to={callPath}>
            Join the call
          </Link>
        )}
      </section>
      {followUpHours !== undefined && (
        <FallbackSlots handoff={handoff} withinHours={followUpHours} />
      )}
      {(handoff.status === 'requested' || handoff.status === 'accepted') && (
        <CancelRequest handoff={handoff} />
      )}
    </>
  );
}

function StatusDetail({ handoff, timeZone }: { handoff: Handoff; timeZone: string }) {
  switch (handoff.status) {
    case 'requested':
      return (
        <>
          <p className="handoff-paged">
            {handoff.pagedAt === undefined
              ? 'Paging the behavioral care managers on duty…'
              : handoff.pagedCount === 0
                ? 'No behavioral care manager is on duty right now. The request stays open until the window ends.'
                : `Paged ${handoff.pagedCount} behavioral care manager${handoff.pagedCount === 1 ? '' : 's'}.`}
          </p>
          <p className="muted">
            If nobody accepts by {formatClock(Date.parse(handoff.expiresAt), timeZone)}, you will
            get the next steps here.
          </p>
          {handoff.declines.length > 0 && (
            <p className="muted">
              {handoff.declines.length} declined; still waiting for the others.
            </p>
          )}
        </>
      );
    case 'accepted':
    case 'connected':
      return <p>A behavioral care manager accepted. Keep the patient in the room.</p>;
    case 'fallback':
      return (
        <>
          <p className="handoff-instructions">{handoff.fallback?.instructions}</p>
          {handoff.fallback?.pcpSafetyStepsNow && <SafetySteps />}
        </>
      );
    case 'cancelled':
      return <p>The request was cancelled. Nobody is being paged.</p>;
    case 'ended':
      return <p>The call has ended.</p>;
  }
}

function CancelRequest({ handoff }: { handoff: Handoff }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () =>
      api.call('cancelHandoff', {
        params: { clinicId: handoff.clinicId, handoffId: handoff.handoffId },
        body: {},
      }),
    onSuccess: (next) =>
      queryClient.setQueryData(handoffKey(handoff.clinicId, handoff.handoffId), next),
  });
  return (
    <div className="actions">
      <button
        type="button"
        className="button"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate()}
      >
        {cancel.isPending ? 'Cancelling…' : 'Cancel the request'}
      </button>
      {cancel.isError && <ErrorNotice error={cancel.error} title="Not cancelled" />}
    </div>
  );
}
