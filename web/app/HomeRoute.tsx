import { Navigate, useSearchParams } from 'react-router';
import { ChooseClinicPage } from '../features/choose-clinic/ChooseClinicPage';
import { useAuth } from '../lib/auth';
import { areaOfRole, choicesOf } from '../lib/clinic';
import { paths } from '../lib/paths';
import { useMe } from '../lib/queries';
import { ErrorNotice, Loading } from '../lib/ui/Status';

/** After sign-in: one clinic and role → straight in; several → the chooser. */
export function HomeRoute() {
  const me = useMe();
  const { signOut } = useAuth();
  const [search] = useSearchParams();
  if (!me.data && !me.isError) {
    return (
      <main className="page page-narrow" id="main">
        <Loading label="Loading your clinics…" />
      </main>
    );
  }
  if (!me.data) {
    return (
      <main className="page page-narrow" id="main">
        <h1>Your clinics</h1>
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  // A BCM lands on the handoff console (which links back here with ?choose).
  if (!search.has('choose') && me.data.memberships.some((m) => m.role === 'bcm')) {
    return <Navigate replace to="/console" />;
  }
  // A psychiatrist lands on the cross-clinic review panel (which links back here with ?choose).
  if (!search.has('choose') && me.data.memberships.some((m) => m.role === 'psychiatrist')) {
    return <Navigate replace to="/panel" />;
  }
  const choices = choicesOf(me.data);
  const only = choices.length === 1 ? choices[0] : undefined;
  if (only) return <Navigate replace to={paths.area(only.clinicId, areaOfRole[only.role])} />;
  if (choices.length === 0) {
    return (
      <main className="page page-narrow" id="main">
        <title>No clinic access — Behavioral health consult</title>
        <h1>No clinic access yet</h1>
        <p>
          You are signed in as {me.data.displayName}, but your account is not part of any clinic.
          Ask your clinic admin to add you.
        </p>
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      </main>
    );
  }
  return <ChooseClinicPage me={me.data} choices={choices} />;
}
