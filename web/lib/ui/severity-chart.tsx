/**
 * Pieces shared by the score charts (the patient page's screenings, the episode's trend): the
 * severity bands behind the line, its colour, and dates in the clinic's zone.
 */

/** Band shading from least to most severe (bands are in ascending order in the definitions). */
const BAND_FILLS = ['#e8f3ec', '#f3f6e4', '#fbf1dc', '#fbe5dc', '#f6d6d6'];
export const LINE_COLOUR = '#1f4e79';

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Nov 16, 2026" (or "Nov 16" for axis ticks) in the clinic's zone. */
export const formatDay = (at: number, timeZone: string, withYear = true): string => {
  const key = `${timeZone}|${withYear}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      year: withYear ? 'numeric' : undefined,
    });
    dayFormats.set(key, format);
  }
  return format.format(new Date(at));
};

/** Each band shaded from min − ½ to max + ½ (clipped to the scale) and labelled on the right. */
export function SeverityBands({
  bands,
  y,
  max,
  left,
  width,
}: {
  bands: readonly { id: string; label: string; min: number; max: number }[];
  y: (score: number) => number;
  max: number;
  left: number;
  width: number;
}) {
  return bands.map((band, i) => {
    const top = y(Math.min(max, band.max + 0.5));
    const bottom = y(Math.max(0, band.min - 0.5));
    return (
      <g key={band.id}>
        <rect
          x={left}
          y={top}
          width={width}
          height={bottom - top}
          fill={BAND_FILLS[Math.min(i, BAND_FILLS.length - 1)]}
        />
        <text
          x={left + width + 6}
          y={(top + bottom) / 2}
          dominantBaseline="middle"
          fontSize="11"
          fill="#4a5561"
        >
          {`${band.label} ${band.min}–${band.max}`}
        </text>
      </g>
    );
  });
}
