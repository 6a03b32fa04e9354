import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../lib/auth';
import { paths } from '../lib/paths';
import { RealtimeProvider } from '../lib/realtime';
import { sessionStore } from '../lib/session';

/** Signed-in routes. After an expiry (a 401) the user comes back to the same page after sign-in. */
export function RequireAuth() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const next =
      sessionStore.endReason() === 'signed-out' ? undefined : location.pathname + location.search;
    return <Navigate replace to={paths.signIn(next)} />;
  }
  // The paging socket lives as long as the signed-in part of the app, across its screens.
  return (
    <RealtimeProvider>
      <Outlet />
    </RealtimeProvider>
  );
}
