import { useId } from 'react';
import type { RegistryFlag } from '../contracts';
import { formatIsoDate, isoDateIn } from '../time';
import { FLAG_LABEL, FLAG_TONE, sortFlags } from './flags';
import './registry.css';

/** "Not improving since Nov 3, 2026 in clinic time: PHQ-9 14 at 9 weeks …" */
export const flagExplanation = (flag: RegistryFlag, timeZone: string): string =>
  `${flag.reason} (since ${formatIsoDate(isoDateIn(Date.parse(flag.since), timeZone))})`;

/**
 * Flags as chips: the label in text next to the colour, the reason and "since" shown on hover or
 * keyboard focus and tied to the chip as its accessible description.
 */
export function FlagChips({
  flags,
  timeZone,
}: {
  flags: readonly RegistryFlag[];
  timeZone: string;
}) {
  const base = useId();
  if (flags.length === 0) return <span className="flag-none">No flags</span>;
  return (
    <ul className="flag-chips">
      {sortFlags(flags).map((flag) => {
        const tipId = `${base}-${flag.kind}`;
        return (
          <li key={flag.kind}>
            <span
              className={`flag-chip flag-${FLAG_TONE[flag.kind]}`}
              data-flag={flag.kind}
              tabIndex={0}
              aria-describedby={tipId}
              // Escape hides the explanation without moving on (dismissable hover content).
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
            >
              {flag.kind === 'safety' && <span aria-hidden="true">⚠ </span>}
              {FLAG_LABEL[flag.kind]}
              <span role="tooltip" id={tipId} className="flag-tip">
                {flagExplanation(flag, timeZone)}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
