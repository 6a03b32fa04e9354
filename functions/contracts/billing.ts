/**
 * CoCM billing (CLINICAL.md Part 1 "CoCM billing", Part 2 §3; issue #6): payer profiles (what
 * counts and at which thresholds), a clinic's billing settings, the monthly worksheet lines the
 * engine computes, and the shapes of a closed month and its adjustments.
 */
import * as z from 'zod';
import { CareActivityKind } from './activities';
import { ClinicId, IsoDateTime, Role, Ulid, UserId } from './common';
import { PayerKind } from './registry';

const Text = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** A clinic-local calendar month. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
export type YearMonth = z.infer<typeof YearMonth>;

/** The monthly care-management codes the engine decides. */
export const BillingCode = z.enum(['99492', '99493', '99494', 'G2214', '99484', 'G0512']);
export type BillingCode = z.infer<typeof BillingCode>;

export const FacilityType = z.enum(['standard', 'rhc', 'fqhc']);
export type FacilityType = z.infer<typeof FacilityType>;

export const CodeUnits = z.object({
  code: BillingCode,
  units: z.number().int().positive(),
});
export type CodeUnits = z.infer<typeof CodeUnits>;

const Minutes = z.number().int().min(1).max(600);

/** CPT time rules as minutes (the "more than half" midpoint rule already applied). */
export const CocmThresholds = z.object({
  /** 99492 from this many minutes in the episode's first month. */
  initial: Minutes.default(36),
  /** 99493 from this many minutes in a later month. */
  subsequent: Minutes.default(31),
  /** Minutes 99492 covers (its add-on blocks start after them). */
  initialBase: Minutes.default(70),
  /** Minutes 99493 covers. */
  subsequentBase: Minutes.default(60),
  /** Length of each 99494 block... */
  addOnBlock: Minutes.default(30),
  /** ...billable once this many minutes into it (first at 86 / 76 by default). */
  addOnAfter: Minutes.default(16),
  /** G2214 from this many minutes when the main code is not met. */
  g2214: Minutes.default(16),
  /** General BHI (99484) from this many minutes, only where no CoCM code is billed that month. */
  bhi: Minutes.default(20),
});
export type CocmThresholds = z.infer<typeof CocmThresholds>;

export const PayerProfileId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'must be a slug');

export const PayerProfile = z.object({
  id: PayerProfileId,
  label: Text(80),
  /** Activity kinds whose minutes count. */
  countedKinds: z.array(CareActivityKind).min(1),
  /** Roles whose minutes count (the psychiatric consultant's time is bundled by default). */
  countedRoles: z.array(Role).min(1),
  /** The codes this payer recognizes. */
  codes: z.array(BillingCode).min(1),
  thresholds: CocmThresholds,
  /** 99494 units per month at most (null: no cap). */
  addOnMaxUnits: z.number().int().min(0).max(20).nullable(),
  /** A new episode (a new 99492) only after this many months without service. */
  newEpisodeAfterMonths: z.number().int().min(1).max(24),
  /**
   * RHC/FQHC only: months before `before` bill CoCM as G0512 (Medicare until 2026-01-01), with
   * no add-on and no G2214.
   */
  g0512: z
    .object({
      before: YearMonth,
      minutes: Minutes.default(60),
      firstMonthMinutes: Minutes.default(70),
    })
    .optional(),
});
export type PayerProfile = z.infer<typeof PayerProfile>;

/** A clinic's per-code rates for the revenue estimate (cents per unit), with their fee-schedule year. */
export const RateTable = z.object({
  year: z.number().int().min(2017).max(2100),
  cents: z.partialRecord(BillingCode, z.number().int().nonnegative().max(10_000_000)),
});
export type RateTable = z.infer<typeof RateTable>;

export const BillingSettings = z.object({
  facilityType: FacilityType.default('standard'),
  /** Profile id per payer kind; unset kinds use the built-in default for the facility type. */
  profiles: z.partialRecord(PayerKind, PayerProfileId).default({}),
  /** The clinic's own profiles (e.g. a state Medicaid program), besides the built-in ones. */
  customProfiles: z.array(PayerProfile).max(20).default([]),
  /** Monthly CoCM codes are billed at the practitioner's usual place of service (office). */
  placeOfService: z
    .string()
    .regex(/^\d{2}$/, 'must be a 2-digit place-of-service code')
    .default('11'),
  rates: RateTable.default({ year: 2026, cents: {} }),
  /** Annual cost of the clinic's share of behavioral-health staff, in cents (admin-entered). */
  bhFteAnnualCostCents: z.number().int().nonnegative().max(10_000_000_000).default(0),
});
export type BillingSettings = z.infer<typeof BillingSettings>;
export const defaultBillingSettings = (): BillingSettings => BillingSettings.parse({});

// ---------------------------------------------------------------------------------------------
// Worksheet

/** Why a line cannot be billed as it stands (its codes are held until the gate clears). */
export const BillingGateKind = z.enum([
  'consent_missing',
  'no_billing_practitioner',
  'initiating_visit_needed',
]);
export type BillingGateKind = z.infer<typeof BillingGateKind>;
export const BillingGate = z.object({ kind: BillingGateKind, reason: z.string() });
export type BillingGate = z.infer<typeof BillingGate>;

/** Why minutes did not count. */
export const ExclusionReason = z.enum([
  'before_consent',
  'separately_billed',
  'role_not_counted',
  'kind_not_counted',
  'overlap',
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;
export const Exclusion = z.object({
  reason: ExclusionReason,
  minutes: z.number().int().positive(),
  detail: z.string(),
  activityIds: z.array(z.string()),
});
export type Exclusion = z.infer<typeof Exclusion>;

/** One step of the line's code ladder: the code reached at this many counted minutes. */
export const LadderStep = z.object({ code: BillingCode, atMinutes: z.number().int().positive() });
export type LadderStep = z.infer<typeof LadderStep>;

export const MinutesToNext = z.object({ code: BillingCode, minutes: z.number().int().positive() });
export type MinutesToNext = z.infer<typeof MinutesToNext>;

export const WorksheetLine = z.object({
  /** `<month>~<episodeId>`: what adjustments reference. */
  lineId: z.string(),
  clinicId: ClinicId,
  month: YearMonth,
  patientId: Ulid,
  patient: z.object({
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string(),
    mrn: z.string().optional(),
  }),
  episodeId: Ulid,
  payer: PayerKind,
  profileId: PayerProfileId,
  billingPractitionerId: UserId.nullable(),
  /** The episode's first billing month (99492) or a later one (99493). */
  monthOfEpisode: z.enum(['first', 'later']),
  countedMinutes: z.number().int().nonnegative(),
  minutesByRole: z.partialRecord(Role, z.number().int().nonnegative()),
  countedActivityIds: z.array(z.string()),
  excluded: z.array(Exclusion),
  /** What is billed (empty while a gate holds the line). */
  codes: z.array(CodeUnits),
  /** What the minutes reach, billed or not. */
  earnedCodes: z.array(CodeUnits),
  gates: z.array(BillingGate),
  ladder: z.array(LadderStep),
  /** Only for the current month: the next threshold and how many minutes short of it. */
  minutesToNext: MinutesToNext.nullable(),
  diagnosisCodes: z.array(z.string()).max(12),
});
export type WorksheetLine = z.infer<typeof WorksheetLine>;

export const WorksheetTotals = z.object({
  patients: z.number().int().nonnegative(),
  billableLines: z.number().int().nonnegative(),
  gatedLines: z.number().int().nonnegative(),
  countedMinutes: z.number().int().nonnegative(),
  units: z.partialRecord(BillingCode, z.number().int().nonnegative()),
  estimatedRevenueCents: z.number().int().nonnegative(),
});
export type WorksheetTotals = z.infer<typeof WorksheetTotals>;

export const WorksheetGroup = z.object({
  /** null: lines with no billing practitioner (gated). */
  billingPractitionerId: UserId.nullable(),
  lines: z.array(WorksheetLine),
  totals: WorksheetTotals,
});
export type WorksheetGroup = z.infer<typeof WorksheetGroup>;

export const Worksheet = z.object({
  clinicId: ClinicId,
  month: YearMonth,
  timeZone: z.string(),
  facilityType: FacilityType,
  generatedAt: IsoDateTime,
  rateYear: z.number().int(),
  groups: z.array(WorksheetGroup),
  totals: WorksheetTotals,
});
export type Worksheet = z.infer<typeof Worksheet>;

/** An earlier month of a patient as billed (a closed line, or recomputed): the episode rules' memory. */
export const PriorMonth = z.object({
  patientId: Ulid,
  episodeId: Ulid,
  month: YearMonth,
  countedMinutes: z.number().int().nonnegative(),
  codes: z.array(CodeUnits),
});
export type PriorMonth = z.infer<typeof PriorMonth>;

// ---------------------------------------------------------------------------------------------
// Month close and adjustments

/** The once-only snapshot of a month: read-only afterwards; corrections are adjustments. */
export const MonthClose = z.object({
  clinicId: ClinicId,
  month: YearMonth,
  closedAt: IsoDateTime,
  closedBy: UserId,
  worksheet: Worksheet,
});
export type MonthClose = z.infer<typeof MonthClose>;

export const AdjustmentDelta = z
  .object({
    countedMinutes: z.number().int().min(-600).max(600).default(0),
    /** Units added (positive) or withdrawn (negative) per code. */
    codes: z
      .array(
        z.object({
          code: BillingCode,
          units: z
            .number()
            .int()
            .min(-20)
            .max(20)
            .refine((units) => units !== 0, 'must not be 0'),
        }),
      )
      .max(6)
      .default([]),
  })
  .refine((delta) => delta.countedMinutes !== 0 || delta.codes.length > 0, {
    message: 'change the minutes or at least one code',
    path: ['codes'],
  });
export type AdjustmentDelta = z.infer<typeof AdjustmentDelta>;

export const AdjustmentCreate = z.object({
  lineId: z.string().min(1).max(80),
  reason: Text(1000),
  delta: AdjustmentDelta,
});
export type AdjustmentCreate = z.infer<typeof AdjustmentCreate>;

export const Adjustment = AdjustmentCreate.extend({
  adjustmentId: Ulid,
  clinicId: ClinicId,
  month: YearMonth,
  by: UserId,
  at: IsoDateTime,
});
export type Adjustment = z.infer<typeof Adjustment>;

// ---------------------------------------------------------------------------------------------
// Therapy codes (suggested from documented face-to-face time, never billed automatically)

export const TherapyKind = z.enum([
  'psychotherapy',
  /** Psychotherapy add-on with a same-day E/M (E/M time never counts toward it). */
  'psychotherapy_with_em',
  'diagnostic_evaluation',
  'diagnostic_evaluation_medical',
  'group',
]);
export type TherapyKind = z.infer<typeof TherapyKind>;

export const TherapySuggestion = z.object({
  code: z.string().regex(/^[0-9]{5}$/),
  label: z.string(),
  reason: z.string(),
});
export type TherapySuggestion = z.infer<typeof TherapySuggestion>;

// ---------------------------------------------------------------------------------------------
// Routes: the worksheet of a month, its close, adjustments and the claim export

export const MonthParams = z.object({ clinicId: ClinicId, month: YearMonth });

export const MonthStatus = z.enum(['open', 'closing', 'closed']);

/**
 * A month's worksheet as the clinic sees it: computed live while open; once closed, the stored
 * snapshot with its adjustments applied (each line's `adjusted` totals), never recomputed.
 */
export const WorksheetView = Worksheet.extend({
  status: MonthStatus,
  closedAt: IsoDateTime.optional(),
  closedBy: UserId.optional(),
  adjustments: z.array(Adjustment),
});
export type WorksheetView = z.infer<typeof WorksheetView>;

export const MonthCloseResult = z.object({
  clinicId: ClinicId,
  month: YearMonth,
  status: MonthStatus,
  closedAt: IsoDateTime,
  closedBy: UserId,
  lines: z.number().int().nonnegative(),
});
export type MonthCloseResult = z.infer<typeof MonthCloseResult>;

/** A closed month as claim lines, one row per code, in a layout a billing clerk keys from. */
export const ClaimExport = z.object({
  filename: z.string(),
  contentType: z.literal('text/csv'),
  csv: z.string(),
  rows: z.number().int().nonnegative(),
  /** Lines a gate holds (consent, practitioner, initiating visit): not in the CSV. */
  gatedLinesLeftOut: z.number().int().nonnegative().default(0),
});
export type ClaimExport = z.infer<typeof ClaimExport>;
