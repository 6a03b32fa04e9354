/**
 * CLINICAL.md: a positive item 9 is acted on while the patient is still in the room, so the
 * clinic's PCPs are alerted in real time (the web app shows a banner with sound), never only by a
 * message someone reads later. The alert carries the minimum needed to find the patient.
 */
import type { Patient } from '../contracts/patients';
import type { ScreeningResult } from '../contracts/screenings';
import { patientLabel } from '../domain/handoff/summary';
import type { Deps } from '../ports/context';
import { clinicMemberships } from './members';
import { pushToUsers } from './notify';

/** Item 9 above 0, or a C-SSRS at moderate or high risk (its flag is then critical). */
const isSafetyPositive = (result: ScreeningResult) =>
  result.flags.some(
    (flag) =>
      flag.code === 'safety_item9' ||
      (flag.code === 'suicide_risk' && flag.severity === 'critical'),
  );

const alertMessage = (result: ScreeningResult): string =>
  result.disposition.patientStaysWithStaff
    ? 'C-SSRS high risk: the patient stays with staff; start the safety protocol now'
    : 'Suicide-risk item positive: see the patient before they leave the room';

export const alertPcpsOfSafetyFlag = async (
  deps: Deps,
  patient: Patient,
  result: ScreeningResult,
): Promise<{ delivered: number }> => {
  if (!isSafetyPositive(result)) return { delivered: 0 };
  const pcps = (await clinicMemberships(deps, result.clinicId))
    .filter((member) => member.role === 'pcp')
    .map((member) => member.userId);
  return pushToUsers(deps, pcps, {
    type: 'safety.alert',
    clinicId: result.clinicId,
    patientId: result.patientId,
    screeningId: result.screeningId,
    patientLabel: patientLabel(patient),
    message: alertMessage(result),
    at: result.completedAt,
  });
};
