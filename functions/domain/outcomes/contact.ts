/**
 * Time from a positive screen to the first behavioral-health contact. Positive: PHQ-9 or GAD-7
 * total ≥ 10, or a triage disposition that asks for behavioral health. A BH contact: an activity
 * of a patient-contact kind by the care manager or psychiatrist, or an arrived BH booking.
 */
import { type CareActivity, PATIENT_CONTACT_KINDS } from '../../contracts/activities';
import type { Role } from '../../contracts/common';
import type { Booking } from '../../contracts/scheduling';
import type { DispositionCode, ScreeningResult } from '../../contracts/screenings';
import { daysAfter } from './windows';

export const POSITIVE_SCORE = 10;

const BH_DISPOSITIONS: ReadonlySet<DispositionCode> = new Set([
  'offer_bh',
  'urgent_bh',
  'warm_handoff_today',
  'safety_protocol_now',
]);

/** The PCP's own visits are not behavioral-health contacts. */
const BH_ROLES: ReadonlySet<Role> = new Set(['bcm', 'psychiatrist']);

export const isPositiveScreen = (
  screening: Pick<ScreeningResult, 'scores' | 'disposition'>,
): boolean =>
  screening.scores.some(
    (score) =>
      (score.instrument === 'PHQ9' || score.instrument === 'GAD7') && score.total >= POSITIVE_SCORE,
  ) || BH_DISPOSITIONS.has(screening.disposition.code);

export interface Moment {
  patientId: string;
  at: string;
}

/** Every BH contact moment in the activities and bookings. */
export const bhContacts = (
  activities: readonly Pick<CareActivity, 'patientId' | 'occurredAt' | 'kind' | 'role'>[],
  bookings: readonly Pick<Booking, 'patientId' | 'startsAt' | 'status' | 'attendance'>[],
): Moment[] => [
  ...activities
    .filter((a) => PATIENT_CONTACT_KINDS.includes(a.kind) && BH_ROLES.has(a.role))
    .map((a) => ({ patientId: a.patientId, at: a.occurredAt })),
  ...bookings
    .filter((b) => b.status === 'booked' && b.attendance === 'arrived')
    .map((b) => ({ patientId: b.patientId, at: b.startsAt })),
];

export interface ScreenToContact {
  patientId: string;
  screenedAt: string;
  contactAt: string | null;
  /** Clinic calendar days (0: the same day), null while no contact followed. */
  days: number | null;
}

/**
 * Per patient: their first positive screen among `screens` and the first contact at or after it.
 */
export const screenToContact = (
  screens: readonly Moment[],
  contacts: readonly Moment[],
  timeZone: string,
): ScreenToContact[] => {
  const firstScreen = new Map<string, string>();
  for (const screen of screens) {
    const held = firstScreen.get(screen.patientId);
    if (held === undefined || Date.parse(screen.at) < Date.parse(held)) {
      firstScreen.set(screen.patientId, screen.at);
    }
  }
  const byPatient = new Map<string, string[]>();
  for (const contact of contacts) {
    if (!firstScreen.has(contact.patientId)) continue;
    const held = byPatient.get(contact.patientId);
    if (held) held.push(contact.at);
    else byPatient.set(contact.patientId, [contact.at]);
  }
  return [...firstScreen.entries()].map(([patientId, screenedAt]) => {
    const contactAt =
      (byPatient.get(patientId) ?? [])
        .filter((at) => Date.parse(at) >= Date.parse(screenedAt))
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
    return {
      patientId,
      screenedAt,
      contactAt,
      days: contactAt === null ? null : daysAfter(screenedAt, contactAt, timeZone),
    };
  });
};
