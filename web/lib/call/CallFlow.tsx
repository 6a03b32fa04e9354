import { ErrorNotice } from '../ui/Status';
import { CallStage } from './CallStage';
import { ReadinessCheck } from './ReadinessCheck';
import type { CallSession } from './useCallSession';

/**
 * One call's screen from check to hang-up, whatever the call is for: the readiness check before
 * joining, the stage while in the call, and "Rejoin" after leaving or a failed connection (same
 * call, fresh credentials).
 */
export function CallFlow({
  session,
  large,
  endLabel,
  onEnd,
  leftMessage,
}: {
  session: CallSession;
  large: boolean;
  endLabel: string;
  onEnd: () => void;
  leftMessage: string;
}) {
  const inCall = session.status !== 'idle' && session.status !== 'left';
  const rejoin = (
    <button
      type="button"
      className="button button-primary button-large"
      onClick={() => void session.rejoin()}
    >
      Rejoin the call
    </button>
  );
  return (
    <>
      {inCall ? (
        <CallStage session={session} large={large} endLabel={endLabel} onEnd={onEnd} />
      ) : session.status === 'left' ? (
        <div className="call-after">
          <p>{leftMessage}</p>
          {rejoin}
        </div>
      ) : (
        <ReadinessCheck
          large={large}
          onJoin={(choice, options) => void session.join(choice, options)}
        />
      )}
      {session.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          {session.error !== undefined && <ErrorNotice error={session.error} />}
          {rejoin}
        </div>
      )}
    </>
  );
}
