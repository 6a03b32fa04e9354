/**
 * Line gates (CLINICAL.md Part 2 §3.4): what keeps a month's codes from being billed, each with
 * a reason the team can act on. Gates hold the codes; they never change the minutes.
 */
import type { BillingGate } from '../../contracts/billing';
import type { BillingEpisode } from './episodes';
import { addMonths, monthBounds } from './month';

export const lineGates = (
  episode: BillingEpisode,
  month: string,
  timeZone: string,
): BillingGate[] => {
  const gates: BillingGate[] = [];
  const { end } = monthBounds(month, timeZone);
  const consentAt = episode.consent ? Date.parse(episode.consent.obtainedAt) : undefined;
  if (consentAt === undefined || consentAt >= end.getTime()) {
    gates.push({
      kind: 'consent_missing',
      reason:
        consentAt === undefined
          ? 'no documented consent (permission to consult the psychiatrist and the cost-sharing notice)'
          : `consent documented after ${month} (${episode.consent?.obtainedAt ?? ''})`,
    });
  }
  if (!episode.billingPractitionerId) {
    gates.push({
      kind: 'no_billing_practitioner',
      reason: 'no treating practitioner (PCP/NPP) to bill under',
    });
  }
  const seen = episode.lastSeenByBillingPractitionerOn;
  const oldestValid = `${addMonths(month, -12)}-01`;
  if (!seen) {
    gates.push({
      kind: 'initiating_visit_needed',
      reason: 'no visit with the billing practitioner on record: an initiating visit is needed',
    });
  } else if (seen < oldestValid) {
    gates.push({
      kind: 'initiating_visit_needed',
      reason: `last seen by the billing practitioner on ${seen}, more than 12 months before ${month}: an initiating visit is needed`,
    });
  }
  return gates;
};
