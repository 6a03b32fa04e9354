/**
 * One person cannot do two things at once (CLINICAL.md Part 1, CoCM billing): an activity whose
 * time overlaps another of the same performer is refused, so no minute counts twice. Intervals
 * are half-open, [start, start + minutes): back-to-back entries are fine.
 */
import type { CareActivity } from '../../contracts/activities';

const MINUTE_MS = 60_000;

type Timed = Pick<CareActivity, 'occurredAt' | 'minutes'>;

const interval = (activity: Timed): [number, number] => {
  const start = new Date(activity.occurredAt).getTime();
  return [start, start + activity.minutes * MINUTE_MS];
};

/**
 * The first of `existing` (the performer's activities) that shares any instant with the candidate.
 * A candidate with an activityId skips itself (an edit or a replay).
 */
export const overlappingActivity = <A extends Timed & Partial<Pick<CareActivity, 'activityId'>>>(
  existing: readonly A[],
  candidate: Timed & { activityId?: string },
): A | undefined => {
  const [start, end] = interval(candidate);
  return existing.find((activity) => {
    if (candidate.activityId !== undefined && activity.activityId === candidate.activityId)
      return false;
    const [otherStart, otherEnd] = interval(activity);
    return start < otherEnd && otherStart < end;
  });
};
