import { getInstrument } from '@lib/instruments';
import { niceMax } from './axis';

const AXIS = '#8a96a3';
const INK = '#4a5561';
const WIDTH = 640;
const HEIGHT = 220;
const M = { top: 12, right: 16, bottom: 36, left: 64 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;

export interface Series {
  name: string;
  color: string;
  values: readonly number[];
}

/** An axis label: the month, and under it the year where it starts or changes. */
export interface Category {
  label: string;
  sub?: string;
}

function Legend({ series }: { series: readonly Series[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.name}>
          <span className="chart-swatch" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * Bars per category, stacked (units of each code in a month) or side by side (revenue against
 * cost). Hand-written SVG; the table next to it holds the same numbers for screen readers.
 */
export function BarChart({
  id,
  title,
  categories,
  series,
  stacked,
  counts = false,
  format,
}: {
  id: string;
  title: string;
  categories: readonly Category[];
  series: readonly Series[];
  stacked: boolean;
  /** Whole numbers (units): gridlines at whole numbers. */
  counts?: boolean;
  format: (value: number) => string;
}) {
  if (categories.length === 0 || series.length === 0) return null;
  const heights = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(...series.map((s) => s.values[i] ?? 0)),
  );
  const max = niceMax(Math.max(...heights), counts);
  const y = (value: number) => M.top + PLOT_H - (value / max) * PLOT_H;
  const slot = PLOT_W / categories.length;
  const barW = Math.min(48, slot * 0.7);
  const each = stacked ? barW : barW / series.length;
  const titleId = `${id}-title`;
  return (
    <figure className="outcomes-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        data-chart={id}
      >
        <title id={titleId}>{`${title} (the numbers are in the table)`}</title>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={M.left + PLOT_W} y1={y(v)} y2={y(v)} stroke="#e3e7eb" />
            <text
              x={M.left - 6}
              y={y(v)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              fill={INK}
            >
              {format(v)}
            </text>
          </g>
        ))}
        <line
          x1={M.left}
          x2={M.left + PLOT_W}
          y1={M.top + PLOT_H}
          y2={M.top + PLOT_H}
          stroke={AXIS}
        />
        {categories.map((category, i) => {
          const left = M.left + slot * i + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={`${category.label}${category.sub ?? ''}${i}`}>
              {series.map((s, k) => {
                const value = s.values[i] ?? 0;
                const x = stacked ? left : left + each * k;
                const top = y(stacked ? base + value : value);
                const bottom = y(stacked ? base : 0);
                if (stacked) base += value;
                return value > 0 ? (
                  <rect
                    key={s.name}
                    x={x}
                    y={top}
                    width={Math.max(1, each - (stacked ? 0 : 2))}
                    height={Math.max(0, bottom - top)}
                    fill={s.color}
                  >
                    <title>{`${category.label} ${category.sub ?? ''}, ${s.name}: ${format(value)}`}</title>
                  </rect>
                ) : null;
              })}
              <text
                x={M.left + slot * i + slot / 2}
                y={M.top + PLOT_H + 16}
                textAnchor="middle"
                fontSize="11"
                fill={INK}
              >
                {category.label}
              </text>
              {category.sub && (
                <text
                  x={M.left + slot * i + slot / 2}
                  y={M.top + PLOT_H + 30}
                  textAnchor="middle"
                  fontSize="11"
                  fill={INK}
                >
                  {category.sub}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

const LINE = '#1f4e79';
const BAND_FILLS = ['#e8f3ec', '#f3f6e4', '#fbf1dc', '#fbe5dc', '#f6d6d6'];

/**
 * Average PHQ-9 by month since enrolment over the PHQ-9 severity bands (the seed's chart); each
 * point says how many patients it averages.
 */
export function Phq9Chart({
  points,
  label,
}: {
  points: readonly { month: number; patients: number; mean: number }[];
  label: (month: number) => string;
}) {
  if (points.length === 0) return null;
  const phq9 = getInstrument('PHQ9');
  const max = phq9.maxTotal;
  const last = Math.max(...points.map((p) => p.month), 1);
  const x = (month: number) => M.left + (month / last) * PLOT_W;
  const y = (score: number) => M.top + PLOT_H - (score / max) * PLOT_H;
  const sorted = [...points].sort((a, b) => a.month - b.month);
  const path = sorted
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.month).toFixed(1)},${y(p.mean).toFixed(1)}`)
    .join(' ');
  const first = sorted[0];
  const end = sorted[sorted.length - 1];
  return (
    <figure className="outcomes-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby="phq9-chart-title"
        data-chart="phq9-by-month"
      >
        <title id="phq9-chart-title">
          {`Average PHQ-9 by month since enrolment` +
            (first && end
              ? `: ${first.mean.toFixed(1)} in ${label(first.month).toLowerCase()}, ${end.mean.toFixed(1)} in ${label(end.month).toLowerCase()}`
              : '')}
        </title>
        <g aria-hidden="true">
          {phq9.bands.map((band, i) => {
            const top = y(Math.min(max, band.max + 0.5));
            const bottom = y(Math.max(0, band.min - 0.5));
            return (
              <rect
                key={band.id}
                x={M.left}
                y={top}
                width={PLOT_W}
                height={bottom - top}
                fill={BAND_FILLS[Math.min(i, BAND_FILLS.length - 1)]}
              >
                <title>{`${band.label} ${band.min}–${band.max}`}</title>
              </rect>
            );
          })}
          {[0, 5, 10, 15, 20, max].map((v) => (
            <text
              key={v}
              x={M.left - 6}
              y={y(v)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              fill={INK}
            >
              {v}
            </text>
          ))}
          {Array.from({ length: last + 1 }, (_, month) => (
            <text
              key={month}
              x={x(month)}
              y={M.top + PLOT_H + 16}
              textAnchor="middle"
              fontSize="11"
              fill={INK}
            >
              {month}
            </text>
          ))}
          <text x={M.left + PLOT_W / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill={INK}>
            Months since enrolment
          </text>
        </g>
        {sorted.length > 1 && <path d={path} fill="none" stroke={LINE} strokeWidth={2} />}
        {sorted.map((p) => (
          <circle
            key={p.month}
            cx={x(p.month)}
            cy={y(p.mean)}
            r={Math.min(9, 3 + Math.sqrt(p.patients))}
            fill={LINE}
            stroke="#fff"
            strokeWidth={1.5}
          >
            <title>{`${label(p.month)}: mean ${p.mean.toFixed(1)} over ${p.patients} patient${p.patients === 1 ? '' : 's'}`}</title>
          </circle>
        ))}
      </svg>
      <p className="hint">Dot size grows with the number of patients measured that month.</p>
    </figure>
  );
}
