import type { TriageRuleSet } from '../../contracts/clinics';
import type {
  CatalogScore,
  Disposition,
  DispositionCode,
  Flag,
  InstrumentScore,
  ScreeningResult,
} from '../../contracts/screenings';
import { PHQ9_ITEM9_INDEX } from '../instruments/index';
import { dispositionSeverity, evaluateItem9, evaluateTotal, type Finding } from './evaluate';
import { careScope, inHouseTiersOf, type IntegrationModel } from './scope';
import { triageScreens } from './screens';

// The contracts export the TriageInputs schema but no type of that name.
type TriageInputs = ScreeningResult['triageInputs'];

export interface TriageResult {
  flags: Flag[];
  disposition: Disposition;
  inputs: TriageInputs;
}

/** The instruments that have triage thresholds, and where their numbers go. */
const triaged = [
  { instrument: 'PHQ9', name: 'PHQ-9', rules: 'phq9', input: 'phq9Total' },
  { instrument: 'GAD7', name: 'GAD-7', rules: 'gad7', input: 'gad7Total' },
] as const;

const labels: Record<DispositionCode, (rules: TriageRuleSet) => string> = {
  none: () => 'Continue routine care',
  pcp_addresses: () => 'Address symptoms in primary care',
  offer_bh: (rules) => `Offer behavioral health (visit within ${rules.offerBhWithinDays} days)`,
  urgent_bh: (rules) =>
    `Urgent behavioral health visit within ${rules.urgentWithinHours} hours, with a safety plan`,
  warm_handoff_today: () => 'Warm handoff to behavioral health today',
  safety_protocol_now: () =>
    'Safety protocol now: the patient stays with staff; same-day behavioral health evaluation',
};

const urgencies: Record<DispositionCode, Disposition['urgency']> = {
  none: 'routine',
  pcp_addresses: 'routine',
  offer_bh: 'soon',
  urgent_bh: 'urgent',
  warm_handoff_today: 'urgent',
  safety_protocol_now: 'urgent',
};

const moreUrgent = (a: Finding, b: Finding): number =>
  dispositionSeverity[b.code] - dispositionSeverity[a.code];

/**
 * CLINICAL.md Part 1 "Triage" applied to a screening's scores under one clinic rule version. The
 * result keeps every rule that fired and the numbers it looked at, so a stored decision can be
 * explained later against that version.
 */
export const triage = (
  scores: InstrumentScore[],
  rules: TriageRuleSet,
  screens: readonly CatalogScore[] = [],
  /** The clinic's integration model: with it the disposition says where care happens (scope). */
  integrationModel?: IntegrationModel,
): TriageResult => {
  const fromScreens = triageScreens(screens, rules);
  const findings: Finding[] = [...fromScreens.findings];
  const flags: Flag[] = [...fromScreens.flags];
  const inputs: TriageInputs = { ...fromScreens.inputs };
  const reviewNeeded: string[] = [];
  let safety = false;

  const phq9 = scores.find((score) => score.instrument === 'PHQ9');
  const item9 = phq9?.answers[PHQ9_ITEM9_INDEX];
  if (item9 !== undefined) {
    inputs.phq9Item9 = item9;
    const finding = evaluateItem9(item9, rules.phq9Item9SafetyFrom);
    if (finding) {
      safety = true;
      findings.push(finding);
      const cssrsDone = screens.some((screen) => screen.instrument === 'CSSRS');
      flags.push({
        code: 'safety_item9',
        severity: 'critical',
        message: cssrsDone
          ? `PHQ-9 item 9 answered ${item9}: the C-SSRS screener was completed in this visit`
          : `PHQ-9 item 9 answered ${item9}: assess suicide risk now (C-SSRS screener) before the patient leaves`,
      });
    }
  }

  for (const entry of triaged) {
    const score = scores.find((candidate) => candidate.instrument === entry.instrument);
    if (!score) continue;
    const thresholds = rules[entry.rules];
    inputs[entry.input] = score.total;
    findings.push(evaluateTotal(entry.name, score.total, thresholds, rules));
    // CLINICAL.md raises "BH review needed" from the offer threshold up, warm-handoff range included.
    if (score.total >= thresholds.offerBhFrom) {
      reviewNeeded.push(
        `${entry.name} total ${score.total} (clinic threshold ${thresholds.offerBhFrom})`,
      );
    }
  }

  if (reviewNeeded.length > 0) {
    flags.push({
      code: 'bh_review_needed',
      severity: 'warning',
      message: `Behavioral health review needed: ${reviewNeeded.join('; ')}`,
    });
  }
  if (findings.length === 0) {
    findings.push({ code: 'none', reason: 'No instrument with triage rules was scored' });
  }

  // Stable sort: the most urgent reasons first, the safety reason ahead of totals of equal urgency.
  const ordered = [...findings].sort(moreUrgent);
  const code = ordered[0]?.code ?? 'none';
  const disposition: Disposition = {
    code,
    label: labels[code](rules),
    urgency: urgencies[code],
    pcpSafetyStepsNow: safety || fromScreens.safetyNow,
    reasons: ordered.map((finding) => finding.reason),
  };
  if (fromScreens.staysWithStaff) disposition.patientStaysWithStaff = true;
  if (integrationModel) {
    inputs.integrationModel = integrationModel;
    inputs.inHouseTiers = [...inHouseTiersOf(rules)];
    const scope = careScope(code, screens, rules, integrationModel);
    if (scope) {
      disposition.scope = scope;
      disposition.reasons.push(scope.reason);
    }
  }
  if (code === 'offer_bh') disposition.followUpWithinDays = rules.offerBhWithinDays;
  // The scheduled fallback when no care manager accepts the handoff.
  if (code === 'warm_handoff_today' || code === 'urgent_bh') {
    disposition.followUpWithinHours = rules.urgentWithinHours;
  }

  return { flags, disposition, inputs };
};
