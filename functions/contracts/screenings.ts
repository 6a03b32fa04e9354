import * as z from 'zod';
import { IntegrationModel } from './integration';
import { ClinicId, IsoDateTime, Language, PageQuery, Ulid } from './common';

/** Instruments with one shared answer scale and a summed total (PHQ-9, GAD-7): answers in item order. */
export const ScaleInstrumentId = z.enum(['PHQ9', 'GAD7']);
export type ScaleInstrumentId = z.infer<typeof ScaleInstrumentId>;

/**
 * Instruments with per-item options, skip logic or non-sum results: answers keyed by item id
 * (functions/domain/instruments/catalog.ts).
 */
export const CatalogInstrumentId = z.enum([
  'PHQ2',
  'GAD2',
  'AUDITC',
  'PCPTSD5',
  'CSSRS',
  'AHCHRSN',
]);
export type CatalogInstrumentId = z.infer<typeof CatalogInstrumentId>;

/** Every instrument the server scores. */
export const InstrumentId = z.enum([...ScaleInstrumentId.options, ...CatalogInstrumentId.options]);
export type InstrumentId = z.infer<typeof InstrumentId>;

export const ScaleResponse = z.object({
  instrument: ScaleInstrumentId,
  /** One value per item, in item order. Completeness and ranges are checked by the instrument's scorer. */
  answers: z.array(z.number().int()).max(40),
});
export type ScaleResponse = z.infer<typeof ScaleResponse>;

/** Item ids look like "cssrs.6b": a key of any other shape (e.g. "__proto__") is refused. */
const ItemKey = z
  .string()
  .regex(/^[a-z0-9]+(\.[a-z0-9]+)*$/, 'is not an item id')
  .max(40);

/** One answer: an option value, a list of them (choose all that apply), or null for a skipped item. */
export const CatalogAnswer = z.union([
  z.number().int(),
  z.array(z.number().int()).max(20),
  z.null(),
]);

export const CatalogResponse = z.object({
  instrument: CatalogInstrumentId,
  /**
   * Keyed by item id. An item the skip logic leaves out is absent or null; the PC-PTSD-5 trauma
   * gate is its own item ("pcptsd5.gate") and is stored apart from the symptom count.
   */
  answers: z
    .record(ItemKey, CatalogAnswer)
    .refine((answers) => Object.keys(answers).length <= 40, 'has too many answers'),
  /**
   * PHQ-2 / GAD-2 at or above the cut-point continue into the full instrument without asking the
   * first two items again: the remaining items' answers (PHQ-9 items 3–9, GAD-7 items 3–7) in order.
   * Absent when the screen is negative.
   */
  continuation: z.array(z.number().int()).max(20).optional(),
  /**
   * 'staff': a staff member read the items aloud and entered the answers (the C-SSRS is an
   * interview; with no verified version in the patient's language it is asked through an
   * interpreter). Only then may `language` differ from the screening's language.
   */
  administeredBy: z.enum(['patient', 'staff']).optional(),
  /** The wording's language when staff read it in another language than the screening's. */
  language: Language.optional(),
});
export type CatalogResponse = z.infer<typeof CatalogResponse>;

export const InstrumentResponse = z.discriminatedUnion('instrument', [
  ScaleResponse,
  CatalogResponse,
]);
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
  instrument: ScaleInstrumentId,
  answers: z.array(z.number().int()),
  total: z.number().int(),
  maxTotal: z.number().int(),
  /** Band id from the instrument definition, e.g. "moderate". */
  band: z.string(),
  bandLabel: z.string(),
  /** Set when a positive PHQ-2 / GAD-2 continued into this instrument (items 1–2 from the screener). */
  continuedFrom: z.enum(['PHQ2', 'GAD2']).optional(),
});
export type InstrumentScore = z.infer<typeof InstrumentScore>;

export const CssrsRisk = z.enum(['none', 'low', 'moderate', 'high']);
export type CssrsRisk = z.infer<typeof CssrsRisk>;
export const SdohDomain = z.enum([
  'housing',
  'food',
  'transportation',
  'utilities',
  'interpersonalSafety',
]);

/** The scored result of one catalog instrument; fields beyond the common ones depend on it. */
export const CatalogScore = z.object({
  instrument: CatalogInstrumentId,
  /** The asked items' answers; skipped items are absent. The PC-PTSD-5 gate is in traumaExposure. */
  answers: z.record(z.string(), z.union([z.number().int(), z.array(z.number().int())])),
  /** e.g. "positive", "negative", "no-trauma-exposure", or the C-SSRS risk level. */
  band: z.string(),
  bandLabel: z.string(),
  positive: z.boolean(),
  total: z.number().int().optional(),
  maxTotal: z.number().int().optional(),
  /** The cut-point that decided `positive` (AUDIT-C by sex, PC-PTSD-5 the clinic setting). */
  cutPoint: z.number().int().optional(),
  sex: z.enum(['male', 'female', 'unknown']).optional(),
  /** PC-PTSD-5: the trauma gate, kept apart (0 after "No" is not 0 after "Yes"). */
  traumaExposure: z.boolean().optional(),
  risk: CssrsRisk.optional(),
  positiveDomains: z.array(SdohDomain).optional(),
  /** A positive PHQ-2 / GAD-2 continued into this instrument, stored in `scores`. */
  continuedInto: ScaleInstrumentId.optional(),
  administeredBy: z.enum(['patient', 'staff']).optional(),
  /** The wording's language, when it differs from the screening's (staff-administered). */
  language: Language.optional(),
  /** Why the result is what it is, in plain words (e.g. the C-SSRS answers that set the level). */
  reasons: z.array(z.string()).optional(),
  notes: z.array(z.string()).optional(),
});
export type CatalogScore = z.infer<typeof CatalogScore>;

export const FlagCode = z.enum([
  'safety_item9',
  'bh_review_needed',
  'suicide_risk',
  'positive_screen',
  'social_needs',
]);
export const Flag = z.object({
  code: FlagCode,
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
});
export type Flag = z.infer<typeof Flag>;

export const DispositionCode = z.enum([
  'none',
  'pcp_addresses',
  'offer_bh',
  'urgent_bh',
  'warm_handoff_today',
  'safety_protocol_now',
]);
export type DispositionCode = z.infer<typeof DispositionCode>;

/** Seed §2: tier 1 in clinic, tier 2 in clinic with protocols/groups, tier 3 specialty; red lines. */
export const CareTier = z.enum(['tier1', 'tier2', 'tier3', 'red_line']);
export type CareTier = z.infer<typeof CareTier>;
export const CareSetting = z.enum([
  'in_clinic',
  'in_clinic_protocol_group',
  'external_referral',
  'urgent_psychiatry',
  'emergency_department',
  'safety_protocol_now',
]);
export type CareSetting = z.infer<typeof CareSetting>;

/** Where the behavioral health care happens, given the clinic's in-house scope and model. */
export const CareScope = z.object({
  tier: CareTier,
  setting: CareSetting,
  integrationModel: IntegrationModel,
  /** Plain words: the tier, whether the clinic treats it in house, and what its model means. */
  reason: z.string(),
});
export type CareScope = z.infer<typeof CareScope>;

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
  /**
   * C-SSRS high risk: the patient stays with staff and a same-day behavioral health evaluation
   * starts now (warm handoff); the emergency department if it cannot happen.
   */
  patientStaysWithStaff: z.boolean().optional(),
  /** Tier and setting (seed §2) when behavioral health care follows; absent when the PCP alone acts. */
  scope: CareScope.optional(),
  /** Plain-language reasons, one per rule that fired, naming the score and threshold. */
  reasons: z.array(z.string()).min(1),
});
export type Disposition = z.infer<typeof Disposition>;

/** The exact numbers the triage rule looked at, kept with the result so it can be explained later. */
export const TriageInputs = z.object({
  phq9Total: z.number().int().optional(),
  phq9Item9: z.number().int().optional(),
  gad7Total: z.number().int().optional(),
  phq2Total: z.number().int().optional(),
  gad2Total: z.number().int().optional(),
  auditcTotal: z.number().int().optional(),
  auditcCutPoint: z.number().int().optional(),
  pcptsd5Total: z.number().int().optional(),
  pcptsd5TraumaExposure: z.boolean().optional(),
  pcptsd5CutPoint: z.number().int().optional(),
  cssrsRisk: CssrsRisk.optional(),
  sdohPositiveDomains: z.array(SdohDomain).optional(),
  integrationModel: IntegrationModel.optional(),
  inHouseTiers: z.array(z.enum(['tier1', 'tier2', 'tier3'])).optional(),
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
  // Includes safety_protocol_now, the red line shared by a clinician's decision and the C-SSRS rule.
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
  /** Catalog instruments (PHQ-2, GAD-2, AUDIT-C, PC-PTSD-5, C-SSRS, AHC-HRSN); absent on older results. */
  screens: z.array(CatalogScore).optional(),
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
