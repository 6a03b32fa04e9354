import { createBrowserRouter } from 'react-router';
import { CognitoCallback } from '../features/sign-in/CognitoCallback';
import { SignInPage } from '../features/sign-in/SignInPage';
import { callbackPath, type WebConfig } from '../lib/config';
import { AreaGuard } from './AreaGuard';
import { HomeRoute } from './HomeRoute';
import { NotFoundPage, RouteError } from './RouteError';
import { RequireAuth } from './RequireAuth';

/**
 * URL map. Role areas live under /clinics/:clinicId/<area>/* and are each one lazily loaded chunk,
 * fetched only after the role guard has found a matching membership.
 */
export const createAppRouter = (config: WebConfig) =>
  createBrowserRouter([
    {
      errorElement: <RouteError />,
      children: [
        { path: '/sign-in', element: <SignInPage /> },
        { path: callbackPath(config), element: <CognitoCallback /> },
        {
          element: <RequireAuth />,
          children: [
            { path: '/', element: <HomeRoute /> },
            {
              // The BCM's console spans clinics, so it sits outside the per-clinic areas.
              path: '/console',
              lazy: async () => ({
                Component: (await import('../features/bcm-console/ConsolePage')).ConsolePage,
              }),
            },
            // @router:registry-bcm (cross-clinic caseload pages)
            {
              path: '/caseload',
              lazy: async () => ({
                Component: (await import('../features/caseload/CaseloadPage')).CaseloadPage,
              }),
            },
            // @router:registry-review (psychiatrist panel, PCP inbox, review sessions)
            {
              path: '/outcomes',
              lazy: async () => ({
                Component: (await import('../features/outcomes/NetworkOutcomesPage'))
                  .NetworkOutcomesPage,
              }),
            },
            {
              path: '/panel',
              lazy: async () => ({
                Component: (await import('../features/panel/PanelPage')).PanelPage,
              }),
            },
            {
              path: '/inbox',
              lazy: async () => ({
                Component: (await import('../features/inbox/InboxPage')).InboxPage,
              }),
            },
            {
              path: '/review-sessions',
              lazy: async () => ({
                Component: (await import('../features/review-sessions/ReviewSessionsPage'))
                  .ReviewSessionsPage,
              }),
            },
            {
              path: '/review-sessions/:reviewSessionId',
              lazy: async () => ({
                Component: (await import('../features/review-sessions/ReviewSessionPage'))
                  .ReviewSessionPage,
              }),
            },
            {
              path: '/review-sessions/:reviewSessionId/call',
              lazy: async () => ({
                Component: (await import('../features/review-sessions/ReviewSessionCallPage'))
                  .ReviewSessionCallPage,
              }),
            },
            { path: '/clinics/:clinicId/staff/*', element: <AreaGuard area="staff" /> },
            { path: '/clinics/:clinicId/admin/*', element: <AreaGuard area="admin" /> },
            { path: '/clinics/:clinicId/device/*', element: <AreaGuard area="device" /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
