import { Link } from 'react-router';
import { useAuth } from '@lib/auth';
import { areaOfRole, roleLabels, type Membership } from '@lib/clinic';
import type { Me } from '@lib/contracts';
import { paths } from '@lib/paths';
import { formatClock, useNow } from '@lib/time';

/** Several clinics or roles: pick one (clinic name, role, and the time there now). */
export function ChooseClinicPage({ me, choices }: { me: Me; choices: Membership[] }) {
  const { signOut } = useAuth();
  const now = useNow();
  return (
    <main className="page page-narrow" id="main">
      <title>Choose a clinic — Behavioral health consult</title>
      <h1>Choose a clinic and role</h1>
      <p className="lead">Signed in as {me.displayName}.</p>
      <ul className="choice-list">
        {choices.map((m) => (
          <li key={`${m.clinicId}|${m.role}`}>
            <Link className="choice" to={paths.area(m.clinicId, areaOfRole[m.role])}>
              <span className="choice-title">{m.clinicName}</span>
              <span className="choice-role">
                {roleLabels[m.role]}
                {m.room ? ` · ${m.room}` : ''}
              </span>
              <span className="choice-time">
                Local time <time>{formatClock(now, m.timeZone)}</time>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      </p>
    </main>
  );
}
