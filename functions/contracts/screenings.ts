import * as z from 'zod';
import { ClinicId, IsoDateTime, Language, PageQuery, Ulid } from './common';

/** Instruments the server scores. Later instruments join this list with their definitions. */
export const InstrumentId = z.enum(['PHQ9', 'GAD7']);
export type InstrumentId = z.infer<typeof InstrumentId>;

export const InstrumentResponse = z.object({
  instrument: InstrumentId,
  /** One value per item, in item order. Completeness and ranges are checked by the instrument's scorer. */
  answers: z.array(z.number().int()).max(40),
});
export type InstrumentResponse = z.infer<typeof InstrumentResponse>;

export const ScreeningSubmit = z.object({
  /**
   * Chosen by the tablet once per questionnaire. A retry after a dropped connection sends the same
   * id and gets the first result back instead of a second screening.
   */
  submissionId: z.uuid().optional(),
  language: Language,
  responses: z
    .array(InstrumentResponse)
    .min(1, 'at least one instrument is required')
    .max(8)
    .refine(
      (responses) => new Set(responses.map((r) => r.instrument)).size === responses.length,
      'each instrument may appear once',
    ),
});
export type ScreeningSubmit = z.infer<typeof ScreeningSubmit>;

export const InstrumentScore = z.object({
  instrument: InstrumentId,
  answers: z.array(z.number().int()),
  total: z.number().int(),
  maxTotal: z.number().int(),
  /** Band id from the instrument definition, e.g. "moderate". */
  band: z.string(),
  bandLabel: z.string(),
});
export type InstrumentScore = z.infer<typeof InstrumentScore>;

export const FlagCode = z.enum(['safety_item9', 'bh_review_needed']);
export const Flag = z.object({
  code: FlagCode,
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
});
export type Flag = z.infer<typeof Flag>;

export const DispositionCode = z.enum(['none', 'pcp_addresses', 'offer_bh', 'warm_handoff_today']);
export type DispositionCode = z.infer<typeof DispositionCode>;

export const Disposition = z.object({
  code: DispositionCode,
  /** Short imperative for the PCP, e.g. "Warm handoff to behavioral health today". */
  label: z.string(),
  urgency: z.enum(['routine', 'soon', 'urgent']),
  /** The scheduled fallback: a BH visit within this many days / hours. */
  followUpWithinDays: z.number().int().positive().optional(),
  followUpWithinHours: z.number().int().positive().optional(),
  /** The PCP addresses safety now (item 9 positive or warm handoff not possible). */
  pcpSafetyStepsNow: z.boolean(),
  /** Plain-language reasons, one per rule that fired, naming the score and threshold. */
  reasons: z.array(z.string()).min(1),
});
export type Disposition = z.infer<typeof Disposition>;

/** The exact numbers the triage rule looked at, kept with the result so it can be explained later. */
export const TriageInputs = z.object({
  phq9Total: z.number().int().optional(),
  phq9Item9: z.number().int().optional(),
  gad7Total: z.number().int().optional(),
});

/**
 * What a clinician may decide instead of the triage rule: the seed's tiers and red lines, plus the
 * rule's own codes. The rule's disposition is never changed; the override is kept beside it.
 */
export const OverrideDispositionCode = z.enum([
  'in_clinic',
  'in_clinic_protocol_group',
  'external_referral',
  'urgent_psychiatry',
  'emergency_department',
  'safety_protocol_now',
  ...DispositionCode.options,
]);
export type OverrideDispositionCode = z.infer<typeof OverrideDispositionCode>;

/** A written reason is required: CLINICAL.md "override a disposition only with a written reason". */
export const OverrideReason = z
  .string()
  .trim()
  .min(10, 'give a reason of at least 10 characters')
  .max(1000);

export const DispositionOverride = z.object({
  disposition: OverrideDispositionCode,
  reason: OverrideReason,
  overriddenBy: z.string().min(1),
  overriddenAt: IsoDateTime,
});
export type DispositionOverride = z.infer<typeof DispositionOverride>;

export const DispositionOverrideRequest = z.object({
  disposition: OverrideDispositionCode,
  reason: OverrideReason,
  /**
   * Optional optimistic check: the screening's `version` the client saw (0 before any override).
   * A stale value is a 409. Without it the server overrides whatever is current.
   */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type DispositionOverrideRequest = z.infer<typeof DispositionOverrideRequest>;

export const ScreeningResult = z.object({
  screeningId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  language: Language,
  completedAt: IsoDateTime,
  submittedBy: z.string(),
  scores: z.array(InstrumentScore),
  flags: z.array(Flag),
  disposition: Disposition,
  triageRuleVersion: z.number().int().positive(),
  triageInputs: TriageInputs,
  /** The clinician's current decision, when one overrode the rule's `disposition`. */
  override: DispositionOverride.optional(),
  /** Earlier overrides, oldest first (each replaced by a later one). */
  overrideHistory: z.array(DispositionOverride).optional(),
  /** Bumped by every override (absent = 0): the optimistic-concurrency check of overrides. */
  version: z.number().int().nonnegative().optional(),
});
export type ScreeningResult = z.infer<typeof ScreeningResult>;

/** A worklist row: the result plus the name shown to staff (a snapshot taken when it was scored). */
export const ClinicScreeningItem = ScreeningResult.extend({ patientName: z.string() });
export type ClinicScreeningItem = z.infer<typeof ClinicScreeningItem>;

export const ScreeningParams = z.object({ clinicId: ClinicId, patientId: Ulid, screeningId: Ulid });
export const ScreeningListQuery = PageQuery;
