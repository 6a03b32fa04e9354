import { useId } from 'react';
import { therapySuggestions } from '../billing';

/** The psychotherapy code documented face-to-face time would support (none under 16 minutes). */
export const therapyCodeFor = (minutes: number) =>
  Number.isInteger(minutes) && minutes > 0
    ? therapySuggestions(minutes, 'psychotherapy')[0]
    : undefined;

/**
 * For a visit or video contact: the psychotherapy code its minutes suggest, and a box to record
 * that the time is billed separately under it. Only a suggestion: nothing is ever billed
 * automatically, and separately billed minutes do not count toward CoCM (the worksheet says so).
 */
export function TherapyCodeHint({
  minutes,
  billedSeparately,
  onChange,
}: {
  minutes: number;
  billedSeparately: boolean;
  onChange: (billedSeparately: boolean) => void;
}) {
  const id = useId();
  const suggestion = therapyCodeFor(minutes);
  if (!suggestion)
    return (
      <p className="hint" data-testid="therapy-hint">
        Under 16 face-to-face minutes: no psychotherapy code; the minutes count toward CoCM.
      </p>
    );
  return (
    <div className="field" data-testid="therapy-hint">
      <p className="hint" id={`${id}-why`}>
        Suggested psychotherapy code {suggestion.code} ({suggestion.label}; {suggestion.reason}).
        Never billed automatically.
      </p>
      <label>
        <input
          type="checkbox"
          checked={billedSeparately}
          aria-describedby={`${id}-why`}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        Billed separately as {suggestion.code}
      </label>
      {billedSeparately && (
        <p className="hint">These minutes will not count toward CoCM for the month.</p>
      )}
    </div>
  );
}
