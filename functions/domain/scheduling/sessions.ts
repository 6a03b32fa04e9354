/**
 * Sessions per episode (CLINICAL.md Part 1: default cap 10, a reason from 12). The registry with
 * real episodes comes later; until then an episode is approximated as this patient's BH visits in
 * this clinic since their first intake there (docs/clinical-rules.md).
 */
import type { Booking, ClinicSchedulingSettings } from '../../contracts/scheduling';

type Counted = Pick<Booking, 'status' | 'attendance' | 'visitType' | 'startsAt'>;

export const EPISODE_BASIS =
  'Non-cancelled BH visits of this patient in this clinic since their first intake here (episodes arrive with the registry)';

/** A visit counts unless it was cancelled, moved, missed or cancelled late. */
export const countsAsSession = (b: Counted): boolean =>
  b.status === 'booked' && b.attendance !== 'no-show' && b.attendance !== 'cancelled-late';

export const countSessions = (bookings: Counted[]): { count: number; since: string | null } => {
  const counted = bookings.filter(countsAsSession);
  const intakes = counted
    .filter((b) => b.visitType === 'intake')
    .map((b) => new Date(b.startsAt).getTime());
  if (intakes.length === 0) return { count: counted.length, since: null };
  const first = Math.min(...intakes);
  return {
    count: counted.filter((b) => new Date(b.startsAt).getTime() >= first).length,
    since: new Date(first).toISOString(),
  };
};

export interface SessionDecision {
  warning?: string;
  reasonRequired: boolean;
}

/** What booking the `sessionNumber`-th session of an episode requires. */
export const sessionDecision = (
  sessionNumber: number,
  settings: Pick<ClinicSchedulingSettings, 'sessionCap' | 'sessionReasonFrom'>,
): SessionDecision => {
  const reasonRequired = sessionNumber >= settings.sessionReasonFrom;
  if (sessionNumber < settings.sessionCap) return { reasonRequired };
  return {
    reasonRequired,
    warning:
      `Session ${sessionNumber} of this episode: the clinic's usual cap is ${settings.sessionCap}` +
      (reasonRequired ? '; a reason is required' : ''),
  };
};
