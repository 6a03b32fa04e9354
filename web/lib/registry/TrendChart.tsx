import type { Measure } from '../contracts';
import { getInstrument } from '../instruments';
import { formatDay, LINE_COLOUR, SeverityBands } from '../ui/severity-chart';

const SERIES = [
  { instrument: 'phq9', id: 'PHQ9' },
  { instrument: 'gad7', id: 'GAD7' },
] as const;

const WIDTH = 560;
const HEIGHT = 180;
const M = { top: 10, right: 130, bottom: 28, left: 36 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;

const bandOf = (id: 'PHQ9' | 'GAD7', score: number): string =>
  getInstrument(id).bands.find((b) => score >= b.min && score <= b.max)?.label ?? '';

/**
 * An episode's PHQ-9 and GAD-7 totals over time, one small chart per measure with its severity
 * bands shaded and labelled, dates in the clinic's zone. Hand-written SVG (no chart library); the
 * same numbers are in a table for screen readers.
 */
export function TrendChart({
  measures,
  timeZone,
  caption = 'PHQ-9 and GAD-7 over time',
}: {
  measures: readonly Measure[];
  timeZone: string;
  caption?: string;
}) {
  const sorted = [...measures].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (sorted.length === 0) return <p>No PHQ-9 or GAD-7 recorded in this episode yet.</p>;
  const times = sorted.map((m) => Date.parse(m.at));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const x = (at: number) =>
    M.left + (from === to ? PLOT_W / 2 : ((at - from) / (to - from)) * PLOT_W);
  const ticks = [...new Set([from, (from + to) / 2, to])];
  return (
    <div className="trend-chart">
      {SERIES.map(({ instrument, id }) => {
        const points = sorted.filter((m) => m.instrument === instrument);
        if (points.length === 0) return null;
        const def = getInstrument(id);
        const max = def.maxTotal;
        const y = (score: number) => M.top + PLOT_H - (score / max) * PLOT_H;
        const latest = points[points.length - 1];
        const line = points
          .map(
            (p, i) =>
              `${i === 0 ? 'M' : 'L'}${x(Date.parse(p.at)).toFixed(1)},${y(p.score).toFixed(1)}`,
          )
          .join(' ');
        const titleId = `trend-${instrument}-title`;
        return (
          <figure key={instrument} className="trend-figure">
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              width="100%"
              role="img"
              aria-labelledby={titleId}
              style={{ maxWidth: `${WIDTH}px`, height: 'auto', display: 'block' }}
            >
              <title id={titleId}>
                {`${def.name}: ${points.length} measure${points.length === 1 ? '' : 's'}` +
                  (latest
                    ? `, latest ${latest.score} (${bandOf(id, latest.score)}) on ${formatDay(Date.parse(latest.at), timeZone)}`
                    : '')}
              </title>
              <SeverityBands bands={def.bands} y={y} max={max} left={M.left} width={PLOT_W} />
              {[0, max].map((v) => (
                <text
                  key={v}
                  x={M.left - 6}
                  y={y(v)}
                  textAnchor="end"
                  dominantBaseline="middle"
                  fontSize="11"
                  fill="#4a5561"
                >
                  {v}
                </text>
              ))}
              {ticks.map((at) => (
                <text
                  key={at}
                  x={x(at)}
                  y={M.top + PLOT_H + 18}
                  textAnchor="middle"
                  fontSize="11"
                  fill="#4a5561"
                >
                  {formatDay(at, timeZone, false)}
                </text>
              ))}
              {points.length > 1 && (
                <path d={line} fill="none" stroke={LINE_COLOUR} strokeWidth={2} />
              )}
              {points.map((p) => (
                <circle
                  key={`${p.screeningId}-${p.at}`}
                  cx={x(Date.parse(p.at))}
                  cy={y(p.score)}
                  r={4.5}
                  fill={LINE_COLOUR}
                  stroke="#fff"
                  strokeWidth={1.5}
                />
              ))}
            </svg>
            <figcaption className="hint">
              {def.name}
              {latest && `: latest ${latest.score} (${bandOf(id, latest.score)})`}
            </figcaption>
          </figure>
        );
      })}
      <table className="visually-hidden">
        <caption>{`${caption}, oldest first (dates in the clinic's time zone)`}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Measure</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => {
            const id = m.instrument === 'phq9' ? 'PHQ9' : 'GAD7';
            return (
              <tr key={`${m.screeningId}-${m.instrument}-${m.at}`}>
                <th scope="row">{formatDay(Date.parse(m.at), timeZone)}</th>
                <td>{getInstrument(id).name}</td>
                <td>{`${m.score} (${bandOf(id, m.score)})`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
