import { useState, type FormEvent } from 'react';
import { patientModePin } from '@lib/patient-mode-pin';
import { HoldButton } from './HoldButton';

/**
 * The staff step between patient mode and anything else (leaving, or showing the result): the PIN
 * staff set when they handed the tablet over, or — with no PIN in this tab's memory — a new
 * sign-in. Leaving with unsent answers also takes a press-and-hold, so it is never an accident.
 */
export function StaffGate({
  purpose,
  done,
  displayName,
  onConfirmed,
  onReauthenticate,
  onCancel,
}: {
  purpose: 'leave' | 'result';
  done: boolean;
  displayName: string;
  onConfirmed: () => void;
  onReauthenticate: () => void;
  onCancel: () => void;
}) {
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const hasPin = patientModePin.isSet();
  const check = () => {
    if (patientModePin.matches(pin)) onConfirmed();
    else setWrong(true);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (purpose === 'result') check();
  };
  const title = purpose === 'result' ? 'Show the result?' : 'End patient mode?';
  const action = purpose === 'result' ? 'Show result' : done ? 'Leave' : 'Delete answers and leave';
  return (
    <div className="pm-overlay">
      <section
        className="pm-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="leave-heading"
        lang="en"
      >
        <h2 id="leave-heading">{title}</h2>
        {purpose === 'leave' && (
          <p>
            {done
              ? 'The answers have been sent. Leave the questionnaire screen?'
              : 'The answers given so far will be deleted from this tablet and not sent.'}
          </p>
        )}
        {hasPin ? (
          <form onSubmit={onSubmit} noValidate>
            <div className="field">
              <label htmlFor="staff-pin">Staff PIN</label>
              <input
                id="staff-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                aria-invalid={wrong ? true : undefined}
                aria-describedby={wrong ? 'staff-pin-error' : undefined}
                onChange={(e) => {
                  setPin(e.target.value);
                  setWrong(false);
                }}
                autoFocus
              />
              {wrong && (
                <p className="field-error" id="staff-pin-error" role="alert">
                  That is not the PIN set when the tablet was handed over.
                </p>
              )}
            </div>
            <p>
              For <strong>{displayName}</strong> (signed in)
              {purpose === 'leave' ? ': enter the PIN, then press and hold to confirm.' : '.'}
            </p>
            <div className="actions">
              <button type="button" className="button" onClick={onCancel}>
                Keep going
              </button>
              {purpose === 'leave' ? (
                <HoldButton className="button button-danger" onHeld={check}>
                  {action}
                </HoldButton>
              ) : (
                <button type="submit" className="button button-primary">
                  {action}
                </button>
              )}
            </div>
          </form>
        ) : (
          <>
            <p>
              No staff PIN was set when this tablet was handed over (or the page was reloaded): sign
              in again to continue. Unsent answers are deleted.
            </p>
            <div className="actions">
              <button type="button" className="button" onClick={onCancel} autoFocus>
                Keep going
              </button>
              <HoldButton className="button button-danger" onHeld={onReauthenticate}>
                Sign in again
              </HoldButton>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
