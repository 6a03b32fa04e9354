/**
 * Care-management activities: minutes a BCM spent on a patient's care. The billing worksheet counts
 * them per patient and calendar month (clinic zone). A warm handoff's call proposes one.
 */
import * as z from 'zod';
import { ClinicId, IsoDateTime, Role, Ulid, UserId } from './common';

export const CareActivityKind = z.enum(['warm_handoff_video']);
export type CareActivityKind = z.infer<typeof CareActivityKind>;

export const CareActivity = z.object({
  activityId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  performedBy: UserId,
  /** The performer's role in the clinic when it was recorded. */
  role: Role,
  kind: CareActivityKind,
  minutes: z.number().int().min(1).max(240),
  /** When the activity started (a call's start), which decides its billing month. */
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  /** What produced it, e.g. the handoff whose call it was. */
  source: z.object({ handoffId: Ulid }),
});
export type CareActivity = z.infer<typeof CareActivity>;
