/** The "one person, one place" rule: a provider's slots across clinics and zones, compared in UTC. */
import type { SchedulingSettings, Slot } from '../../contracts/scheduling';
import { SCHEDULE_GRID_MINUTES } from '../../contracts/scheduling';

export interface SlotOverlap {
  providerId: string;
  first: Slot;
  second: Slot;
}

type Timed = Pick<Slot, 'slotId' | 'providerId' | 'startsAt' | 'endsAt'>;

const ms = (iso: string) => new Date(iso).getTime();

/** Whether two time ranges share any instant (touching ends do not overlap). */
export const overlaps = (
  a: Pick<Slot, 'startsAt' | 'endsAt'>,
  b: Pick<Slot, 'startsAt' | 'endsAt'>,
) => ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);

/**
 * Every pair of one provider's slots (from any clinics, any zones) that overlap in time. Slots of
 * different providers never conflict; the same slot id twice is the same slot, not a conflict.
 */
export const findOverlaps = <S extends Timed>(
  slots: S[],
): { providerId: string; first: S; second: S }[] => {
  const found: { providerId: string; first: S; second: S }[] = [];
  const byProvider = new Map<string, S[]>();
  for (const slot of slots) {
    byProvider.set(slot.providerId, [...(byProvider.get(slot.providerId) ?? []), slot]);
  }
  for (const [providerId, own] of byProvider) {
    const ordered = [...own].sort((a, b) => ms(a.startsAt) - ms(b.startsAt));
    for (let i = 0; i < ordered.length; i += 1) {
      const first = ordered[i] as S;
      for (let j = i + 1; j < ordered.length; j += 1) {
        const second = ordered[j] as S;
        if (ms(second.startsAt) >= ms(first.endsAt)) break;
        if (second.slotId !== first.slotId) found.push({ providerId, first, second });
      }
    }
  }
  return found;
};

/**
 * The UTC 5-minute ticks a slot occupies (start inclusive, end exclusive). Two slots overlap
 * exactly when they share a tick, because block starts, lengths and zone offsets are all on the
 * 5-minute grid; the store keeps one guard item per booked tick.
 */
export const busyTicks = (slot: Pick<Slot, 'startsAt' | 'endsAt'>): string[] => {
  const step = SCHEDULE_GRID_MINUTES * 60_000;
  const start = Math.floor(ms(slot.startsAt) / step) * step;
  const ticks: string[] = [];
  for (let at = start; at < ms(slot.endsAt); at += step) ticks.push(new Date(at).toISOString());
  return ticks;
};

/**
 * A protected warm-handoff slot opens for routine booking `warmHandoffReleaseHours` before it
 * starts, if it is still held and has not ended.
 */
export const releaseDue = (
  slot: Pick<Slot, 'kind' | 'status' | 'startsAt' | 'endsAt'>,
  now: Date,
  settings: Pick<SchedulingSettings, 'warmHandoffReleaseHours'>,
): boolean => {
  if (slot.kind !== 'warm-handoff' || slot.status !== 'held') return false;
  const opensAt = ms(slot.startsAt) - settings.warmHandoffReleaseHours * 60 * 60 * 1000;
  return now.getTime() >= opensAt && now.getTime() < ms(slot.endsAt);
};

/** Whether a booking for `purpose` may take a slot in `status`. */
export const bookableStatuses = (purpose: 'routine' | 'warm-handoff'): Slot['status'][] =>
  purpose === 'warm-handoff' ? ['open', 'held', 'released'] : ['open', 'released'];
