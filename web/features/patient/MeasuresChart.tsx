import type { ScaleInstrumentId, ScreeningResult } from '@lib/contracts';
import { getInstrument } from '@lib/instruments';
import { formatDay, LINE_COLOUR, SeverityBands } from '@lib/ui/severity-chart';

/** The measures charted, in the order their charts appear. */
const CHARTED: readonly ScaleInstrumentId[] = ['PHQ9', 'GAD7'];

const WIDTH = 640;
const HEIGHT = 200;
const MARGIN = { top: 12, right: 120, bottom: 32, left: 40 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

interface Point {
  at: number;
  total: number;
  bandLabel: string;
  screeningId: string;
}

const pointsOf = (items: readonly ScreeningResult[], instrument: ScaleInstrumentId): Point[] =>
  items
    .flatMap((item) => {
      const score = item.scores.find((s) => s.instrument === instrument);
      return score
        ? [
            {
              at: Date.parse(item.completedAt),
              total: score.total,
              bandLabel: score.bandLabel,
              screeningId: item.screeningId,
            },
          ]
        : [];
    })
    .sort((a, b) => a.at - b.at);

/** Up to `count` tick times across the domain, distinct as calendar days in the zone. */
const ticksFor = (from: number, to: number, timeZone: string, count = 5): number[] => {
  const steps =
    from === to
      ? [from]
      : Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
  const seen = new Set<string>();
  return steps.filter((at) => {
    const day = formatDay(at, timeZone);
    if (seen.has(day)) return false;
    seen.add(day);
    return true;
  });
};

/**
 * PHQ-9 and GAD-7 totals over time from the patient's screenings: one small chart per instrument
 * with its severity bands shaded, dates in the clinic's time zone. Hand-written SVG (no chart
 * library); screen readers get the same numbers as a table.
 */
export function MeasuresChart({
  items,
  timeZone,
}: {
  items: readonly ScreeningResult[];
  timeZone: string;
}) {
  const series = CHARTED.map((id) => ({
    instrument: getInstrument(id),
    points: pointsOf(items, id),
  }));
  const times = series.flatMap((s) => s.points.map((p) => p.at));
  if (times.length === 0) return null;
  const from = Math.min(...times);
  const to = Math.max(...times);
  const ticks = ticksFor(from, to, timeZone);
  const x = (at: number) =>
    MARGIN.left + (from === to ? PLOT_W / 2 : ((at - from) / (to - from)) * PLOT_W);

  const rows = [...new Set(items.map((item) => item.screeningId))]
    .map((id) => items.find((item) => item.screeningId === id))
    .filter((item): item is ScreeningResult => item !== undefined)
    .sort((a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt));

  return (
    <div className="measures">
      <h3 id="measures-heading">Measures over time</h3>
      {series.map(({ instrument, points }) => {
        if (points.length === 0) return null;
        const max = instrument.maxTotal;
        const y = (total: number) => MARGIN.top + PLOT_H - (total / max) * PLOT_H;
        const titleId = `measures-${instrument.id}-title`;
        const path = points
          .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.total).toFixed(1)}`)
          .join(' ');
        const latest = points[points.length - 1];
        return (
          <figure key={instrument.id} style={{ margin: '0 0 1rem' }}>
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              width="100%"
              role="group"
              aria-labelledby={titleId}
              style={{ maxWidth: `${WIDTH}px`, height: 'auto', display: 'block' }}
            >
              <title id={titleId}>
                {`${instrument.name} totals over time, ${points.length} screening${points.length === 1 ? '' : 's'}` +
                  (latest
                    ? `; latest ${latest.total} (${latest.bandLabel}) on ${formatDay(latest.at, timeZone)}`
                    : '')}
              </title>
              <g aria-hidden="true">
                <SeverityBands
                  bands={instrument.bands}
                  y={y}
                  max={max}
                  left={MARGIN.left}
                  width={PLOT_W}
                />
                <line
                  x1={MARGIN.left}
                  x2={MARGIN.left}
                  y1={MARGIN.top}
                  y2={MARGIN.top + PLOT_H}
                  stroke="#8a96a3"
                />
                <line
                  x1={MARGIN.left}
                  x2={MARGIN.left + PLOT_W}
                  y1={MARGIN.top + PLOT_H}
                  y2={MARGIN.top + PLOT_H}
                  stroke="#8a96a3"
                />
                {[0, ...instrument.bands.map((b) => b.min).filter((v) => v > 0), max].map((v) => (
                  <text
                    key={v}
                    x={MARGIN.left - 6}
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
                  <g key={at}>
                    <line
                      x1={x(at)}
                      x2={x(at)}
                      y1={MARGIN.top + PLOT_H}
                      y2={MARGIN.top + PLOT_H + 4}
                      stroke="#8a96a3"
                    />
                    <text
                      x={x(at)}
                      y={MARGIN.top + PLOT_H + 18}
                      textAnchor="middle"
                      fontSize="11"
                      fill="#4a5561"
                    >
                      {formatDay(at, timeZone, false)}
                    </text>
                  </g>
                ))}
              </g>
              {points.length > 1 && (
                <path
                  aria-hidden="true"
                  d={path}
                  fill="none"
                  stroke={LINE_COLOUR}
                  strokeWidth={2}
                />
              )}
              {points.map((p) => (
                <circle
                  key={p.screeningId}
                  role="img"
                  cx={x(p.at)}
                  cy={y(p.total)}
                  r={5}
                  fill={LINE_COLOUR}
                  stroke="#fff"
                  strokeWidth={1.5}
                >
                  <title>{`${instrument.name} ${p.total} on ${formatDay(p.at, timeZone)}`}</title>
                </circle>
              ))}
            </svg>
          </figure>
        );
      })}
      <table className="visually-hidden">
        <caption>
          PHQ-9 and GAD-7 totals over time, oldest first (dates in the clinic's time zone)
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {CHARTED.map((id) => (
              <th scope="col" key={id}>
                {getInstrument(id).name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.screeningId}>
              <th scope="row">{formatDay(Date.parse(item.completedAt), timeZone)}</th>
              {CHARTED.map((id) => {
                const score = item.scores.find((s) => s.instrument === id);
                return (
                  <td key={id}>{score ? `${score.total} (${score.bandLabel})` : 'not given'}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
