import type {
  ActivityLog,
  ActivityModality,
  CareActivityKind,
  DischargeReason,
  PayerKind,
  TreatmentModality,
} from '../contracts';

export type LoggableKind = ActivityLog['kind'];

/** Kinds a person logs by hand (handoff calls and case reviews are recorded by their flows). */
export const LOGGABLE_KINDS: readonly LoggableKind[] = [
  'call',
  'video',
  'visit',
  'outreach',
  'registry_review',
];

export const ACTIVITY_KIND_LABEL: Readonly<Record<CareActivityKind, string>> = {
  visit: 'Visit in the clinic',
  call: 'Phone call',
  video: 'Video contact',
  outreach: 'Outreach attempt',
  registry_review: 'Registry work (no patient)',
  case_review: 'Psychiatric case review',
  warm_handoff_video: 'Warm handoff (video)',
};

export const MODALITY_LABEL: Readonly<Record<ActivityModality, string>> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video',
  async: 'Asynchronous (message, chart work)',
};

export const TREATMENT_MODALITY_LABEL: Readonly<Record<TreatmentModality, string>> = {
  behavioral_activation: 'Behavioral activation',
  problem_solving_therapy: 'Problem-solving therapy',
  motivational_interviewing: 'Motivational interviewing',
  cbt_brief: 'Brief CBT',
  psychoeducation: 'Psychoeducation',
  medication_management: 'Medication management',
  other: 'Other',
};

export const PAYER_LABEL: Readonly<Record<PayerKind, string>> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Commercial insurance',
  self_pay: 'Self-pay',
};

export const DISCHARGE_REASON_LABEL: Readonly<Record<DischargeReason, string>> = {
  goals_met: 'Goals met',
  referred_out: 'Referred out',
  lapsed: 'Lapsed (no service for months)',
};
