/**
 * Care-management activities: minutes someone spent on a patient's care (a contact, outreach,
 * registry work, a case-review discussion, a warm handoff's call). The registry counts contacts
 * and sessions from them; the billing worksheet counts their minutes per patient and calendar
 * month in the clinic's zone, by the payer profile's rules (who and what counts).
 */
import * as z from 'zod';
import { ClinicId, IsoDateTime, Role, Ulid, UserId } from './common';

export const CareActivityKind = z.enum([
  /** Face-to-face in the clinic. */
  'visit',
  /** Telephone contact with the patient. */
  'call',
  /** Scheduled video contact with the patient. */
  'video',
  /** An attempt to reach or engage the patient (a message, a letter, an unanswered call). */
  'outreach',
  /** Registry work without the patient: reviewing measures, updating the plan, coordinating. */
  'registry_review',
  /** The patient's case discussed in the psychiatrist's caseload review. */
  'case_review',
  /** The video warm handoff from the exam room (recorded by the handoff outcome). */
  'warm_handoff_video',
]);
export type CareActivityKind = z.infer<typeof CareActivityKind>;

/** Kinds in which the care manager actually reached the patient: they reset the contact clocks. */
export const PATIENT_CONTACT_KINDS: readonly CareActivityKind[] = [
  'visit',
  'call',
  'video',
  'warm_handoff_video',
];

/** Kinds that are treatment sessions, counted against the episode's session cap. */
export const SESSION_KINDS: readonly CareActivityKind[] = ['visit', 'video', 'warm_handoff_video'];

export const ActivityModality = z.enum(['in_person', 'phone', 'video', 'async']);
export type ActivityModality = z.infer<typeof ActivityModality>;

/** The modality a kind implies when the person logging it does not say. */
const DEFAULT_MODALITY: Readonly<Record<CareActivityKind, ActivityModality>> = {
  visit: 'in_person',
  call: 'phone',
  video: 'video',
  outreach: 'async',
  registry_review: 'async',
  case_review: 'video',
  warm_handoff_video: 'video',
};
export const defaultModalityOf = (kind: CareActivityKind): ActivityModality =>
  DEFAULT_MODALITY[kind];

export const ActivitySource = z.union([
  z.object({ handoffId: Ulid }),
  z.object({ reviewSessionId: Ulid }),
  /** Logged by hand (the caseload row, the episode page). */
  z.object({ manual: z.literal(true) }),
]);

export const CareActivity = z.object({
  activityId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  /** The collaborative-care episode it belongs to (absent before enrolment, e.g. a first handoff). */
  episodeId: Ulid.optional(),
  performedBy: UserId,
  /** The performer's role in the clinic when it was recorded (billing counts by role). */
  role: Role,
  kind: CareActivityKind,
  modality: ActivityModality.optional(),
  minutes: z.number().int().min(1).max(240),
  /** When the activity started, which decides its billing month in the clinic's zone. */
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  /**
   * The CPT/HCPCS code this time was billed under as a separate service (e.g. 90834 therapy).
   * Such minutes never count toward CoCM.
   */
  separatelyBilledAs: z
    .string()
    .regex(/^[0-9A-Z]{5}$/, 'must be a 5-character CPT/HCPCS code')
    .optional(),
  /** A short, non-restricted note about the contact (never a psychotherapy or Part 2 note). */
  note: z.string().max(1000).optional(),
  /** What produced it: a handoff's call, a review session, or manual logging. */
  source: ActivitySource,
});
export type CareActivity = z.infer<typeof CareActivity>;
