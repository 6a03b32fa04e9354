import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, useAuth, type LocalDemoUser } from '@lib/auth';
import { Loading } from '@lib/ui/Status';

/** Local mode: pick a demo user. Cognito mode: one button to the hosted sign-in page. */
export function SignInPage() {
  const auth = useAuth();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const resumed = next !== '/';

  if (auth.session) return <Navigate replace to={next} />;

  return (
    <main className="page page-narrow sign-in" id="main">
      <title>Sign in — Behavioral health consult</title>
      <h1>Sign in</h1>
      <p className="lead">Behavioral health consults for your clinic.</p>
      {resumed && (
        <p className="notice notice-info" role="status">
          Your sign-in ended. Sign in again to continue where you left off.
        </p>
      )}
      {auth.mode === 'local' ? <LocalSignIn next={next} /> : <CognitoSignIn next={next} />}
    </main>
  );
}

function LocalSignIn({ next }: { next: string }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const users = useQuery({
    queryKey: ['local-users'],
    queryFn: ({ signal }) => auth.listLocalUsers(signal),
    staleTime: 60_000,
  });
  const signIn = useMutation({
    mutationFn: (user: LocalDemoUser) => auth.signInLocal(user.username),
    onSuccess: () => navigate(next, { replace: true }),
  });

  return (
    <section aria-labelledby="demo-users">
      <div className="notice notice-info">
        <p>
          <strong>Local demo identity issuer.</strong> This is the built-in stand-in for the real
          sign-in service: choose a demo user, no password needed. Demo data only — never use real
          patient information here.
        </p>
      </div>
      <h2 id="demo-users">Demo users</h2>
      {users.isPending && <Loading label="Loading demo users…" />}
      {users.isError && (
        <div className="notice notice-error" role="alert">
          <p>{users.error.message}</p>
          <button type="button" className="button" onClick={() => void users.refetch()}>
            Try again
          </button>
        </div>
      )}
      {signIn.isError && (
        <p className="notice notice-error" role="alert">
          {signIn.error instanceof Error ? signIn.error.message : 'Sign-in failed.'}
        </p>
      )}
      {users.data && (
        <ul className="user-list">
          {users.data.map((user) => (
            <li key={user.username}>
              <button
                type="button"
                className="button button-block user-button"
                aria-label={`Sign in as ${user.displayName}`}
                aria-describedby={`user-${user.username}`}
                disabled={signIn.isPending}
                onClick={() => signIn.mutate(user)}
              >
                <span className="user-button-name">Sign in as {user.displayName}</span>
                <span className="user-button-title" id={`user-${user.username}`}>
                  {user.title}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {users.data?.length === 0 && <p>The local issuer has no demo users.</p>}
    </section>
  );
}

function CognitoSignIn({ next }: { next: string }) {
  const auth = useAuth();
  const signIn = useMutation({ mutationFn: () => auth.beginCognitoSignIn(next) });
  return (
    <>
      <button
        type="button"
        className="button button-primary button-large"
        disabled={signIn.isPending}
        onClick={() => signIn.mutate()}
      >
        Sign in
      </button>
      {signIn.isError && (
        <p className="notice notice-error" role="alert">
          The sign-in page could not be opened. Check the connection and try again.
        </p>
      )}
    </>
  );
}
