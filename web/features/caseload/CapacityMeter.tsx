import type { Caseload } from '@lib/contracts';
import { capacityLevel } from '@lib/registry/sort';

const TEXT = {
  ok: 'Within capacity',
  warn: 'At the warning level',
  over: 'Over capacity',
} as const;

/** Active patients against the warning level (colour plus words; a real <meter> for assistive tech). */
export function CapacityMeter({ capacity }: { capacity: Caseload['capacity'] }) {
  const { activePatients, warningAt, fte } = capacity;
  const level = capacityLevel(activePatients, warningAt);
  const max = Math.max(Math.ceil(warningAt * 1.25), activePatients);
  return (
    <section className="card" aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">Caseload capacity</h2>
      <div className="capacity-meter">
        <meter
          id="capacity-meter"
          min={0}
          max={max}
          low={Math.floor(warningAt * 0.9)}
          high={warningAt}
          optimum={0}
          value={activePatients}
          aria-label="Active patients"
          aria-describedby="capacity-text"
        />
        <p id="capacity-text" className={`capacity-${level}`} data-testid="capacity">
          <strong>{activePatients}</strong> active patients; warning at {warningAt} ({fte} FTE) ·{' '}
          {TEXT[level]}
        </p>
      </div>
    </section>
  );
}
