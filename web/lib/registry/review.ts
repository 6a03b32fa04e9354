/**
 * Words and URLs shared by the psychiatrist's panel, the case review, the PCP's inbox and the
 * patient's care thread (features may not import each other, so they meet here).
 */
import type * as z from 'zod';
import type {
  RecommendationKind,
  RecommendationStatus,
  RestrictedNoteKind,
  ReviewPriority,
} from '../contracts';

const enc = encodeURIComponent;

export const reviewPaths = {
  panel: '/panel',
  inbox: '/inbox',
  reviewSessions: '/review-sessions',
  reviewSession: (reviewSessionId: string) => `/review-sessions/${enc(reviewSessionId)}`,
  reviewSessionCall: (reviewSessionId: string) => `/review-sessions/${enc(reviewSessionId)}/call`,
  /** The panel while running a case-review session: reviews recorded from it count as discussed. */
  panelDuring: (reviewSessionId: string) => `/panel?session=${enc(reviewSessionId)}`,
  caseReview: (clinicId: string, patientId: string, episodeId: string, reviewSessionId?: string) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}/episodes/${enc(episodeId)}/review` +
    (reviewSessionId ? `?session=${enc(reviewSessionId)}` : ''),
};

export const RECOMMENDATION_KIND_LABEL: Record<z.infer<typeof RecommendationKind>, string> = {
  medication_change: 'Medication change',
  diagnosis_clarification: 'Diagnosis clarification',
  therapy_change: 'Therapy change',
  refer_out: 'Refer out',
  see_directly: 'See the patient directly',
};

export const RECOMMENDATION_STATUS_LABEL: Record<z.infer<typeof RecommendationStatus>, string> = {
  sent: 'Awaiting acknowledgement',
  acknowledged: 'Acknowledged',
  implemented: 'Implemented',
  declined: 'Declined',
};

export const PRIORITY_LABEL: Record<z.infer<typeof ReviewPriority>, string> = {
  safety: '1 · Safety',
  new: '2 · New',
  not_improving: '3 · Not improving',
  review_requested: '4 · Asked by the BCM',
  other: '5 · Routine',
};

export const NOTE_KIND_LABEL: Record<z.infer<typeof RestrictedNoteKind>, string> = {
  psychotherapy: 'Psychotherapy note',
  part2_sud: '42 CFR Part 2 (substance use) note',
};
