/**
 * Which codes a month's counted minutes reach, and the ladder of thresholds above them (the hint
 * that tells the care manager who is a few minutes short). One rule set per month: CoCM
 * (99492 | 99493, + 99494 blocks, else G2214, else 99484) or, at an RHC/FQHC before G0512 was
 * discontinued, G0512 (else 99484). Exactly one main code per month by construction, and 99484
 * only when no CoCM code is reached.
 */
import type {
  BillingCode,
  CodeUnits,
  FacilityType,
  LadderStep,
  MinutesToNext,
  PayerProfile,
  WorksheetLine,
} from '../../contracts/billing';

export type MonthOfEpisode = 'first' | 'later';

export interface CodeRules {
  profile: PayerProfile;
  monthOfEpisode: MonthOfEpisode;
  /** The month bills under G0512 (RHC/FQHC dates of service before its end). */
  g0512: boolean;
}

export const usesG0512 = (
  profile: PayerProfile,
  facilityType: FacilityType,
  month: string,
): boolean =>
  facilityType !== 'standard' &&
  profile.g0512 !== undefined &&
  profile.codes.includes('G0512') &&
  month < profile.g0512.before;

const has = (profile: PayerProfile, code: BillingCode): boolean => profile.codes.includes(code);

const mainCode = (rules: CodeRules): BillingCode =>
  rules.monthOfEpisode === 'first' ? '99492' : '99493';

const mainThreshold = ({ profile, monthOfEpisode }: CodeRules): number =>
  monthOfEpisode === 'first' ? profile.thresholds.initial : profile.thresholds.subsequent;

const g0512Threshold = ({ profile, monthOfEpisode }: CodeRules): number => {
  const g0512 = profile.g0512;
  if (!g0512) return Number.POSITIVE_INFINITY;
  return monthOfEpisode === 'first' ? g0512.firstMonthMinutes : g0512.minutes;
};

/** Minutes at which add-on block `index` (0-based) becomes billable. */
const addOnAt = ({ profile, monthOfEpisode }: CodeRules, index: number): number => {
  const { initialBase, subsequentBase, addOnAfter, addOnBlock } = profile.thresholds;
  const covered = monthOfEpisode === 'first' ? initialBase : subsequentBase;
  return covered + addOnAfter + index * addOnBlock;
};

const addOnUnits = (minutes: number, rules: CodeRules): number => {
  if (!has(rules.profile, '99494')) return 0;
  const first = addOnAt(rules, 0);
  if (minutes < first) return 0;
  const units = Math.floor((minutes - first) / rules.profile.thresholds.addOnBlock) + 1;
  const cap = rules.profile.addOnMaxUnits;
  return cap === null ? units : Math.min(units, cap);
};

const bhiOnly = (minutes: number, profile: PayerProfile): CodeUnits[] =>
  has(profile, '99484') && minutes >= profile.thresholds.bhi ? [{ code: '99484', units: 1 }] : [];

/** The codes `minutes` counted minutes reach under `rules` (gates aside). */
export const codesFor = (minutes: number, rules: CodeRules): CodeUnits[] => {
  const { profile } = rules;
  if (rules.g0512) {
    return minutes >= g0512Threshold(rules)
      ? [{ code: 'G0512', units: 1 }]
      : bhiOnly(minutes, profile);
  }
  const main = mainCode(rules);
  if (has(profile, main) && minutes >= mainThreshold(rules)) {
    const units = addOnUnits(minutes, rules);
    return units > 0
      ? [
          { code: main, units: 1 },
          { code: '99494', units },
        ]
      : [{ code: main, units: 1 }];
  }
  if (has(profile, 'G2214') && minutes >= profile.thresholds.g2214) {
    return [{ code: 'G2214', units: 1 }];
  }
  return bhiOnly(minutes, profile);
};

const unitsOf = (codes: CodeUnits[], code: BillingCode): number =>
  codes.find((entry) => entry.code === code)?.units ?? 0;

/**
 * Every minute count at which the billed codes change, with the code gained there, up to the
 * first add-on block beyond `countedMinutes` (the ladder is unbounded without a unit cap).
 */
export const ladderFor = (rules: CodeRules, countedMinutes: number): LadderStep[] => {
  const { thresholds } = rules.profile;
  const candidates = new Set<number>([thresholds.g2214, thresholds.bhi]);
  if (rules.g0512) {
    candidates.add(g0512Threshold(rules));
  } else {
    candidates.add(mainThreshold(rules));
    const cap = rules.profile.addOnMaxUnits;
    // Without a cap, stop at the first block beyond the counted minutes.
    for (let index = 0; cap === null || index < cap; index += 1) {
      const at = addOnAt(rules, index);
      candidates.add(at);
      if (cap === null && at > countedMinutes) break;
    }
  }
  const steps: LadderStep[] = [];
  for (const at of [...candidates].filter(Number.isFinite).sort((a, b) => a - b)) {
    const before = codesFor(at - 1, rules);
    const gained = codesFor(at, rules).find((entry) => entry.units > unitsOf(before, entry.code));
    if (gained) steps.push({ code: gained.code, atMinutes: at });
  }
  return steps;
};

/** The next threshold above the line's counted minutes, or null at the top of its ladder. */
export const minutesToNextThreshold = (
  line: Pick<WorksheetLine, 'ladder' | 'countedMinutes'>,
): MinutesToNext | null => {
  const next = line.ladder.find((step) => step.atMinutes > line.countedMinutes);
  return next ? { code: next.code, minutes: next.atMinutes - line.countedMinutes } : null;
};
