import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import type { Me, Role } from '../contracts';
import { roleLabels } from '../clinic';
import { paths } from '../paths';
import { useMe } from '../queries';
import { useRealtime } from '../realtime';
import { ErrorNotice, Loading } from '../ui/Status';
import { reviewPaths } from './review';

const has = (me: Me, roles: readonly Role[]) => me.memberships.some((m) => roles.includes(m.role));

/**
 * The frame of a page that spans clinics (the panel, the inbox, review sessions): these sit
 * outside the per-clinic areas, so they bring their own header. The server still filters every
 * row by current memberships; the role check here only spares a user a page that would be empty.
 */
export function CrossClinicShell({
  title,
  roles,
  forWhom,
  children,
}: {
  title: string;
  /** Roles for whom the page exists (held in any clinic). */
  roles: readonly Role[];
  /** "for psychiatric consultants": the sentence shown to anyone else. */
  forWhom: string;
  children: (me: Me) => ReactNode;
}) {
  const me = useMe();
  if (!me.data) {
    return (
      <main className="page page-narrow" id="main">
        {me.isError ? (
          <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
        ) : (
          <Loading />
        )}
      </main>
    );
  }
  if (!has(me.data, roles)) {
    return (
      <main className="page page-narrow" id="main">
        <title>No access — Behavioral health consult</title>
        <h1>Not available to your account</h1>
        <p>
          {title} is {forWhom}.
        </p>
        <Link className="button" to={paths.home}>
          Go to my clinics
        </Link>
      </main>
    );
  }
  return (
    <>
      <Header me={me.data} title={title} />
      <main className="page" id="main" tabIndex={-1}>
        {children(me.data)}
      </main>
    </>
  );
}

function Header({ me, title }: { me: Me; title: string }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { state } = useRealtime();
  const onSignOut = () => {
    signOut();
    void navigate(paths.signIn(), { replace: true });
  };
  const roleNames = [...new Set(me.memberships.map((m) => m.role))];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="app-brand">
            <p className="app-clinic">{title}</p>
            <p className="app-clock">
              {state === 'open' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Refreshing'}
            </p>
          </div>
          <nav aria-label="Main" className="app-nav">
            {has(me, ['psychiatrist']) && <NavLink to={reviewPaths.panel}>Panel</NavLink>}
            {has(me, ['pcp']) && <NavLink to={reviewPaths.inbox}>Inbox</NavLink>}
            {has(me, ['psychiatrist', 'bcm']) && (
              <NavLink to={reviewPaths.reviewSessions}>Review sessions</NavLink>
            )}
            <Link to={`${paths.home}?choose`}>My clinics</Link>
          </nav>
          <div className="app-user">
            <p>
              <span className="app-user-name">{me.displayName}</span>
              <span className="app-user-role">
                {roleNames.map((r) => roleLabels[r]).join(' + ')}
              </span>
            </p>
            <button type="button" className="button button-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
    </>
  );
}
