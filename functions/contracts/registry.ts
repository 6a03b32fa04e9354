/**
 * The collaborative-care registry (CLINICAL.md Part 1 "Registry and caseload"; issue #5): episodes
 * with consent, the caseload row every cross-clinic view renders from, computed flags, the
 * psychiatrist's reviews and recommendations, secure messages and restricted notes.
 */
import * as z from 'zod';
import { ActivityModality, CareActivity, CareActivityKind } from './activities';
import { ClinicId, IsoDate, IsoDateTime, PageQuery, Role, Ulid, UserId } from './common';
import { RiskLevel } from './safety';

const Text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const Items = (max: number) => z.array(Text(200)).max(max);

// ---------------------------------------------------------------------------------------------
// Clinic settings

/** Every threshold the registry's flags use, per clinic (defaults from CLINICAL.md Part 1). */
export const RegistrySettings = z.object({
  /** The first follow-up contact is due this many days after the initial contact. */
  firstFollowUpDays: z.number().int().min(1).max(120).default(28),
  /** A contact is overdue this many days after the last one. */
  contactIntervalDays: z.number().int().min(1).max(180).default(30),
  /** "Not improving" is judged from this many weeks in treatment. */
  notImprovingWeeks: z.number().int().min(1).max(52).default(8),
  /** ...as neither PHQ-9 below this score... */
  notImprovingScore: z.number().int().min(1).max(27).default(10),
  /** ...nor at or below this fraction of baseline (response). */
  responseFraction: z.number().min(0.1).max(0.9).default(0.5),
  /** PHQ-9 below this is remission. */
  remissionBelow: z.number().int().min(1).max(27).default(5),
  /** Active patients per 1.0 FTE BCM at which the capacity meter warns. */
  caseloadWarningPerFte: z.number().int().min(1).max(500).default(80),
  /** A psychiatrist's recommendation not acknowledged by the PCP after this many days is overdue. */
  recommendationAckDays: z.number().int().min(1).max(60).default(7),
  /** Months without any service after which an episode is lapsed (may be discharged so). */
  lapseMonths: z.number().int().min(1).max(24).default(6),
  /** ICD-10 codes the clinic adds to the built-in list. */
  extraDiagnoses: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/),
        label: Text(120),
      }),
    )
    .max(200)
    .default([]),
});
export type RegistrySettings = z.infer<typeof RegistrySettings>;
export const defaultRegistrySettings = (): RegistrySettings => RegistrySettings.parse({});

// ---------------------------------------------------------------------------------------------
// Episode

export const Diagnosis = z.object({
  code: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10 code'),
  label: Text(120),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

export const Medication = z.object({
  name: Text(120),
  dose: z.string().trim().max(120).default(''),
  startedOn: IsoDate.optional(),
});
export type Medication = z.infer<typeof Medication>;

export const TreatmentModality = z.enum([
  'behavioral_activation',
  'problem_solving_therapy',
  'motivational_interviewing',
  'cbt_brief',
  'psychoeducation',
  'medication_management',
  'other',
]);
export type TreatmentModality = z.infer<typeof TreatmentModality>;

/** Verbal consent is enough when documented: who obtained it, when, and what the patient was told. */
export const Consent = z.object({
  obtainedAt: IsoDateTime,
  obtainedBy: UserId,
  method: z.enum(['verbal', 'written']),
  /** Told that a psychiatric consultant will review their care (permission to consult). */
  psychiatricConsultationExplained: z.literal(
    true,
    'the patient must be told about the consultation',
  ),
  /** Told that cost sharing applies. */
  costSharingExplained: z.literal(true, 'the patient must be told about cost sharing'),
});
export type Consent = z.infer<typeof Consent>;

export const Measure = z.object({
  instrument: z.enum(['phq9', 'gad7']),
  score: z.number().int().min(0).max(27),
  at: IsoDateTime,
  /** The screening it came from (every PHQ-9/GAD-7 of an enrolled patient attaches itself). */
  screeningId: Ulid,
});
export type Measure = z.infer<typeof Measure>;

export const RelapsePlan = z.object({
  whatHelps: Items(12).min(1, 'list at least one thing that helps'),
  warningSigns: Items(12).min(1, 'list at least one warning sign'),
  whomToCall: Items(12).min(1, 'list at least one person or service to call'),
  updatedAt: IsoDateTime,
  updatedBy: UserId,
});
export type RelapsePlan = z.infer<typeof RelapsePlan>;
export const RelapsePlanSave = RelapsePlan.omit({ updatedAt: true, updatedBy: true });

export const DischargeReason = z.enum(['goals_met', 'referred_out', 'lapsed']);
export type DischargeReason = z.infer<typeof DischargeReason>;

export const EpisodeStatus = z.enum(['active', 'discharged']);

/** Whose rules bill the episode's months (the billing worksheet's payer profiles). */
export const PayerKind = z.enum(['medicare', 'medicaid', 'commercial', 'self_pay']);
export type PayerKind = z.infer<typeof PayerKind>;

/** The safety state the registry tracks from measures (item 9, C-SSRS) until a later one clears it. */
export const SafetyState = z.object({
  since: IsoDateTime,
  trigger: z.enum(['phq9_item9', 'cssrs']),
  /** C-SSRS level when the trigger was the C-SSRS. */
  level: RiskLevel.optional(),
  screeningId: Ulid,
});

/**
 * One collaborative-care episode: from the PCP's referral to discharge. The item is also the
 * caseload row: everything the caseload, panel and flags need is kept on it (denormalized at each
 * write), so every cross-clinic view renders from one index Query.
 */
export const Episode = z.object({
  episodeId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  /** Display snapshot for the row: name, date of birth and MRN as registered. */
  patient: z.object({
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: IsoDate,
    mrn: z.string().optional(),
  }),
  status: EpisodeStatus,
  /** The episode starts at the referral (clinic-local date). */
  referredOn: IsoDate,
  referredBy: UserId,
  enrolledAt: IsoDateTime,
  enrolledBy: UserId,
  consent: Consent,
  bcmId: UserId,
  /** The treating PCP who bills CoCM and receives the psychiatrist's recommendations. */
  billingPractitionerId: UserId,
  /** The clinic's consulting psychiatrist when enrolled (their panel). */
  psychiatristId: UserId,
  payer: PayerKind,
  /**
   * The billing practitioner's last qualifying visit (E/M, AWV, IPPE, TCM) before CoCM began: an
   * initiating visit is needed when it is missing or more than 12 months before the service month.
   */
  lastSeenByBillingPractitionerOn: IsoDate.optional(),
  diagnoses: z.array(Diagnosis).min(1).max(12),
  target: z.string().trim().max(300),
  modality: z.array(TreatmentModality).max(7),
  medications: z.array(Medication).max(20),
  baseline: z.object({ phq9: Measure.optional(), gad7: Measure.optional() }),
  /** Most recent first, capped (enough for the sparkline and the trend chart). */
  measures: z.array(Measure).max(60),
  safety: SafetyState.optional(),
  firstContactAt: IsoDateTime.optional(),
  lastContactAt: IsoDateTime.optional(),
  /** Any service (contact, outreach, registry work, review): the 6-month lapse clock. */
  lastServiceAt: IsoDateTime.optional(),
  contactCount: z.number().int().nonnegative(),
  sessionCount: z.number().int().nonnegative(),
  /** Minutes per clinic-local month (YYYY-MM), last few months only. */
  minutesByMonth: z.record(z.string().regex(/^\d{4}-\d{2}$/), z.number().int().nonnegative()),
  lastPsychiatricReviewAt: IsoDateTime.optional(),
  /** The BCM asked for the psychiatrist's review, with the question for them. */
  reviewRequest: z.object({ by: UserId, at: IsoDateTime, question: Text(1000) }).optional(),
  relapsePlan: RelapsePlan.optional(),
  discharge: z
    .object({
      reason: DischargeReason,
      at: IsoDateTime,
      by: UserId,
      note: z.string().max(1000).optional(),
    })
    .optional(),
  version: z.number().int().nonnegative(),
  updatedAt: IsoDateTime,
});
export type Episode = z.infer<typeof Episode>;

export const RegistryFlagKind = z.enum([
  'safety',
  'new',
  'not_improving',
  'review_requested',
  'first_follow_up_overdue',
  'contact_overdue',
  'sessions_near_cap',
  'sessions_past_cap',
  'relapse_plan_due',
  'lapsed',
]);
export type RegistryFlagKind = z.infer<typeof RegistryFlagKind>;

/** A computed flag with its explanation: what triggered it and since when. */
export const RegistryFlag = z.object({
  kind: RegistryFlagKind,
  since: IsoDateTime,
  reason: z.string(),
});
export type RegistryFlag = z.infer<typeof RegistryFlag>;

/** An episode as the views show it: the stored row plus what is computed from it now. */
export const EpisodeView = Episode.extend({
  flags: z.array(RegistryFlag),
  weeksInTreatment: z.number().int().nonnegative(),
  daysSinceLastContact: z.number().int().nonnegative().nullable(),
  minutesThisMonth: z.number().int().nonnegative(),
  latest: z.object({ phq9: Measure.optional(), gad7: Measure.optional() }),
  /** Clinic display data, so a cross-clinic list needs no other read. */
  clinicName: z.string(),
  timeZone: z.string(),
});
export type EpisodeView = z.infer<typeof EpisodeView>;

export const EpisodeParams = z.object({ clinicId: ClinicId, patientId: Ulid, episodeId: Ulid });

export const Enrolment = z.object({
  referredOn: IsoDate,
  consent: Consent.omit({ obtainedBy: true }).extend({
    /** Defaults to the caller. */
    obtainedBy: UserId.optional(),
  }),
  bcmId: UserId,
  billingPractitionerId: UserId,
  psychiatristId: UserId,
  payer: PayerKind.default('medicare'),
  lastSeenByBillingPractitionerOn: IsoDate.optional(),
  diagnoses: z.array(Diagnosis).min(1, 'add at least one diagnosis').max(12),
  target: z.string().trim().max(300).default(''),
  modality: z.array(TreatmentModality).max(7).default([]),
  medications: z.array(Medication).max(20).default([]),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const PlanUpdate = z.object({
  expectedVersion: z.number().int().nonnegative(),
  payer: PayerKind,
  lastSeenByBillingPractitionerOn: IsoDate.optional(),
  diagnoses: z.array(Diagnosis).min(1).max(12),
  target: z.string().trim().max(300),
  modality: z.array(TreatmentModality).max(7),
  medications: z.array(Medication).max(20),
});

export const ReviewRequestBody = z.object({ question: Text(1000) });

export const DischargeBody = z.object({
  reason: DischargeReason,
  note: z.string().trim().max(1000).optional(),
});

// ---------------------------------------------------------------------------------------------
// Activities logged from the registry (a contact, outreach, registry work)

export const ActivityLog = z.object({
  kind: CareActivityKind.exclude(['warm_handoff_video', 'case_review']),
  modality: ActivityModality.optional(),
  minutes: z.number().int().min(1, 'must be at least 1 minute').max(240),
  /** Defaults to now minus the minutes. */
  occurredAt: IsoDateTime.optional(),
  separatelyBilledAs: CareActivity.shape.separatelyBilledAs,
  note: z.string().trim().max(1000).optional(),
});
export type ActivityLog = z.infer<typeof ActivityLog>;

export const ActivityLogResult = z.object({ activity: CareActivity, episode: EpisodeView });

// ---------------------------------------------------------------------------------------------
// Cross-clinic views

export const CaseloadQuery = PageQuery.extend({
  clinicId: ClinicId.optional(),
  flag: RegistryFlagKind.optional(),
  minWeeks: z.coerce.number().int().min(0).max(520).optional(),
  maxWeeks: z.coerce.number().int().min(0).max(520).optional(),
});

export const Capacity = z.object({
  activePatients: z.number().int().nonnegative(),
  fte: z.number().positive(),
  warningAt: z.number().int().positive(),
});

export const Caseload = z.object({
  items: z.array(EpisodeView),
  nextCursor: z.string().optional(),
  capacity: Capacity,
});
export type Caseload = z.infer<typeof Caseload>;

/** The psychiatrist's weekly review list: the same rows, in review priority order. */
export const ReviewPriority = z.enum([
  'safety',
  'new',
  'not_improving',
  'review_requested',
  'other',
]);
export const PanelEntry = EpisodeView.extend({ priority: ReviewPriority });
export const Panel = z.object({ items: z.array(PanelEntry), nextCursor: z.string().optional() });
export type Panel = z.infer<typeof Panel>;

// ---------------------------------------------------------------------------------------------
// Psychiatric review and recommendations

export const RecommendationKind = z.enum([
  'medication_change',
  'diagnosis_clarification',
  'therapy_change',
  'refer_out',
  'see_directly',
]);

export const RecommendationStatus = z.enum(['sent', 'acknowledged', 'implemented', 'declined']);

export const Recommendation = z.object({
  recommendationId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  episodeId: Ulid,
  patientLabel: z.string(),
  kind: RecommendationKind,
  text: Text(2000),
  by: UserId,
  at: IsoDateTime,
  /** The PCP whose inbox it is in (the episode's billing practitioner). */
  to: UserId,
  status: RecommendationStatus,
  acknowledgedAt: IsoDateTime.optional(),
  resolvedAt: IsoDateTime.optional(),
  /** Required when declined. */
  reason: z.string().max(1000).optional(),
  version: z.number().int().nonnegative(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationView = Recommendation.extend({
  /** Not acknowledged within the clinic's days. */
  overdue: z.boolean(),
});

export const ReviewBody = z.object({
  /** The case-review session it was discussed in, if any. */
  reviewSessionId: Ulid.optional(),
  minutes: z.number().int().min(1).max(240),
  // Stored as the review activity's note, which holds 1000 characters.
  summary: z.string().trim().max(1000).default(''),
  recommendations: z
    .array(z.object({ kind: RecommendationKind, text: Text(2000) }))
    .max(10)
    .default([]),
});

export const RecommendationParams = z.object({
  clinicId: ClinicId,
  patientId: Ulid,
  recommendationId: Ulid,
});

export const RecommendationResolve = z
  .object({
    outcome: z.enum(['implemented', 'declined']),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((body) => body.outcome !== 'declined' || (body.reason ?? '').length >= 3, {
    path: ['reason'],
    message: 'give the reason for declining',
  });

export const InboxQuery = PageQuery.extend({ status: z.enum(['open', 'all']).default('open') });

// ---------------------------------------------------------------------------------------------
// Case-review sessions (psychiatrist + BCMs, weekly)

export const ReviewSession = z.object({
  reviewSessionId: Ulid,
  psychiatristId: UserId,
  attendees: z.array(UserId).min(1).max(12),
  scheduledFor: IsoDateTime,
  startedAt: IsoDateTime.optional(),
  endedAt: IsoDateTime.optional(),
  minutes: z.number().int().nonnegative().optional(),
  /** Cases discussed: ids only (the clinical content stays in each clinic's records). */
  cases: z.array(z.object({ clinicId: ClinicId, patientId: Ulid, episodeId: Ulid })).max(200),
  meetingId: z.string().optional(),
  /** Who joined the call under which attendee id (the local signal relay checks it); none: []. */
  meetingAttendees: z
    .array(z.object({ userId: UserId, attendeeId: z.string() }))
    .max(20)
    .optional(),
  createdAt: IsoDateTime,
  version: z.number().int().nonnegative(),
});
export type ReviewSession = z.infer<typeof ReviewSession>;

export const ReviewSessionCreate = z.object({
  scheduledFor: IsoDateTime,
  attendees: z.array(UserId).min(1).max(12),
});
export const ReviewSessionParams = z.object({ reviewSessionId: Ulid });
export const ReviewSessionEnd = z.object({ minutes: z.number().int().min(1).max(600) });

// ---------------------------------------------------------------------------------------------
// Secure messages and restricted notes

export const PatientMessage = z.object({
  messageId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  from: UserId,
  fromRole: Role,
  body: Text(4000),
  at: IsoDateTime,
});
export type PatientMessage = z.infer<typeof PatientMessage>;
export const PatientMessageCreate = z.object({ body: Text(4000) });

export const RestrictedNoteKind = z.enum(['psychotherapy', 'part2_sud']);

/** Stored apart; content goes only to its author, or to the care team once authorization is recorded. */
export const RestrictedNote = z.object({
  noteId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  kind: RestrictedNoteKind,
  authorId: UserId,
  at: IsoDateTime,
  body: Text(10000),
  /** The patient's authorization to share it with the care team (and in summaries and exports). */
  authorization: z
    .object({ recordedAt: IsoDateTime, recordedBy: UserId, scope: Text(300) })
    .optional(),
});
export type RestrictedNote = z.infer<typeof RestrictedNote>;
/** What someone who may not read the content sees: that a note exists. */
export const RestrictedNoteView = RestrictedNote.omit({ body: true }).extend({
  body: z.string().nullable(),
});
export const RestrictedNoteCreate = z.object({ kind: RestrictedNoteKind, body: Text(10000) });
export const RestrictedNoteParams = z.object({ clinicId: ClinicId, patientId: Ulid, noteId: Ulid });
export const AuthorizationBody = z.object({ scope: Text(300) });

/** The psychiatrist's one-screen case summary. */
export const CaseSummary = z.object({
  episode: EpisodeView,
  activities: z.array(CareActivity),
  recommendations: z.array(RecommendationView),
  /** Only notes whose sharing the patient authorized. */
  authorizedNotes: z.array(RestrictedNote),
  safety: z.object({
    level: RiskLevel.nullable(),
    followUpDate: IsoDate.nullable(),
    planVersion: z.number().int().positive().nullable(),
  }),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const EpisodeList = z.object({ items: z.array(EpisodeView) });

export const DiagnosisCatalog = z.object({ items: z.array(Diagnosis) });

/** A client-chosen key per logical request: a retry with the same key never records twice. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, dashes or underscores')
    .optional(),
});
