import type { Measure } from '../contracts';

const NAME = { phq9: 'PHQ-9', gad7: 'GAD-7' } as const;
const MAX = { phq9: 27, gad7: 21 } as const;

/**
 * A tiny trend line of one instrument's totals (oldest → newest), for table rows. Screen readers
 * get the numbers as text instead of the drawing.
 */
export function Sparkline({
  measures,
  instrument,
  width = 80,
  height = 24,
}: {
  /** Any order, any instruments: the line takes this instrument's, oldest first. */
  measures: readonly Measure[];
  instrument: Measure['instrument'];
  width?: number;
  height?: number;
}) {
  const points = measures
    .filter((m) => m.instrument === instrument)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .slice(-12);
  const label =
    points.length === 0
      ? `No ${NAME[instrument]} yet`
      : `${NAME[instrument]} trend, oldest to newest: ${points.map((p) => p.score).join(', ')}`;
  if (points.length === 0) return <span className="sparkline-empty">{label}</span>;
  const pad = 3;
  const x = (i: number) =>
    points.length === 1 ? width / 2 : pad + (i / (points.length - 1)) * (width - 2 * pad);
  const y = (score: number) => pad + (1 - score / MAX[instrument]) * (height - 2 * pad);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(' ');
  const last = points[points.length - 1];
  return (
    <span className="sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
        {last && (
          <circle cx={x(points.length - 1)} cy={y(last.score)} r={2.5} fill="currentColor" />
        )}
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
