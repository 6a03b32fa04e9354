import type { InstrumentTriageThresholds, TriageRuleSet } from '../../contracts/clinics';
import type { DispositionCode } from '../../contracts/screenings';

/** Order of urgency: the combined disposition of a screening is the highest across its inputs. */
export const dispositionSeverity: Readonly<Record<DispositionCode, number>> = Object.freeze({
  none: 0,
  pcp_addresses: 1,
  offer_bh: 2,
  urgent_bh: 3,
  warm_handoff_today: 4,
  safety_protocol_now: 5,
});

/** One rule that fired, with the sentence that explains it to the PCP. */
export interface Finding {
  code: DispositionCode;
  reason: string;
}

type Timing = Pick<TriageRuleSet, 'offerBhWithinDays' | 'urgentWithinHours'>;

/**
 * Places one instrument's total in the clinic's ranges. Checked from the most urgent down, so even
 * a rule set that skipped validation never under-triages a high total.
 */
export const evaluateTotal = (
  name: string,
  total: number,
  thresholds: InstrumentTriageThresholds,
  timing: Timing,
): Finding => {
  const { pcpAddressesFrom, offerBhFrom, warmHandoffFrom } = thresholds;
  const prefix = `${name} total ${total}`;
  if (total >= warmHandoffFrom) {
    return {
      code: 'warm_handoff_today',
      reason:
        `${prefix} is at or above the clinic's threshold of ${warmHandoffFrom}: warm handoff to ` +
        `behavioral health today, or a visit within ${timing.urgentWithinHours} hours if no care ` +
        `manager is available`,
    };
  }
  if (total >= offerBhFrom) {
    return {
      code: 'offer_bh',
      reason:
        `${prefix} is in the clinic's ${offerBhFrom}–${warmHandoffFrom - 1} range: offer ` +
        `behavioral health, visit within ${timing.offerBhWithinDays} days`,
    };
  }
  if (total >= pcpAddressesFrom) {
    return {
      code: 'pcp_addresses',
      reason:
        `${prefix} is in the clinic's ${pcpAddressesFrom}–${offerBhFrom - 1} range: address ` +
        `symptoms in primary care, no automatic behavioral health referral`,
    };
  }
  return {
    code: 'none',
    reason: `${prefix} is below the clinic's threshold of ${pcpAddressesFrom}: no follow-up needed for this score`,
  };
};

export const evaluateItem9 = (answer: number, safetyFrom: number): Finding | undefined =>
  answer >= safetyFrom
    ? {
        code: 'warm_handoff_today',
        reason:
          `PHQ-9 item 9 (thoughts of self-harm) answered ${answer}: safety flag (clinic threshold ` +
          `${safetyFrom}); address safety now and warm handoff to behavioral health today`,
      }
    : undefined;
