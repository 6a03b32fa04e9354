import { Link } from 'react-router';
import type { Disposition, Flag, InstrumentScore, ScreeningResult } from '../contracts';
import { instruments } from '../instruments';
import { formatShortDateTime } from '../time';

const BAND_LEVEL: Record<string, number> = {
  'none-minimal': 0,
  none: 0,
  minimal: 0,
  mild: 1,
  moderate: 2,
  'moderately-severe': 3,
  severe: 4,
};

/** "12 / 27 Moderate", coloured by band (the words carry the meaning; colour only helps). */
export function ScoreBadge({ score }: { score: InstrumentScore }) {
  const level = BAND_LEVEL[score.band] ?? 0;
  return (
    <span className={`score band-${level}`}>
      <span className="score-total">
        {score.total}
        <span className="score-max"> / {score.maxTotal}</span>
      </span>{' '}
      <span className="score-band">{score.bandLabel}</span>
    </span>
  );
}

export const isSafetyFlag = (flag: Flag): boolean =>
  flag.severity === 'critical' || flag.code === 'safety_item9';

/** Flags as badges, safety first and unmistakable; the words are the server's. */
export function FlagBadges({ flags, empty = '—' }: { flags: Flag[]; empty?: string }) {
  if (flags.length === 0) return <span className="muted">{empty}</span>;
  const sorted = [...flags].sort((a, b) => Number(isSafetyFlag(b)) - Number(isSafetyFlag(a)));
  return (
    <ul className="flags">
      {sorted.map((flag) => (
        <li
          key={flag.code}
          className={`flag ${isSafetyFlag(flag) ? 'flag-safety' : `flag-${flag.severity}`}`}
        >
          {isSafetyFlag(flag) && (
            <span className="flag-icon" aria-hidden="true">
              ⚠
            </span>
          )}
          {isSafetyFlag(flag) && <strong>Safety: </strong>}
          {flag.message}
        </li>
      ))}
    </ul>
  );
}

const URGENCY_LABEL: Record<Disposition['urgency'], string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};

export const urgencyLabel = (urgency: Disposition['urgency']) => URGENCY_LABEL[urgency];

export function DispositionTag({ disposition }: { disposition: Disposition }) {
  return (
    <span className="disposition">
      {disposition.urgency !== 'routine' && (
        <span className={`urgency urgency-${disposition.urgency}`}>
          {URGENCY_LABEL[disposition.urgency]}
        </span>
      )}{' '}
      {disposition.label}
    </span>
  );
}

const scoreOf = (item: ScreeningResult, instrument: string) =>
  item.scores.find((s) => s.instrument === instrument);

const COLUMNS = Object.values(instruments).map((d) => ({ id: d.id, name: d.name }));

/** Screenings as a table (cards on a narrow screen): time, totals with band, flags, disposition. */
export function ScreeningTable<T extends ScreeningResult & { patientName?: string }>({
  items,
  timeZone,
  now,
  caption,
  resultPath,
  showPatient,
}: {
  items: T[];
  timeZone: string;
  now: number;
  caption: string;
  resultPath: (item: T) => string;
  showPatient: boolean;
}) {
  return (
    <table className="screenings">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {showPatient && <th scope="col">Patient</th>}
          <th scope="col">Completed</th>
          {COLUMNS.map((c) => (
            <th scope="col" key={c.id}>
              {c.name}
            </th>
          ))}
          <th scope="col">Flags</th>
          <th scope="col">Disposition</th>
          {!showPatient && (
            <th scope="col">
              <span className="visually-hidden">Result</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const when = formatShortDateTime(item.completedAt, timeZone, now);
          const safety = item.flags.some(isSafetyFlag);
          return (
            <tr key={item.screeningId} className={safety ? 'row-safety' : undefined}>
              {showPatient && (
                <th scope="row" data-label="Patient">
                  <Link to={resultPath(item)}>{item.patientName ?? 'Patient'}</Link>
                </th>
              )}
              <td data-label="Completed">
                <time dateTime={item.completedAt}>{when}</time>
              </td>
              {COLUMNS.map((c) => {
                const score = scoreOf(item, c.id);
                return (
                  <td key={c.id} data-label={c.name}>
                    {score ? <ScoreBadge score={score} /> : <span className="muted">—</span>}
                  </td>
                );
              })}
              <td data-label="Flags">
                <FlagBadges flags={item.flags} />
              </td>
              <td data-label="Disposition">
                <DispositionTag disposition={item.disposition} />
              </td>
              {!showPatient && (
                <td>
                  <Link to={resultPath(item)} aria-label={`View result from ${when}`}>
                    View result
                  </Link>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
