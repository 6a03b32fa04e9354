/**
 * Line gates (CLINICAL.md Part 2 §3.4): what keeps a month's codes from being billed, each with
 * a reason the team can act on. Gates hold the codes; they never change the minutes.
 */
import type { BillingGate } from '../../contracts/billing';
import type { BillingEpisode } from './episodes';
import { monthBounds } from './month';

/** The same calendar day a year earlier (29 February → 28 February). */
const yearBefore = (day: string): string => {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(year - 1, 4)}-${pad(month)}-${pad(month === 2 && date === 29 ? 28 : date)}`;
};

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
  // "Not seen by the billing practitioner within one year before BHI begins": the year runs back
  // from the start of CoCM care (the referral), not from each billed month.
  const seen = episode.lastSeenByBillingPractitionerOn;
  const oldestValid = yearBefore(episode.referredOn);
  if (!seen) {
    gates.push({
      kind: 'initiating_visit_needed',
      reason: 'no visit with the billing practitioner on record: an initiating visit is needed',
    });
  } else if (seen < oldestValid) {
    gates.push({
      kind: 'initiating_visit_needed',
      reason: `last seen by the billing practitioner on ${seen}, more than a year before CoCM began (${episode.referredOn}): an initiating visit is needed`,
    });
  }
  return gates;
};
