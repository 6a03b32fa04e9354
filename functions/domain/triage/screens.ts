import type { TriageRuleSet } from '../../contracts/clinics';
import type { CatalogScore, Flag, ScreeningResult } from '../../contracts/screenings';
import type { Finding } from './evaluate';

type TriageInputs = ScreeningResult['triageInputs'];

export interface ScreenTriage {
  findings: Finding[];
  flags: Flag[];
  inputs: TriageInputs;
  /** C-SSRS high: the patient stays with staff (CLINICAL.md Part 1, "C-SSRS high"). */
  staysWithStaff: boolean;
  /** The PCP takes safety steps now (C-SSRS moderate or high). */
  safetyNow: boolean;
}

/** Default when a rule set published before the setting existed has none (CLINICAL.md §1.6). */
export const DEFAULT_PCPTSD5_CUT_POINT = 3;

const cssrs = (screen: CatalogScore, rules: TriageRuleSet, out: ScreenTriage): void => {
  const risk = screen.risk ?? 'none';
  out.inputs.cssrsRisk = risk;
  const why = (screen.reasons ?? []).join('; ');
  if (risk === 'high') {
    out.staysWithStaff = true;
    out.safetyNow = true;
    out.findings.push({
      code: 'safety_protocol_now',
      reason:
        `C-SSRS screener high risk (${why}): the patient stays with staff and a same-day ` +
        `behavioral health evaluation starts now (warm handoff); the emergency department if it ` +
        `cannot happen today`,
    });
    out.flags.push({
      code: 'suicide_risk',
      severity: 'critical',
      message: 'C-SSRS high risk: do not leave the patient alone; start the safety protocol now',
    });
  } else if (risk === 'moderate') {
    out.safetyNow = true;
    out.findings.push({
      code: 'urgent_bh',
      reason:
        `C-SSRS screener moderate risk (${why}): urgent behavioral health visit within ` +
        `${rules.urgentWithinHours} hours, a safety plan and more frequent check-ins`,
    });
    out.flags.push({
      code: 'suicide_risk',
      severity: 'critical',
      message: 'C-SSRS moderate risk: safety plan today and an urgent behavioral health visit',
    });
  } else if (risk === 'low') {
    out.findings.push({
      code: 'offer_bh',
      reason:
        `C-SSRS screener low risk (${why}): outpatient behavioral health follow-up within ` +
        `${rules.offerBhWithinDays} days, a safety plan, and the PCP informed`,
    });
    out.flags.push({
      code: 'suicide_risk',
      severity: 'warning',
      message: 'C-SSRS low risk: safety plan and outpatient behavioral health follow-up',
    });
  } else {
    out.findings.push({ code: 'none', reason: 'C-SSRS screener: no suicide risk identified' });
  }
};

/** AUDIT-C and PC-PTSD-5 positives: offer behavioral health (a product default, not the seed's). */
const positiveScreen = (
  screen: CatalogScore,
  name: string,
  rules: TriageRuleSet,
  out: ScreenTriage,
): void => {
  const detail = `${name} total ${screen.total ?? 0}, cut-point ${screen.cutPoint ?? 0}`;
  if (!screen.positive) {
    out.findings.push({ code: 'none', reason: `${name} negative (${detail})` });
    return;
  }
  out.findings.push({
    code: 'offer_bh',
    reason: `${name} positive (${detail}): offer behavioral health, visit within ${rules.offerBhWithinDays} days`,
  });
  out.flags.push({
    code: 'positive_screen',
    severity: 'warning',
    message: `${name} positive (${detail}): further assessment needed`,
  });
};

/**
 * The catalog instruments' part of a screening's triage. PHQ-2 / GAD-2 decide nothing themselves:
 * a positive one continued into the PHQ-9 / GAD-7, whose thresholds apply.
 */
export const triageScreens = (
  screens: readonly CatalogScore[],
  rules: TriageRuleSet,
): ScreenTriage => {
  const out: ScreenTriage = {
    findings: [],
    flags: [],
    inputs: {},
    staysWithStaff: false,
    safetyNow: false,
  };
  for (const screen of screens) {
    switch (screen.instrument) {
      case 'PHQ2':
      case 'GAD2': {
        const name = screen.instrument === 'PHQ2' ? 'PHQ-2' : 'GAD-2';
        out.inputs[screen.instrument === 'PHQ2' ? 'phq2Total' : 'gad2Total'] = screen.total ?? 0;
        if (!screen.positive) {
          out.findings.push({
            code: 'none',
            reason: `${name} total ${screen.total ?? 0} is below ${screen.cutPoint ?? 3}: negative screen`,
          });
        }
        break;
      }
      case 'AUDITC':
        out.inputs.auditcTotal = screen.total ?? 0;
        out.inputs.auditcCutPoint = screen.cutPoint ?? 0;
        positiveScreen(screen, 'AUDIT-C', rules, out);
        break;
      case 'PCPTSD5':
        out.inputs.pcptsd5Total = screen.total ?? 0;
        out.inputs.pcptsd5TraumaExposure = screen.traumaExposure ?? false;
        out.inputs.pcptsd5CutPoint = screen.cutPoint ?? DEFAULT_PCPTSD5_CUT_POINT;
        positiveScreen(screen, 'PC-PTSD-5', rules, out);
        break;
      case 'CSSRS':
        cssrs(screen, rules, out);
        break;
      case 'AHCHRSN': {
        const domains = screen.positiveDomains ?? [];
        out.inputs.sdohPositiveDomains = domains;
        if (domains.length > 0) {
          out.flags.push({
            code: 'social_needs',
            severity: domains.includes('interpersonalSafety') ? 'warning' : 'info',
            message: `Health-related social needs: ${screen.bandLabel.replace(/^Needs: /, '')}`,
          });
        }
        break;
      }
    }
  }
  return out;
};
