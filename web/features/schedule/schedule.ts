/** Words and small helpers shared by the schedule screens (kept inside the feature). */
import type { Slot } from '@lib/contracts';

export const kindLabel: Record<Slot['kind'], string> = {
  intake: 'Intake',
  'follow-up': 'Follow-up',
  'warm-handoff': 'Warm handoff (protected)',
  'registry-review': 'Registry review',
  'case-conference': 'Case conference',
};

export const statusLabel: Record<Slot['status'], string> = {
  open: 'Open',
  held: 'Held for warm handoffs',
  released: 'Released: open for booking',
  booked: 'Booked',
  blocked: 'Not bookable',
};

export const attendanceLabel = {
  arrived: 'Arrived',
  'no-show': 'No-show',
  'cancelled-late': 'Cancelled late',
} as const;

/** A slot's start in its own clinic's zone, with the zone named ("8:00 AM MST"). */
export const localTimeOf = (slot: Pick<Slot, 'startsAt' | 'timeZone'>): string =>
  new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: slot.timeZone,
  }).format(new Date(slot.startsAt));

export const minutesOf = (slot: Pick<Slot, 'startsAt' | 'endsAt'>): number =>
  Math.round((new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()) / 60_000);

export const bookable = (slot: Slot): boolean =>
  (slot.status === 'open' || slot.status === 'released') &&
  (slot.kind === 'intake' || slot.kind === 'follow-up' || slot.kind === 'warm-handoff');

/** YYYY-MM-DD plus n days (calendar arithmetic, no zone). */
export const shiftDate = (date: string, days: number): string => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
};

/**
 * How early "Join video" shows: the clinic setting's default (front desk and providers cannot read
 * the clinic's settings; the join route enforces the clinic's own window and says so).
 */
const JOIN_WINDOW_MINUTES = 15;

/** A current video visit whose call is open now (or is about to be). */
export const joinableVideo = (slot: Slot, now: number): string | undefined => {
  const booking = slot.booking;
  if (booking?.modality !== 'video' || booking.bookingId === undefined) return undefined;
  const opens = Date.parse(slot.startsAt) - JOIN_WINDOW_MINUTES * 60_000;
  return now >= opens && now <= Date.parse(slot.endsAt) ? booking.bookingId : undefined;
};

/** The video visit's call screen (the staff area of the visit's own clinic). */
export const visitCallPath = (clinicId: string, bookingId: string): string =>
  `/clinics/${encodeURIComponent(clinicId)}/staff/schedule/visits/${encodeURIComponent(bookingId)}/call`;
