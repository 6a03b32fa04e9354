/** Protected warm-handoff slots and who may book what. */
import type { BookingPurpose, SchedulingSettings, Slot } from '../../contracts/scheduling';

const ms = (iso: string) => new Date(iso).getTime();

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

/** The slot statuses a booking for `purpose` may take (a warm handoff may use a protected slot). */
export const bookableStatuses = (purpose: BookingPurpose): Slot['status'][] =>
  purpose === 'warm-handoff' ? ['open', 'held', 'released'] : ['open', 'released'];
