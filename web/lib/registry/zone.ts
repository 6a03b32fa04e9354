/**
 * Clinic-local wall time ⇄ UTC for `<input type="datetime-local">`, with Intl only (no zone data
 * in the bundle). A BCM in Denver logging a contact for a Chicago patient types Chicago time.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const partsFormat = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
};

const wallParts = (epochMs: number, timeZone: string) => {
  const parts = partsFormat(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
  };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23T09:05": the zone's wall clock at an instant. */
export const localInputValue = (epochMs: number, timeZone: string): string => {
  const p = wallParts(epochMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
};

/** The instant a wall-clock time in the zone names (the later one in a DST fold); null if malformed. */
export const utcOfLocalInput = (value: string, timeZone: string): Date | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (at: number) => {
    const p = wallParts(at, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at;
  };
  let utc = wanted - offsetAt(wanted);
  utc = wanted - offsetAt(utc);
  return new Date(utc);
};
