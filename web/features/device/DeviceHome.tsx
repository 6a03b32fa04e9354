import { useNavigate } from 'react-router';
import { useAuth } from '@lib/auth';
import { useClinic } from '@lib/clinic';
import { paths } from '@lib/paths';
import { formatClock, useNow } from '@lib/time';

/** An exam-room device account: it only states where it is signed in and how staff use it. */
export function DeviceHome() {
  const clinic = useClinic();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const now = useNow();
  const onSignOut = () => {
    signOut();
    void navigate(paths.signIn(), { replace: true });
  };
  return (
    <main className="page page-narrow device" id="main">
      <title>{`Exam-room tablet — ${clinic.clinicName}`}</title>
      <h1>Exam-room tablet</h1>
      <p className="device-where">
        This tablet is signed in for <strong>{clinic.clinicName}</strong>
        {clinic.room ? (
          <>
            , <strong>{clinic.room}</strong>
          </>
        ) : null}
        .
      </p>
      <p className="muted">
        Local time <time>{formatClock(now, clinic.timeZone)}</time>
      </p>
      <div className="card">
        <h2>To screen a patient</h2>
        <p>
          A staff member signs out of the device account and signs in with their own account on this
          tablet, opens the patient, and taps “Hand tablet to patient”.
        </p>
        <button type="button" className="button button-primary button-large" onClick={onSignOut}>
          Sign out of the device account
        </button>
      </div>
    </main>
  );
}
