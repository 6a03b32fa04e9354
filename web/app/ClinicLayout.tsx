import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../lib/auth';
import { roleLabels, useClinic } from '../lib/clinic';
import { paths } from '../lib/paths';
import { ReviewNavLinks } from '../lib/registry/ReviewNavLinks';
import { formatClock, useNow } from '../lib/time';
import { SafetyAlertBanner } from '../lib/ui/SafetyAlertBanner';

/** Staff and admin pages: clinic name and local time, who is signed in, and sign-out. */
export function ClinicLayout() {
  const clinic = useClinic();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const now = useNow();
  const onSignOut = () => {
    signOut();
    void navigate(paths.signIn(), { replace: true });
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="app-brand">
            <p className="app-clinic">{clinic.clinicName}</p>
            <p className="app-clock">
              Local time <time>{formatClock(now, clinic.timeZone)}</time>
            </p>
          </div>
          <nav aria-label="Main" className="app-nav">
            <NavLink end to={paths.area(clinic.clinicId, clinic.area)}>
              {clinic.area === 'admin' ? 'Clinic overview' : 'Clinic home'}
            </NavLink>
            <NavLink
              to={`${paths.area(clinic.clinicId, clinic.area)}/${clinic.area === 'admin' ? 'schedule-templates' : 'schedule'}`}
            >
              {clinic.area === 'admin' ? 'Schedule templates' : 'Schedule'}
            </NavLink>
            {/* @nav:registry (caseload / panel / inbox links by role) */}
            {(clinic.area === 'admin' || (clinic.area === 'staff' && clinic.role === 'pcp')) && (
              <NavLink to={`${paths.area(clinic.clinicId, clinic.area)}/billing`}>Billing</NavLink>
            )}
            {clinic.area === 'admin' && (
              <NavLink to={`${paths.area(clinic.clinicId, 'admin')}/outcomes`}>Outcomes</NavLink>
            )}
            {clinic.area === 'staff' && clinic.role === 'pcp' && (
              <Link to="/outcomes">Outcomes</Link>
            )}
            <ReviewNavLinks roles={clinic.me.memberships.map((m) => m.role)} />
            {clinic.me.memberships.some((m) => m.role === 'bcm') && (
              <Link to="/caseload">Caseload</Link>
            )}
            {clinic.canSwitch && <Link to={paths.home}>Switch clinic or role</Link>}
          </nav>
          <div className="app-user">
            <p>
              <span className="app-user-name">{clinic.me.displayName}</span>
              <span className="app-user-role">{roleLabels[clinic.role]}</span>
            </p>
            <button type="button" className="button button-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <SafetyAlertBanner />
      <main className="page" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
