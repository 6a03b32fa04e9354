import { Link } from 'react-router';
import type { EpisodeView, Measure } from '@lib/contracts';
import { FlagChips } from '@lib/registry/FlagChips';
import { registryPaths } from '@lib/registry/paths';
import { Sparkline } from '@lib/registry/Sparkline';
import { formatDateTime } from '@lib/time';
import type { Sort, SortKey } from '@lib/registry/sort';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'patient', label: 'Patient' },
  { key: 'clinic', label: 'Clinic' },
  { key: 'weeks', label: 'Weeks', numeric: true },
  { key: 'phq9', label: 'PHQ-9' },
  { key: 'gad7', label: 'GAD-7' },
  { key: 'lastContact', label: 'Last contact' },
  { key: 'minutes', label: 'Minutes this month', numeric: true },
  { key: 'flags', label: 'Flags' },
];

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: Sort;
  onSort: (key: SortKey) => void;
}) {
  const active = sort.key === column.key;
  return (
    <th
      scope="col"
      aria-sort={active ? sort.direction : undefined}
      className={column.numeric ? 'num' : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
        {column.label}
        <span aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

function Scores({ row, instrument }: { row: EpisodeView; instrument: Measure['instrument'] }) {
  const latest = row.latest[instrument];
  const baseline = row.baseline[instrument];
  return (
    <>
      <span className="scores">
        {latest ? <strong>{latest.score}</strong> : '—'}
        <span className="hint"> (baseline {baseline ? baseline.score : '—'})</span>
      </span>{' '}
      <Sparkline measures={row.measures} instrument={instrument} />
    </>
  );
}

/** The caseload as a real table: sortable headers (aria-sort), one row per active episode. */
export function CaseloadTable({
  rows,
  sort,
  onSort,
  onLog,
}: {
  rows: readonly EpisodeView[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  onLog: (row: EpisodeView) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="registry-table">
        <caption className="visually-hidden">
          Active patients across your clinics; times are each clinic's local time
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} />
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = `${row.patient.familyName}, ${row.patient.givenName}`;
            return (
              <tr
                key={row.episodeId}
                data-episode={row.episodeId}
                data-clinic={row.clinicId}
                data-flags={row.flags.map((f) => f.kind).join(' ')}
              >
                <th scope="row">
                  <Link to={registryPaths.episode(row.clinicId, row.patientId, row.episodeId)}>
                    {name}
                  </Link>
                  {row.patient.mrn && <span className="hint"> · MRN {row.patient.mrn}</span>}
                </th>
                <td>{row.clinicName}</td>
                <td className="num">{row.weeksInTreatment}</td>
                <td>
                  <Scores row={row} instrument="phq9" />
                </td>
                <td>
                  <Scores row={row} instrument="gad7" />
                </td>
                <td data-cell="last-contact">
                  {row.lastContactAt ? (
                    <>
                      {row.daysSinceLastContact === 0
                        ? 'Today'
                        : `${row.daysSinceLastContact ?? '?'} days ago`}
                      <br />
                      <time dateTime={row.lastContactAt} className="hint">
                        {formatDateTime(row.lastContactAt, row.timeZone)}
                      </time>
                    </>
                  ) : (
                    'No contact yet'
                  )}
                </td>
                <td className="num" data-cell="minutes">
                  {row.minutesThisMonth}
                </td>
                <td>
                  <FlagChips flags={row.flags} timeZone={row.timeZone} />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Log contact for ${name}`}
                    onClick={() => onLog(row)}
                  >
                    Log contact
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
