import { useLocation } from 'react-router';

/** Router state left by patient mode when it ends by itself. */
export interface PatientModeEndedState {
  patientModeEnded: 'inactivity';
}

export const endedByInactivity: PatientModeEndedState = { patientModeEnded: 'inactivity' };

export const INACTIVITY_NOTICE = 'Patient mode ended after inactivity; answers were deleted';

const endedState = (state: unknown): PatientModeEndedState['patientModeEnded'] | null =>
  typeof state === 'object' &&
  state !== null &&
  (state as Partial<PatientModeEndedState>).patientModeEnded === 'inactivity'
    ? 'inactivity'
    : null;

/**
 * For the staff patient page: says why the tablet is back in staff mode after patient mode ended
 * by itself. Renders nothing otherwise.
 */
export function PatientModeEndedNotice() {
  const location = useLocation();
  if (!endedState(location.state)) return null;
  return (
    <p className="notice notice-info" role="status">
      {INACTIVITY_NOTICE}
    </p>
  );
}
