/** Schedule templates: the default day of a provider, and the rules a template must satisfy. */
import type { FieldIssue } from '../../contracts/common';
import type {
  BlockKind,
  ScheduleTemplate,
  SchedulingSettings,
  TemplateBlock,
} from '../../contracts/scheduling';
import { SCHEDULE_GRID_MINUTES } from '../../contracts/scheduling';

const MINUTES_PER_DAY = 24 * 60;

/** "HH:mm" → minutes after local midnight. */
export const minutesOfDay = (time: string): number => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** Minutes after local midnight → "HH:mm". */
export const timeOfDay = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Half-days start at 08:00 and 13:00 local. */
const HALF_DAY_STARTS = [8 * 60, 13 * 60] as const;

/**
 * A default clinic day from the settings. Each half-day: an intake, then per protected slot a
 * follow-up and a warm-handoff slot, then a closing follow-up; the morning ends with a registry
 * review and the afternoon with a case conference (each 60 minutes). With the defaults
 * (50 / 30 / 2 × 20) that is 08:00-12:00 and 13:00-17:00.
 */
export const defaultTemplateBlocks = (settings: SchedulingSettings): TemplateBlock[] => {
  const blocks: TemplateBlock[] = [];
  HALF_DAY_STARTS.forEach((halfDayStart, half) => {
    let at = halfDayStart;
    const add = (kind: BlockKind, minutes: number) => {
      blocks.push({ kind, start: timeOfDay(at), minutes });
      at += minutes;
    };
    add('intake', settings.intakeMinutes);
    for (let i = 0; i < settings.warmHandoffSlotsPerHalfDay; i += 1) {
      add('follow-up', settings.followUpMinutes);
      add('warm-handoff', settings.warmHandoffMinutes);
    }
    add('follow-up', settings.followUpMinutes);
    add(half === 0 ? 'registry-review' : 'case-conference', 60);
  });
  return blocks;
};

/**
 * Field issues (empty when valid) for a template: blocks off the 5-minute grid, blocks that run
 * past local midnight, and blocks overlapping another block of the same day. Paths are relative
 * to the template under `prefix` (e.g. body.blocks.2.start).
 */
export const validateTemplate = (
  template: Pick<ScheduleTemplate, 'blocks'>,
  prefix = 'body',
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const at = (index: number, field: string) => `${prefix}.blocks.${index}.${field}`;
  template.blocks.forEach((block, index) => {
    const start = minutesOfDay(block.start);
    if (start % SCHEDULE_GRID_MINUTES !== 0) {
      issues.push({
        field: at(index, 'start'),
        message: `must be on a ${SCHEDULE_GRID_MINUTES}-minute boundary`,
      });
    }
    if (start + block.minutes > MINUTES_PER_DAY) {
      issues.push({ field: at(index, 'minutes'), message: 'block must end by midnight' });
    }
  });
  const ordered = template.blocks
    .map((block, index) => ({ index, start: minutesOfDay(block.start), end: 0, block }))
    .map((b) => ({ ...b, end: b.start + b.block.minutes }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let latest: (typeof ordered)[number] | undefined;
  for (const current of ordered) {
    if (latest !== undefined && current.start < latest.end) {
      issues.push({
        field: at(current.index, 'start'),
        message: `overlaps block ${latest.index} (${latest.block.start}, ${latest.block.minutes} min)`,
      });
    }
    if (latest === undefined || current.end > latest.end) latest = current;
  }
  return issues;
};
