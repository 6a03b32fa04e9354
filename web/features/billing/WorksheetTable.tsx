import { useState } from 'react';
import type { Role } from '@lib/contracts';
import type { Adjustment, WorksheetGroup, WorksheetLine } from '@lib/billing';
import {
  EXCLUSION_LABEL,
  GATE_LABEL,
  ROLE_SHORT,
  patientName,
  sortLines,
  type Sort,
  type SortKey,
} from './billing';

const codesText = (codes: WorksheetLine['codes']) =>
  codes.map((c) => (c.units > 1 ? `${c.code} ×${c.units}` : c.code)).join(', ');

function MinutesCell({ line }: { line: WorksheetLine }) {
  const byRole = (Object.entries(line.minutesByRole) as [Role, number][]).filter(([, m]) => m > 0);
  return (
    <td data-cell="minutes">
      <strong>{line.countedMinutes}</strong>
      {byRole.length > 0 && (
        <span className="hint billing-by-role">
          {' '}
          ({byRole.map(([role, m]) => `${ROLE_SHORT[role]} ${m}`).join(', ')})
        </span>
      )}
      {line.excluded.length > 0 && (
        <ul className="billing-excluded" aria-label="Minutes not counted">
          {line.excluded.map((e) => (
            <li key={`${e.reason}-${e.activityIds.join()}`} data-exclusion={e.reason}>
              {e.minutes} min not counted: {EXCLUSION_LABEL[e.reason]} ({e.detail})
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

function LineRow({
  line,
  current,
  adjustments,
  onAdjust,
}: {
  line: WorksheetLine;
  current: boolean;
  adjustments: Adjustment[];
  onAdjust?: (line: WorksheetLine) => void;
}) {
  const earnedButHeld = line.codes.length === 0 && line.earnedCodes.length > 0;
  return (
    <tr data-line={line.lineId} data-mrn={line.patient.mrn ?? ''}>
      <th scope="row" data-cell="patient">
        {patientName(line)}
        <span className="hint billing-meta">
          {line.patient.mrn ? `MRN ${line.patient.mrn}` : 'No MRN'} · {line.payer} ·{' '}
          {line.monthOfEpisode === 'first' ? 'first month' : 'later month'}
        </span>
      </th>
      <MinutesCell line={line} />
      <td data-cell="codes">
        {line.codes.length > 0 ? codesText(line.codes) : <span className="muted">None</span>}
        {earnedButHeld && (
          <span className="hint"> (reached {codesText(line.earnedCodes)}, held)</span>
        )}
        {adjustments.length > 0 && (
          <ul className="billing-adjustments" aria-label="Adjustments">
            {adjustments.map((a) => (
              <li key={a.adjustmentId}>
                Adjusted: {a.delta.countedMinutes !== 0 && `${signed(a.delta.countedMinutes)} min `}
                {a.delta.codes.map((c) => `${c.code} ${signed(c.units)}`).join(', ')} — {a.reason}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-cell="gates">
        {line.gates.length === 0 ? (
          <span className="billing-badge billing-badge-ok">Billable</span>
        ) : (
          <ul className="billing-gates">
            {line.gates.map((gate) => (
              <li key={gate.kind} data-gate={gate.kind}>
                <span className="billing-badge billing-badge-gate">{GATE_LABEL[gate.kind]}</span>{' '}
                <span className="hint">{gate.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      {current && (
        <td data-cell="to-next">
          {line.minutesToNext
            ? `${line.minutesToNext.minutes} min to ${line.minutesToNext.code}`
            : '—'}
        </td>
      )}
      {onAdjust && (
        <td>
          <button
            type="button"
            className="button button-small"
            aria-label={`Add adjustment for ${patientName(line)}`}
            onClick={() => onAdjust(line)}
          >
            Add adjustment
          </button>
        </td>
      )}
    </tr>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One billing practitioner's lines, sortable so the BCM sees who is short of the next code. */
export function WorksheetTable({
  group,
  practitioner,
  current,
  adjustments,
  onAdjust,
}: {
  group: WorksheetGroup;
  practitioner: string;
  current: boolean;
  adjustments: Adjustment[];
  onAdjust?: (line: WorksheetLine) => void;
}) {
  const [sort, setSort] = useState<Sort>(
    current
      ? { key: 'toNext', direction: 'ascending' }
      : { key: 'patient', direction: 'ascending' },
  );
  const sortBy = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const header = (key: SortKey, label: string) => (
    <th scope="col" key={key} aria-sort={sort.key === key ? sort.direction : undefined}>
      <button type="button" className="billing-sort" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">
          {sort.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
  const headingId = `billing-group-${group.billingPractitionerId ?? 'none'}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{practitioner}</h2>
      <p className="hint">
        {group.totals.patients} patients · {group.totals.billableLines} billable ·{' '}
        {group.totals.gatedLines} held by a gate · {group.totals.countedMinutes} minutes
      </p>
      <div className="table-wrap">
        <table className="billing-table">
          <thead>
            <tr>
              {header('patient', 'Patient')}
              {header('minutes', 'Minutes')}
              {header('codes', 'Codes')}
              <th scope="col">Gates</th>
              {current && header('toNext', 'To next code')}
              {onAdjust && <th scope="col">Correct</th>}
            </tr>
          </thead>
          <tbody>
            {sortLines(group.lines, sort).map((line) => (
              <LineRow
                key={line.lineId}
                line={line}
                current={current}
                adjustments={adjustments.filter((a) => a.lineId === line.lineId)}
                {...(onAdjust ? { onAdjust } : {})}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
