import * as z from 'zod';
import { ClinicId, IsoDateTime, Role, TimeZone, UserId } from './common';
import { DEFAULT_HANDOFF_SETTINGS, HandoffSettings } from './handoff';
import { IntegrationModel } from './integration';
import { InstrumentId } from './screenings';
import { defaultRegistrySettings, RegistrySettings } from './registry';
import { BillingSettings, defaultBillingSettings } from './billing';

export { IntegrationModel };

/** A set of questionnaires staff hand over together (seed §3.1), e.g. the new-patient screens. */
export const ScreeningBundle = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'use lower-case letters, digits and hyphens'),
  label: z.string().trim().min(1).max(80),
  instruments: z.array(InstrumentId).min(1).max(8),
});
export type ScreeningBundle = z.infer<typeof ScreeningBundle>;

export const Clinic = z.object({
  clinicId: ClinicId,
  networkId: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  timeZone: TimeZone,
  integrationModel: IntegrationModel,
  /** Version of the triage rule set new screenings are scored against. */
  triageRuleVersion: z.number().int().positive(),
  /** Paging windows and media region; absent means the defaults. */
  handoff: HandoffSettings.optional(),
  /** Registry flag thresholds and caseload capacity; absent means the defaults. */
  registry: RegistrySettings.optional(),
  /** CoCM billing: facility type, payer profiles, rate table, BH FTE cost; absent means the defaults. */
  billing: BillingSettings.optional(),
  createdAt: IsoDateTime,
});
export type Clinic = z.infer<typeof Clinic>;

export const registrySettingsOf = (clinic: Pick<Clinic, 'registry'>): RegistrySettings =>
  clinic.registry ?? defaultRegistrySettings();

export const billingSettingsOf = (clinic: Pick<Clinic, 'billing'>): BillingSettings =>
  clinic.billing ?? defaultBillingSettings();

export const handoffSettingsOf = (clinic: Pick<Clinic, 'handoff'>): HandoffSettings =>
  clinic.handoff ?? DEFAULT_HANDOFF_SETTINGS;

/**
 * Per-clinic triage thresholds (CLINICAL.md Part 1, "Triage"). Each number is a clinic setting whose
 * default is the seed's operational rule; a stored screening keeps the version that decided it.
 */
export const InstrumentTriageThresholds = z.object({
  /** From this total the PCP addresses symptoms without an automatic BH referral. */
  pcpAddressesFrom: z.number().int().min(0),
  /** From this total the PCP offers BH; accepted → a BH visit within offerBhWithinDays. */
  offerBhFrom: z.number().int().min(0),
  /** From this total: warm handoff today if a BCM is available, otherwise BH within urgentWithinHours. */
  warmHandoffFrom: z.number().int().min(0),
});
export type InstrumentTriageThresholds = z.infer<typeof InstrumentTriageThresholds>;

export const TriageRuleSet = z.object({
  clinicId: ClinicId,
  version: z.number().int().positive(),
  phq9: InstrumentTriageThresholds,
  gad7: InstrumentTriageThresholds,
  /** PHQ-9 item 9 at or above this value is a safety flag whatever the total (default 1, i.e. > 0). */
  phq9Item9SafetyFrom: z.number().int().min(1).max(3),
  offerBhWithinDays: z.number().int().min(1).max(90),
  urgentWithinHours: z.number().int().min(1).max(168),
  /**
   * PC-PTSD-5 positive at or above this count of "yes" answers: 3 (default) is optimally sensitive,
   * 4 optimally efficient (CLINICAL.md Part 2 §1.6). Absent on rule sets published before it existed.
   */
  pcptsd5CutPoint: z.number().int().min(1).max(5).optional(),
  /**
   * The tiers (seed §2) the clinic treats in house; the others are referred out. Absent on rule
   * sets published before it existed: tiers 1 and 2, the seed's default.
   */
  inHouseTiers: z
    .array(z.enum(['tier1', 'tier2', 'tier3']))
    .max(3)
    .optional(),
  /** The sets staff choose from when handing the tablet over; absent: the product defaults. */
  screeningBundles: z.array(ScreeningBundle).min(1).max(12).optional(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type TriageRuleSet = z.infer<typeof TriageRuleSet>;

export const ClinicParams = z.object({ clinicId: ClinicId });

export const MembershipView = z.object({
  clinicId: ClinicId,
  clinicName: z.string(),
  timeZone: TimeZone,
  role: Role,
  /** Exam-room tablets are bound to one room. */
  room: z.string().optional(),
});

export const Me = z.object({
  userId: z.string(),
  displayName: z.string(),
  memberships: z.array(MembershipView),
});
export type Me = z.infer<typeof Me>;

export const ClinicView = Clinic.pick({
  clinicId: true,
  name: true,
  timeZone: true,
  integrationModel: true,
  triageRuleVersion: true,
});
export type ClinicView = z.infer<typeof ClinicView>;

/** Who works in the clinic (names and roles, no PHI): for adding a colleague to a call or choosing the room's tablet. */
export const DirectoryEntry = z.object({
  userId: UserId,
  displayName: z.string(),
  role: Role,
  room: z.string().optional(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
export const ClinicDirectory = z.object({ members: z.array(DirectoryEntry) });
export type ClinicDirectory = z.infer<typeof ClinicDirectory>;
