import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { safeNext, useAuth, type Auth } from '@lib/auth';
import { Loading } from '@lib/ui/Status';

// One exchange per redirect even when React runs effects twice (StrictMode): the code is single-use.
const exchanges = new Map<string, Promise<string | undefined>>();
const exchangeOnce = (auth: Auth) => {
  const key = window.location.search;
  let pending = exchanges.get(key);
  if (!pending) {
    pending = auth.completeCognitoSignIn();
    exchanges.set(key, pending);
  }
  return pending;
};

/** The hosted UI redirects here with ?code=…; swap it for tokens and go on. */
export function CognitoCallback() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const isCognito = auth.mode === 'cognito';

  useEffect(() => {
    if (!isCognito) return;
    let active = true;
    exchangeOnce(auth).then(
      (next) => {
        if (active) void navigate(safeNext(next), { replace: true });
      },
      () => {
        if (active) setFailed(true);
      },
    );
    return () => {
      active = false;
    };
    // Run once for this redirect; auth changes when the session starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isCognito]);

  if (!isCognito) return <Navigate replace to="/" />;
  return (
    <main className="page page-narrow" id="main">
      <title>Signing in — Behavioral health consult</title>
      <h1>Signing in</h1>
      {failed ? (
        <div className="notice notice-error" role="alert">
          <p>The sign-in could not be completed.</p>
          <Link className="button" to="/sign-in">
            Sign in again
          </Link>
        </div>
      ) : (
        <Loading label="Finishing sign-in…" />
      )}
    </main>
  );
}
