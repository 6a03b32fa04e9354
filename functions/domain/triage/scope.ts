import type { TriageRuleSet } from '../../contracts/clinics';
import type {
  CareScope,
  CareSetting,
  CareTier,
  CatalogScore,
  DispositionCode,
} from '../../contracts/screenings';

export type IntegrationModel = CareScope['integrationModel'];
type InHouseTier = NonNullable<TriageRuleSet['inHouseTiers']>[number];

/** Seed §2's default: tiers 1 and 2 in clinic, tier 3 to external specialty services. */
export const DEFAULT_IN_HOUSE_TIERS: readonly InHouseTier[] = ['tier1', 'tier2'];

export const inHouseTiersOf = (rules: TriageRuleSet): readonly InHouseTier[] =>
  rules.inHouseTiers ?? DEFAULT_IN_HOUSE_TIERS;

const TIER_WORDS: Record<InHouseTier, string> = {
  tier1: 'tier 1 (mild–moderate depression, anxiety or adjustment)',
  tier2: 'tier 2 (behavioral overlay of a medical condition, e.g. alcohol use)',
  tier3: 'tier 3 (e.g. active suicidality)',
};

/** What "behavioral health in clinic" means under each integration model (seed §1). */
const MODEL_WORDS: Record<IntegrationModel, string> = {
  'co-location': 'with the co-located behavioral health clinician (their own schedule)',
  'collaborative-care': 'with the care manager, enrolled in the collaborative-care registry',
  'integrated-brief-therapy': 'as a brief visit with the embedded behavioral health clinician',
};

const IN_HOUSE_SETTING: Record<InHouseTier, CareSetting> = {
  tier1: 'in_clinic',
  tier2: 'in_clinic_protocol_group',
  tier3: 'in_clinic',
};

/**
 * The tier a screening's findings point to. Screening scores cannot diagnose bipolar disorder or
 * psychosis, so tier 3 is reached here only by suicidality (a C-SSRS moderate risk); a high risk is
 * a red line. Alcohol use alone is tier 2; everything else that calls for BH care is tier 1.
 */
export const tierOf = (
  code: DispositionCode,
  screens: readonly CatalogScore[],
): CareTier | null => {
  if (code === 'safety_protocol_now') return 'red_line';
  if (code === 'none' || code === 'pcp_addresses') return null;
  const cssrs = screens.find((screen) => screen.instrument === 'CSSRS');
  if (cssrs?.risk === 'moderate') return 'tier3';
  const onlyAlcohol =
    code === 'offer_bh' &&
    screens.some((s) => s.instrument === 'AUDITC' && s.positive) &&
    !screens.some((s) => s.instrument !== 'AUDITC' && s.positive && s.instrument !== 'AHCHRSN');
  return onlyAlcohol ? 'tier2' : 'tier1';
};

/**
 * Where care happens (CareScope) for a disposition, from the clinic's in-house tiers and its
 * integration model. The rule's urgency is unchanged: a tier the clinic does not treat becomes an
 * external referral on the same clock.
 */
export const careScope = (
  code: DispositionCode,
  screens: readonly CatalogScore[],
  rules: TriageRuleSet,
  integrationModel: IntegrationModel,
): CareScope | undefined => {
  const tier = tierOf(code, screens);
  if (!tier) return undefined;
  if (tier === 'red_line') {
    return {
      tier,
      setting: 'safety_protocol_now',
      integrationModel,
      reason:
        'Red line: active suicidal intent or a plan goes to the safety protocol now, never to ' +
        'routine behavioral health scheduling',
    };
  }
  const inHouse = inHouseTiersOf(rules).includes(tier);
  return {
    tier,
    setting: inHouse ? IN_HOUSE_SETTING[tier] : 'external_referral',
    integrationModel,
    reason: inHouse
      ? `${TIER_WORDS[tier]} is treated in this clinic: ${MODEL_WORDS[integrationModel]}` +
        (tier === 'tier2' ? ', using its protocols or groups' : '')
      : `${TIER_WORDS[tier]} is outside this clinic's in-house scope: refer to external ` +
        `specialty services`,
  };
};

/** Checks the in-house tier list of a rule set: known tiers, each once. */
export const inHouseTierIssues = (rules: TriageRuleSet): { field: string; message: string }[] => {
  const tiers = rules.inHouseTiers;
  if (tiers === undefined) return [];
  return new Set(tiers).size === tiers.length
    ? []
    : [{ field: 'inHouseTiers', message: 'must list each tier once' }];
};
