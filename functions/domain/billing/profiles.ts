/**
 * Built-in payer profiles (CLINICAL.md Part 2 §3). Every number is data, so a clinic can add its
 * own profile (a state Medicaid program, a payer that counts the psychiatrist's time) without code.
 */
import type { CareActivityKind } from '../../contracts/activities';
import {
  type BillingSettings,
  CocmThresholds,
  type FacilityType,
  type PayerProfile,
} from '../../contracts/billing';
import type { PayerKind } from '../../contracts/registry';

const ALL_KINDS: CareActivityKind[] = [
  'visit',
  'call',
  'video',
  'outreach',
  'registry_review',
  'case_review',
  'warm_handoff_video',
];
const cptThresholds = CocmThresholds.parse({});

const base = {
  countedKinds: ALL_KINDS,
  // BHCM activities plus the treating practitioner's time on them; the consultant's is bundled.
  countedRoles: ['bcm', 'pcp'],
  thresholds: cptThresholds,
  addOnMaxUnits: null,
  newEpisodeAfterMonths: 6,
} satisfies Partial<PayerProfile>;

export const BUILT_IN_PROFILES: readonly PayerProfile[] = [
  {
    ...base,
    id: 'medicare',
    label: 'Medicare',
    codes: ['99492', '99493', '99494', 'G2214', '99484'],
  },
  {
    ...base,
    id: 'medicare-rhc-fqhc',
    label: 'Medicare (RHC/FQHC)',
    codes: ['99492', '99493', '99494', 'G2214', '99484', 'G0512'],
    // G0512 was discontinued on 2026-01-01; earlier dates of service used it.
    g0512: { before: '2026-01', minutes: 60, firstMonthMinutes: 70 },
  },
  {
    ...base,
    id: 'medicaid-template',
    label: 'Medicaid (template: 99494 capped at 4)',
    codes: ['99492', '99493', '99494', '99484'],
    addOnMaxUnits: 4,
  },
  {
    ...base,
    id: 'commercial',
    label: 'Commercial',
    codes: ['99492', '99493', '99494', '99484'],
  },
];

const defaultProfileId = (payer: PayerKind, facility: FacilityType): string => {
  if (payer === 'medicare') return facility === 'standard' ? 'medicare' : 'medicare-rhc-fqhc';
  if (payer === 'medicaid') return 'medicaid-template';
  // Self-pay has no claim; commercial rules still tell the team what the month reached.
  return 'commercial';
};

export const availableProfiles = (settings: BillingSettings): PayerProfile[] => {
  const custom = new Set(settings.customProfiles.map((profile) => profile.id));
  return [
    ...settings.customProfiles,
    ...BUILT_IN_PROFILES.filter((profile) => !custom.has(profile.id)),
  ];
};

/** The profile that bills a payer kind at this clinic (an unknown override falls back to the default). */
export const profileFor = (settings: BillingSettings, payer: PayerKind): PayerProfile => {
  const profiles = availableProfiles(settings);
  const wanted = settings.profiles[payer] ?? defaultProfileId(payer, settings.facilityType);
  const found =
    profiles.find((profile) => profile.id === wanted) ??
    profiles.find((profile) => profile.id === defaultProfileId(payer, settings.facilityType));
  if (!found) throw new Error(`no payer profile for ${payer}`);
  return found;
};
