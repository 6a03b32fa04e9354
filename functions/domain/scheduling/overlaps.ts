/** The "one person, one place" rule: a provider's slots across clinics and zones, compared in UTC. */
import type { Slot } from '../../contracts/scheduling';
import { SCHEDULE_GRID_MINUTES } from '../../contracts/scheduling';

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
export interface SlotOverlap<S extends Timed = Slot> {
  providerId: string;
  first: S;
  second: S;
}

export const findOverlaps = <S extends Timed>(slots: S[]): SlotOverlap<S>[] => {
  const found: SlotOverlap<S>[] = [];
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
