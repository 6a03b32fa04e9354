/** URLs of the warm-handoff screens (kept here so features link to each other without imports). */
import { paths, type Area } from '../paths';

const enc = encodeURIComponent;

export const handoffPaths = {
  /** The BCM's console: one queue across every clinic they cover. */
  console: '/console',
  /** The requester's live status of one request. */
  waiting: (clinicId: string, handoffId: string) =>
    `${paths.area(clinicId, 'staff')}/handoffs/${enc(handoffId)}`,
  /** The call screen, in the staff area or on the exam-room tablet. */
  call: (clinicId: string, handoffId: string, area: Extract<Area, 'staff' | 'device'>) =>
    `${paths.area(clinicId, area)}/handoffs/${enc(handoffId)}/call`,
};
