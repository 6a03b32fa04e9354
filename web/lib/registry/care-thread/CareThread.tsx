import { useClinic } from '../../clinic';
import { useClinicDirectory } from '../queries';
import { MessageThread } from './MessageThread';
import { RecommendationThread } from './RecommendationThread';
import { RestrictedNotes } from './RestrictedNotes';
import '../review.css';
import './care-thread.css';

/** Roles of the care team around an enrolled patient (the others see none of this). */
const CARE_TEAM = new Set(['pcp', 'bcm', 'psychiatrist']);

/**
 * On the patient page: the psychiatrist's recommendations, the team's secure messages and the
 * restricted notes (their existence; content only for the author or once authorized).
 */
export function CareThread({ patientId }: { patientId: string }) {
  const { clinicId, role } = useClinic();
  const directory = useClinicDirectory(clinicId);
  if (!CARE_TEAM.has(role)) return null;
  const names = (userId: string) =>
    directory.data?.members.find((m) => m.userId === userId)?.displayName ?? 'a colleague';
  return (
    <div className="care-thread">
      <RecommendationThread patientId={patientId} names={names} />
      <MessageThread patientId={patientId} names={names} />
      <RestrictedNotes patientId={patientId} names={names} />
    </div>
  );
}
