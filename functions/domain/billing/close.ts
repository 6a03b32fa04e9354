/**
 * Closed months: a close is a snapshot and never changes; corrections are adjustments that
 * reference a closed line. These rules decide whether a month may close, whether an adjustment is
 * valid against the snapshot (and the adjustments already made), and what a closed month
 * contributes to the episode rules of later months.
 */
import type {
  AdjustmentCreate,
  BillingCode,
  CodeUnits,
  MonthClose,
  PriorMonth,
  WorksheetLine,
} from '../../contracts/billing';
import type { FieldIssue } from '../../contracts/common';
import { monthBounds } from './month';

interface Delta {
  delta: AdjustmentCreate['delta'];
  lineId: string;
}

/** A month closes once it has ended on the clinic's calendar. */
export const closeIssues = (month: string, now: Date, timeZone: string): FieldIssue[] =>
  now.getTime() < monthBounds(month, timeZone).end.getTime()
    ? [{ field: 'path.month', message: `${month} has not ended yet in the clinic's time zone` }]
    : [];

export const closedLine = (close: MonthClose, lineId: string): WorksheetLine | undefined =>
  close.worksheet.groups.flatMap((group) => group.lines).find((line) => line.lineId === lineId);

/** The line's minutes and codes after its adjustments, in order. */
export const effectiveLine = (
  line: Pick<WorksheetLine, 'lineId' | 'countedMinutes' | 'codes'>,
  adjustments: readonly Delta[],
): { countedMinutes: number; codes: CodeUnits[] } => {
  const units = new Map<BillingCode, number>(line.codes.map((entry) => [entry.code, entry.units]));
  let countedMinutes = line.countedMinutes;
  for (const { lineId, delta } of adjustments) {
    if (lineId !== line.lineId) continue;
    countedMinutes += delta.countedMinutes;
    for (const { code, units: change } of delta.codes) {
      units.set(code, (units.get(code) ?? 0) + change);
    }
  }
  return {
    countedMinutes,
    codes: [...units]
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, units: count })),
  };
};

/** Field issues of a new adjustment: its line must be in the close, and nothing may go negative. */
export const adjustmentIssues = (
  close: MonthClose,
  existing: readonly Delta[],
  body: AdjustmentCreate,
): FieldIssue[] => {
  const line = closedLine(close, body.lineId);
  if (!line) return [{ field: 'body.lineId', message: `no such line in ${close.month}` }];
  const current = effectiveLine(line, existing);
  const issues: FieldIssue[] = [];
  if (current.countedMinutes + body.delta.countedMinutes < 0) {
    issues.push({
      field: 'body.delta.countedMinutes',
      message: `the line has ${current.countedMinutes} minutes after earlier adjustments`,
    });
  }
  body.delta.codes.forEach(({ code, units }, index) => {
    const have = current.codes.find((entry) => entry.code === code)?.units ?? 0;
    if (have + units < 0) {
      issues.push({
        field: `body.delta.codes.${index}.units`,
        message: `the line has ${have} unit(s) of ${code} after earlier adjustments`,
      });
    }
  });
  return issues;
};

/** What a closed month (with its adjustments) tells the episode rules of later months. */
export const priorMonthsOf = (close: MonthClose, adjustments: readonly Delta[]): PriorMonth[] =>
  close.worksheet.groups
    .flatMap((group) => group.lines)
    .map((line) => ({
      patientId: line.patientId,
      episodeId: line.episodeId,
      month: line.month,
      ...effectiveLine(line, adjustments),
    }));
