/**
 * Episode rules for billing (CLINICAL.md Part 2 §3.5). The episode's first month is the first
 * calendar month with counted minutes (99492 then, 99493 after: so 99492 is billed once per
 * episode). A re-enrolment counts as a NEW billing episode only after `newEpisodeAfterMonths` whole
 * months without service since the previous episode's last service; sooner, it continues the
 * previous episode and its months are later months (no second 99492).
 */
import type { PayerProfile, PriorMonth } from '../../contracts/billing';
import type { Episode } from '../../contracts/registry';
import type { MonthOfEpisode } from './codes';
import { clinicMonth, monthsBetween } from './month';

/** What billing reads of an episode (a full `Episode` fits; consent and practitioner may be absent). */
export type BillingEpisode = Pick<
  Episode,
  | 'episodeId'
  | 'clinicId'
  | 'patientId'
  | 'patient'
  | 'status'
  | 'referredOn'
  | 'payer'
  | 'diagnoses'
  | 'lastSeenByBillingPractitionerOn'
  | 'lastServiceAt'
  | 'discharge'
> & {
  consent?: Pick<Episode['consent'], 'obtainedAt'>;
  billingPractitionerId?: string;
};

/** Whether the episode was open during any part of the month. */
export const openInMonth = (episode: BillingEpisode, month: string, timeZone: string): boolean =>
  episode.referredOn.slice(0, 7) <= month &&
  (!episode.discharge || clinicMonth(new Date(episode.discharge.at), timeZone) >= month);

const served = (prior: PriorMonth): boolean => prior.countedMinutes > 0 || prior.codes.length > 0;

/** The episode's last month with service before `month` (history, or its lastServiceAt). */
const lastServiceMonth = (
  episode: BillingEpisode,
  history: readonly PriorMonth[],
  timeZone: string,
): string | undefined => {
  const months = history
    .filter((prior) => prior.episodeId === episode.episodeId && served(prior))
    .map((prior) => prior.month);
  if (episode.lastServiceAt) months.push(clinicMonth(new Date(episode.lastServiceAt), timeZone));
  return months.sort().at(-1);
};

/** The episode that `episode` continues for billing, if the gap before it was too short. */
const continued = (
  episode: BillingEpisode,
  patientEpisodes: readonly BillingEpisode[],
  history: readonly PriorMonth[],
  month: string,
  profile: PayerProfile,
  timeZone: string,
): BillingEpisode | undefined => {
  const previous = patientEpisodes
    .filter(
      (other) => other.episodeId !== episode.episodeId && other.referredOn <= episode.referredOn,
    )
    .filter((other) => other.referredOn < episode.referredOn || other.episodeId < episode.episodeId)
    .sort((a, b) => (a.referredOn + a.episodeId).localeCompare(b.referredOn + b.episodeId))
    .at(-1);
  if (!previous) return undefined;
  const last = lastServiceMonth(previous, history, timeZone);
  if (last === undefined) return undefined;
  const ownFirst =
    history
      .filter((prior) => prior.episodeId === episode.episodeId && served(prior))
      .map((prior) => prior.month)
      .filter((prior) => prior < month)
      .sort()[0] ?? month;
  // Months strictly between the last service and this episode's first month had no service.
  const monthsWithout = monthsBetween(last, ownFirst) - 1;
  return monthsWithout < profile.newEpisodeAfterMonths ? previous : undefined;
};

/**
 * First or later month of the billing episode `month` belongs to. `patientEpisodes` holds the
 * patient's episodes (earlier ones included); `history` their earlier billed months.
 */
export const monthOfEpisode = (
  episode: BillingEpisode,
  patientEpisodes: readonly BillingEpisode[],
  history: readonly PriorMonth[],
  month: string,
  profile: PayerProfile,
  timeZone: string,
): MonthOfEpisode => {
  const earlier = history.some(
    (prior) => prior.episodeId === episode.episodeId && prior.month < month && served(prior),
  );
  if (earlier) return 'later';
  // A continued episode already had its first month (and its 99492).
  return continued(episode, patientEpisodes, history, month, profile, timeZone) ? 'later' : 'first';
};
