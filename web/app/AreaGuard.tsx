import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import type { Role } from '../lib/contracts';
import { areaOfRole, ClinicContext, choicesOf, type ClinicSelection } from '../lib/clinic';
import type { Area } from '../lib/paths';
import { useMe } from '../lib/queries';
import { ErrorNotice, Loading } from '../lib/ui/Status';

/** One chunk per role area, downloaded only once the guard has let the user in. */
const areas = {
  staff: lazy(() => import('./areas/StaffArea')),
  admin: lazy(() => import('./areas/AdminArea')),
  device: lazy(() => import('./areas/DeviceArea')),
} satisfies Record<Area, unknown>;

/** When a user holds several clinical roles in one clinic, show the one that decides most. */
const ROLE_ORDER: Role[] = ['pcp', 'bcm', 'psychiatrist', 'ma', 'admin', 'tablet'];

/**
 * The role guard: the URL's clinic must be one of the user's memberships with a role of this area.
 * (The server still decides every request; this only keeps people out of screens they cannot use.)
 */
export function AreaGuard({ area }: { area: Area }) {
  const { clinicId } = useParams();
  const me = useMe();
  // Data first: a failed background refetch must not unmount the area (a patient may be answering).
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
  const memberships = me.data.memberships
    .filter((m) => m.clinicId === clinicId && areaOfRole[m.role] === area)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const membership = memberships[0];
  if (!membership) {
    return (
      <main className="page page-narrow" id="main">
        <title>No access — Behavioral health consult</title>
        <h1>Not available to your account</h1>
        <p>This clinic area is not part of your clinics and roles.</p>
        <p>
          <Link className="button" to="/">
            Go to my clinics
          </Link>
        </p>
      </main>
    );
  }
  const selection: ClinicSelection = {
    me: me.data,
    clinicId: membership.clinicId,
    clinicName: membership.clinicName,
    timeZone: membership.timeZone,
    area,
    role: membership.role,
    room: membership.room,
    canSwitch: choicesOf(me.data).length > 1,
  };
  const AreaComponent = areas[area];
  return (
    <ClinicContext value={selection}>
      <Suspense
        fallback={
          <main className="page" id="main">
            <Loading />
          </main>
        }
      >
        <AreaComponent />
      </Suspense>
    </ClinicContext>
  );
}
