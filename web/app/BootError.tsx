/** Shown when /config.json cannot be loaded (e.g. no network when the tablet wakes). */
export function BootError({ error }: { error: unknown }) {
  return (
    <main className="page page-narrow" id="main">
      <title>Cannot start — Behavioral health consult</title>
      <h1>The app cannot start</h1>
      <div className="notice notice-error" role="alert">
        <p>
          {error instanceof Error ? error.message : 'The app configuration could not be loaded.'}
        </p>
        <p>Check the tablet's connection, then try again.</p>
      </div>
      <button
        type="button"
        className="button button-primary"
        onClick={() => window.location.reload()}
      >
        Try again
      </button>
    </main>
  );
}
