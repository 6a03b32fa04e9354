/**
 * Counted minutes of one patient's month. An activity's minutes count only when the payer counts
 * its kind and role, it was not billed as a separate service, and it lies after the documented
 * consent (an activity that straddles the consent moment counts its part after it). One person's
 * overlapping activities count once (their time is merged per performer); two people working at
 * the same time each count.
 */
import type { CareActivity } from '../../contracts/activities';
import type { Exclusion, ExclusionReason, PayerProfile } from '../../contracts/billing';
import type { Role } from '../../contracts/common';

const MINUTE_MS = 60_000;

export interface MinuteCount {
  counted: number;
  byRole: Partial<Record<Role, number>>;
  countedActivityIds: string[];
  excluded: Exclusion[];
}

interface Interval {
  start: number;
  end: number;
  activityId: string;
}

/** Total length of the union of intervals (ms), and the activities that overlap another. */
const union = (intervals: Interval[]): { ms: number; overlapping: Set<string> } => {
  let ms = 0;
  const overlapping = new Set<string>();
  let current: (Interval & { ids: string[] }) | undefined;
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    if (current && interval.start < current.end) {
      current.end = Math.max(current.end, interval.end);
      current.ids.forEach((id) => overlapping.add(id));
      overlapping.add(interval.activityId);
      current.ids.push(interval.activityId);
      continue;
    }
    if (current) ms += current.end - current.start;
    current = { ...interval, ids: [interval.activityId] };
  }
  return { ms: current ? ms + current.end - current.start : ms, overlapping };
};

const DETAIL: Readonly<Record<ExclusionReason, string>> = {
  before_consent: 'before the documented consent',
  separately_billed: 'billed as a separate service',
  role_not_counted: "this role's time is not counted by the payer (bundled)",
  kind_not_counted: 'this kind of activity is not counted by the payer',
  overlap: 'overlapping time of one person, counted once',
};

class Exclusions {
  private readonly byReason = new Map<ExclusionReason, { minutes: number; ids: string[] }>();
  private readonly codes = new Set<string>();

  add(
    reason: ExclusionReason,
    minutes: number,
    activityIds: Iterable<string>,
    code?: string,
  ): void {
    if (minutes <= 0) return;
    const entry = this.byReason.get(reason) ?? { minutes: 0, ids: [] };
    entry.minutes += minutes;
    for (const id of activityIds) if (!entry.ids.includes(id)) entry.ids.push(id);
    this.byReason.set(reason, entry);
    if (code) this.codes.add(code);
  }

  list(): Exclusion[] {
    return [...this.byReason].map(([reason, entry]) => ({
      reason,
      minutes: entry.minutes,
      detail:
        reason === 'separately_billed'
          ? `${DETAIL[reason]} (${[...this.codes].sort().join(', ')})`
          : DETAIL[reason],
      activityIds: entry.ids,
    }));
  }
}

/**
 * @param consentAt the documented consent moment for an activity (undefined: none, nothing counts)
 */
export const countMinutes = (
  activities: readonly CareActivity[],
  profile: PayerProfile,
  consentAt: (activity: CareActivity) => Date | undefined,
): MinuteCount => {
  const exclusions = new Exclusions();
  const perPerformer = new Map<string, { role: Role; intervals: Interval[]; minutes: number }>();
  const countedActivityIds: string[] = [];

  for (const activity of activities) {
    if (activity.separatelyBilledAs) {
      exclusions.add(
        'separately_billed',
        activity.minutes,
        [activity.activityId],
        activity.separatelyBilledAs,
      );
      continue;
    }
    if (!profile.countedRoles.includes(activity.role)) {
      exclusions.add('role_not_counted', activity.minutes, [activity.activityId]);
      continue;
    }
    if (!profile.countedKinds.includes(activity.kind)) {
      exclusions.add('kind_not_counted', activity.minutes, [activity.activityId]);
      continue;
    }
    const start = Date.parse(activity.occurredAt);
    const end = start + activity.minutes * MINUTE_MS;
    const consent = consentAt(activity)?.getTime();
    // Whole minutes after consent; the partial minute at the consent moment does not count.
    const after =
      consent === undefined ? 0 : Math.floor((end - Math.max(start, consent)) / MINUTE_MS);
    const eligible = Math.max(0, Math.min(activity.minutes, after));
    exclusions.add('before_consent', activity.minutes - eligible, [activity.activityId]);
    if (eligible === 0) continue;
    const performer = perPerformer.get(activity.performedBy) ?? {
      role: activity.role,
      intervals: [],
      minutes: 0,
    };
    performer.intervals.push({
      start: end - eligible * MINUTE_MS,
      end,
      activityId: activity.activityId,
    });
    performer.minutes += eligible;
    perPerformer.set(activity.performedBy, performer);
    countedActivityIds.push(activity.activityId);
  }

  let counted = 0;
  const byRole: Partial<Record<Role, number>> = {};
  for (const performer of perPerformer.values()) {
    const merged = union(performer.intervals);
    const minutes = Math.floor(merged.ms / MINUTE_MS);
    counted += minutes;
    byRole[performer.role] = (byRole[performer.role] ?? 0) + minutes;
    exclusions.add('overlap', performer.minutes - minutes, merged.overlapping);
  }
  return { counted, byRole, countedActivityIds, excluded: exclusions.list() };
};
