/** Domain records that are not API contracts (stored, never sent as-is). */
import type { ClinicId, Role } from '../contracts/common';

export interface Membership {
  userId: string;
  clinicId: ClinicId;
  role: Role;
  /** Exam-room tablets are bound to one room of one clinic. */
  room?: string;
  createdAt: string;
}

export interface UserProfile {
  userId: string;
  displayName: string;
  email: string;
  /** Clinicians' NPI, needed later on billing worksheets. */
  npi?: string;
  createdAt: string;
}

export type AuditOutcome = 'success' | 'denied' | 'not_found' | 'invalid';

/**
 * One PHI access. Ids only: never names, answers or free text, so the audit trail itself can be
 * reviewed without widening who sees PHI.
 */
export interface AuditEvent {
  eventId: string;
  at: string;
  actorId: string;
  clinicId: ClinicId;
  patientId?: string;
  /** dotted verb, e.g. patient.read, screening.create, patient.search */
  action: string;
  resourceType:
    | 'clinic'
    | 'patient'
    | 'screening'
    | 'patient-list'
    | 'screening-list'
    | 'risk-assessment'
    | 'safety-plan'
    | 'safety-summary'
    // scheduling
    | 'slot'
    | 'slot-list'
    | 'booking'
    // handoff
    | 'handoff'
    | 'handoff-list'
    | 'care-activity'
    // registry
    | 'episode'
    | 'episode-list'
    | 'caseload'
    | 'case-summary'
    | 'recommendation'
    | 'recommendation-list'
    | 'message'
    | 'restricted-note'
    | 'review-session'
    // billing
    | 'billing-worksheet'
    | 'billing-export'
    | 'outcomes';
  resourceId?: string;
  outcome: AuditOutcome;
  requestId?: string;
}
