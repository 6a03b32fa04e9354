/** What a page and a fallback say: minimum necessary, in plain words. */
import type { HandoffFallback, HandoffPageSummary, HandoffUrgency } from '../../contracts/handoff';
import type { Disposition, ScreeningResult } from '../../contracts/screenings';

/** "Marisol G.": enough for the BCM to greet the patient, not enough to identify them elsewhere. */
export const patientLabel = (patient: { givenName: string; familyName: string }): string => {
  const initial = patient.familyName.trim().charAt(0).toUpperCase();
  return initial ? `${patient.givenName.trim()} ${initial}.` : patient.givenName.trim();
};

export const pageSummary = (input: {
  clinic: { name: string; timeZone: string };
  patient: { givenName: string; familyName: string };
  screening?: Pick<ScreeningResult, 'scores' | 'flags' | 'disposition' | 'override'>;
  urgency: HandoffUrgency;
}): HandoffPageSummary => {
  const { screening } = input;
  return {
    clinicName: input.clinic.name,
    clinicTimeZone: input.clinic.timeZone,
    patientLabel: patientLabel(input.patient),
    scores: (screening?.scores ?? []).map((s) => ({
      instrument: s.instrument,
      total: s.total,
      bandLabel: s.bandLabel,
    })),
    safetyFlag:
      input.urgency === 'safety' ||
      (screening?.flags ?? []).some((flag) => flag.code === 'safety_item9'),
    ...(screening ? { dispositionLabel: screening.disposition.label } : {}),
  };
};

type FallbackTiming = Pick<Disposition, 'followUpWithinDays' | 'followUpWithinHours'> & {
  pcpSafetyStepsNow: boolean;
};

/**
 * The scheduled disposition the request falls back to: the screening's own when one travelled
 * with the request, otherwise the clinic's urgent rule (a BH visit within urgentWithinHours).
 * A safety request always tells the PCP to take the safety steps now.
 */
export const fallbackTiming = (
  disposition: Disposition | undefined,
  urgentWithinHours: number,
  urgency: HandoffUrgency,
): FallbackTiming => {
  const safety = urgency === 'safety' || disposition?.pcpSafetyStepsNow === true;
  if (disposition && (disposition.followUpWithinHours || disposition.followUpWithinDays)) {
    return {
      ...(disposition.followUpWithinHours
        ? { followUpWithinHours: disposition.followUpWithinHours }
        : {}),
      ...(disposition.followUpWithinDays
        ? { followUpWithinDays: disposition.followUpWithinDays }
        : {}),
      pcpSafetyStepsNow: safety,
    };
  }
  return { followUpWithinHours: urgentWithinHours, pcpSafetyStepsNow: safety };
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export const fallbackInstructions = (
  reason: HandoffFallback['reason'],
  timing: FallbackTiming,
): string => {
  const why =
    reason === 'no_answer'
      ? 'No behavioral health clinician was able to take this request in time.'
      : 'The video call could not be started.';
  const when = timing.followUpWithinHours
    ? `within ${plural(timing.followUpWithinHours, 'hour')}`
    : `within ${plural(timing.followUpWithinDays ?? 1, 'day')}`;
  const visit = `Book a behavioral health visit ${when} before the patient leaves.`;
  const safety = timing.pcpSafetyStepsNow
    ? ' Safety first: assess risk now, follow the clinic safety protocol and give the 988 Suicide & Crisis Lifeline before the patient leaves.'
    : '';
  return `${why} ${visit}${safety}`;
};

export const buildFallback = (
  reason: HandoffFallback['reason'],
  at: string,
  disposition: Disposition | undefined,
  urgentWithinHours: number,
  urgency: HandoffUrgency,
): HandoffFallback => {
  const timing = fallbackTiming(disposition, urgentWithinHours, urgency);
  return { reason, at, instructions: fallbackInstructions(reason, timing), ...timing };
};
