import { Link, isRouteErrorResponse, useRouteError } from 'react-router';

/** Anything that escapes a page, including a role area's chunk failing to download offline. */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed =
    error instanceof Error &&
    /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <main className="page page-narrow" id="main">
      <title>Something went wrong — Behavioral health consult</title>
      <h1>Something went wrong</h1>
      <div className="notice notice-error" role="alert">
        <p>
          {chunkFailed
            ? 'This part of the app could not be downloaded. Check the connection and try again.'
            : isRouteErrorResponse(error)
              ? `${error.status} ${error.statusText}`
              : 'The page could not be shown.'}
        </p>
      </div>
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => window.location.reload()}
        >
          Try again
        </button>
        <Link className="button" to="/">
          Go to my clinics
        </Link>
      </p>
    </main>
  );
}

export function NotFoundPage() {
  return (
    <main className="page page-narrow" id="main">
      <title>Not found — Behavioral health consult</title>
      <h1>Page not found</h1>
      <p>This page does not exist, or it is not available to your account.</p>
      <p>
        <Link className="button" to="/">
          Go to my clinics
        </Link>
      </p>
    </main>
  );
}
