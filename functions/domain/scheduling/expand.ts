/**
 * Template expansion: clinic-local templates → slots with UTC times. Local times are resolved in
 * the clinic's IANA zone on each date, so a 09:00 block stays 09:00 local across a DST change and
 * its UTC time moves. A start that does not exist locally (the skipped hour of spring-forward)
 * moves forward by the gap; an ambiguous one (the repeated hour of fall-back) takes the first
 * occurrence. Durations are elapsed minutes.
 */
import { TZDate } from '@date-fns/tz';
import type { ScheduleTemplate, Slot, SlotStatus, BlockKind } from '../../contracts/scheduling';
import { minutesOfDay } from './templates';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpandOptions {
  /** First clinic-local date, YYYY-MM-DD. */
  from: string;
  days: number;
  /** The clinic's IANA zone. */
  timeZone: string;
}

const parseDate = (date: string): [number, number, number] => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
};

/** Calendar arithmetic on a plain date (no zone involved). */
export const addDays = (date: string, days: number): string => {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
};

/** ISO weekday of a plain date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => {
  const [year, month, day] = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
};

/** The UTC instant of a local date and "HH:mm" in `timeZone`. */
export const localToUtc = (date: string, time: string, timeZone: string): Date => {
  const [year, month, day] = parseDate(date);
  const minutes = minutesOfDay(time);
  const local = new TZDate(year, month - 1, day, Math.floor(minutes / 60), minutes % 60, timeZone);
  return new Date(local.getTime());
};

/** Deterministic: the same clinic, provider and local start always name the same slot. */
export const slotIdOf = (
  clinicId: string,
  providerId: string,
  localDate: string,
  localStart: string,
): string => `${clinicId}~${providerId}~${localDate}T${localStart}`;

export const initialStatus = (kind: BlockKind): SlotStatus => {
  if (kind === 'warm-handoff') return 'held';
  if (kind === 'registry-review' || kind === 'case-conference') return 'blocked';
  return 'open';
};

/** The template of (clinic, provider, weekday) in effect on `date`: the latest effectiveFrom ≤ date. */
const inEffect = (templates: ScheduleTemplate[], date: string): ScheduleTemplate[] => {
  const weekday = isoWeekday(date);
  const latest = new Map<string, ScheduleTemplate>();
  for (const template of templates) {
    if (template.weekday !== weekday || template.effectiveFrom > date) continue;
    const key = `${template.clinicId}\u0000${template.providerId}`;
    const current = latest.get(key);
    if (current === undefined || template.effectiveFrom > current.effectiveFrom) {
      latest.set(key, template);
    }
  }
  return [...latest.values()];
};

/**
 * The slots of `days` clinic-local dates from `from`, in date then template-block order. Pure and
 * deterministic, so generating a rolling horizon again yields the same slot ids.
 */
export const expandTemplates = (templates: ScheduleTemplate[], options: ExpandOptions): Slot[] => {
  const slots: Slot[] = [];
  for (let i = 0; i < options.days; i += 1) {
    const localDate = addDays(options.from, i);
    for (const template of inEffect(templates, localDate)) {
      for (const block of template.blocks) {
        const starts = localToUtc(localDate, block.start, options.timeZone);
        slots.push({
          slotId: slotIdOf(template.clinicId, template.providerId, localDate, block.start),
          clinicId: template.clinicId,
          providerId: template.providerId,
          kind: block.kind,
          timeZone: options.timeZone,
          localDate,
          localStart: block.start,
          startsAt: starts.toISOString(),
          endsAt: new Date(starts.getTime() + block.minutes * 60_000).toISOString(),
          status: initialStatus(block.kind),
        });
      }
    }
  }
  return slots;
};
