import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '@lib/api';
import { useAuth } from '@lib/auth';
import type { Handoff } from '@lib/contracts';
import { STATUS_LABEL, URGENCY_LABEL } from '@lib/handoff/labels';
import { handoffPaths } from '@lib/handoff/paths';
import { paths } from '@lib/paths';
import { useMe } from '@lib/queries';
import { useRealtime, useServerMessage } from '@lib/realtime';
import { useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import {
  askNotificationPermission,
  beep,
  notificationPermission,
  notify,
  unlockSound,
} from './alert';
import { PresencePanel } from './PresencePanel';
import { QueueRow } from './QueueRow';
import './console.css';

const queueKey = ['me', 'handoffs'] as const;
const POLL_MS = 5_000;

/**
 * The BCM's console at /console: availability per covered clinic, one queue across them, and a
 * paging alert (banner, beep, system notification) for every new page.
 */
export function ConsolePage() {
  const me = useMe();
  if (!me.data && !me.isError) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  if (!me.data) {
    return (
      <main className="page page-narrow" id="main">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data.memberships.some((m) => m.role === 'bcm')) {
    return (
      <main className="page page-narrow" id="main">
        <title>No access — Behavioral health consult</title>
        <h1>Not available to your account</h1>
        <p>The handoff console is for behavioral care managers.</p>
        <Link className="button" to={paths.home}>
          Go to my clinics
        </Link>
      </main>
    );
  }
  return <Console displayName={me.data.displayName} userId={me.data.userId} />;
}

function Console({ displayName, userId }: { displayName: string; userId: string }) {
  const api = useApi();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { state } = useRealtime();
  const now = useNow();
  const [alert, setAlert] = useState<Handoff | undefined>();
  const [taken, setTaken] = useState<Handoff | undefined>();
  const [permission, setPermission] = useState(notificationPermission);
  const queue = useQuery({
    queryKey: queueKey,
    queryFn: ({ signal }) => api.call('getMyHandoffQueue', { signal }),
    staleTime: 0,
    refetchInterval: state === 'polling' ? POLL_MS : false,
  });
  useServerMessage('handoff.paged', ({ handoff }) => {
    setAlert(handoff);
    beep();
    notify(
      `${URGENCY_LABEL[handoff.urgency]}: ${handoff.summary.clinicName}`,
      `${handoff.summary.patientLabel}${handoff.summary.safetyFlag ? ' · safety flag' : ''}`,
      handoff.handoffId,
    );
    void queue.refetch();
  });
  useServerMessage('handoff.updated', (message) => {
    const shown = queue.data?.open.find((h) => h.handoffId === message.handoffId);
    if (shown && message.status === 'accepted' && message.acceptedBy !== userId) setTaken(shown);
    if (alert?.handoffId === message.handoffId && message.status !== 'requested')
      setAlert(undefined);
    void queue.refetch();
  });
  const onSignOut = () => {
    signOut();
    void navigate(paths.signIn(), { replace: true });
  };
  const open = queue.data?.open ?? [];
  const mine = queue.data?.mine ?? [];
  return (
    <>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="app-brand">
            <p className="app-clinic">Handoff console</p>
            <p className="app-clock">
              {state === 'open'
                ? 'Live'
                : state === 'connecting'
                  ? 'Connecting…'
                  : 'Checking every few seconds'}
            </p>
          </div>
          <nav aria-label="Main" className="app-nav">
            <Link to={`${paths.home}?choose`}>My clinics</Link>
            <Link to="/caseload">Caseload</Link>
          </nav>
          <div className="app-user">
            <p>
              <span className="app-user-name">{displayName}</span>
              <span className="app-user-role">Behavioral care manager</span>
            </p>
            <button type="button" className="button button-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        <title>{`${open.length > 0 ? `(${open.length}) ` : ''}Handoff console — Behavioral health consult`}</title>
        <h1>Handoff console</h1>
        {alert && (
          <div className={`notice page-banner urgency-banner-${alert.urgency}`} role="alert">
            <p className="notice-title">
              New {URGENCY_LABEL[alert.urgency].toLowerCase()} request: {alert.summary.clinicName}
            </p>
            <p>{alert.summary.patientLabel}</p>
            <button
              type="button"
              className="button button-small"
              onClick={() => setAlert(undefined)}
            >
              Dismiss
            </button>
          </div>
        )}
        {permission === 'default' && (
          <p className="notice">
            Get a system notification for each page, even when this tab is in the background.{' '}
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                unlockSound();
                void askNotificationPermission().then(setPermission);
              }}
            >
              Turn on notifications
            </button>
          </p>
        )}
        {taken && (
          <p className="notice" role="status">
            Taken by a colleague: {taken.summary.clinicName}, {taken.summary.patientLabel}.
          </p>
        )}
        <PresencePanel />
        {mine.length > 0 && (
          <section className="card" aria-labelledby="mine-heading">
            <h2 id="mine-heading">My calls</h2>
            <ul className="queue">
              {mine.map((h) => (
                <li key={h.handoffId} className="queue-row">
                  <strong>{h.summary.clinicName}</strong> · {h.summary.patientLabel} ·{' '}
                  {STATUS_LABEL[h.status]}{' '}
                  <Link
                    className="button button-small"
                    to={handoffPaths.call(h.clinicId, h.handoffId, 'staff')}
                  >
                    Return to the call
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="card" aria-labelledby="queue-heading">
          <h2 id="queue-heading">Waiting requests</h2>
          {queue.isPending && <Loading label="Loading requests…" />}
          {queue.isError && (
            <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />
          )}
          {queue.isSuccess && open.length === 0 && <p>No requests waiting.</p>}
          {open.length > 0 && (
            <ul className="queue" aria-label="Waiting requests">
              {open.map((h) => (
                <QueueRow
                  key={h.handoffId}
                  handoff={h}
                  now={now}
                  onChanged={() => void queue.refetch()}
                  onTaken={setTaken}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
