/**
 * The caseload's computed flags (CLINICAL.md Part 1 "Registry and caseload", Part 2 §1.9). Each
 * flag says why in plain words with its numbers, and `since` is the moment its rule became true,
 * so a list can show "overdue for 3 days" and sort by age.
 */
import type { ClinicSchedulingSettings } from '../../contracts/scheduling';
import type { Episode, Measure, RegistryFlag, RegistrySettings } from '../../contracts/registry';
import { RegistryFlagKind } from '../../contracts/registry';
import { isRemission, isResponse, latestMeasure, phq9History, weeksInTreatment } from './progress';
import {
  addPlainDays,
  addZonedDays,
  addZonedMonths,
  iso,
  ms,
  shortDate,
  startOfLocalDate,
} from './time';

export type FlagSettings = RegistrySettings &
  Pick<ClinicSchedulingSettings, 'sessionCap' | 'sessionReasonFrom'>;

type Rule = (
  episode: Episode,
  settings: FlagSettings,
  now: Date,
  timeZone: string,
) => RegistryFlag | undefined;

const flag = (kind: RegistryFlag['kind'], since: Date | string, reason: string): RegistryFlag => ({
  kind,
  since: typeof since === 'string' ? since : iso(since),
  reason,
});

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The oldest measure of the newest-first run that all satisfy `holds` (undefined if the newest does not). */
const runStart = (
  history: Measure[],
  holds: (measure: Measure) => boolean,
): Measure | undefined => {
  let start: Measure | undefined;
  for (const measure of history) {
    if (!holds(measure)) break;
    start = measure;
  }
  return start;
};

const safety: Rule = (episode) => {
  const state = episode.safety;
  if (!state) return undefined;
  const trigger =
    state.trigger === 'phq9_item9'
      ? 'PHQ-9 item 9 answered > 0'
      : `C-SSRS ${state.level ?? 'moderate or high'} risk`;
  return flag('safety', state.since, `${trigger}: follow the safety protocol`);
};

const notYetReviewed: Rule = (episode) =>
  episode.lastPsychiatricReviewAt
    ? undefined
    : flag('new', episode.enrolledAt, 'not yet reviewed by the psychiatrist');

const notImproving: Rule = (episode, settings, now, timeZone) => {
  const weeks = weeksInTreatment(episode, now, timeZone);
  if (weeks < settings.notImprovingWeeks) return undefined;
  const baseline = episode.baseline.phq9?.score;
  const improving = (measure: Measure) =>
    measure.score < settings.notImprovingScore ||
    isResponse(measure.score, baseline, settings.responseFraction);
  const history = phq9History(episode);
  const latest = history[0];
  if (!latest || improving(latest)) return undefined;
  // The rule holds from week N if the PHQ-9 current then was already not improving, otherwise
  // from the first of the not-improving PHQ-9s that followed.
  const weekN = startOfLocalDate(
    addPlainDays(episode.referredOn, settings.notImprovingWeeks * 7),
    timeZone,
  );
  const run = runStart(history, (measure) => !improving(measure));
  const since = run && ms(run.at) > weekN.getTime() ? new Date(run.at) : weekN;
  const half =
    baseline === undefined
      ? '(no baseline PHQ-9 to compare with)'
      : `nor at or below ${Math.round(settings.responseFraction * 100)}% of the baseline ${baseline} (${
          Math.round(baseline * settings.responseFraction * 10) / 10
        })`;
  return flag(
    'not_improving',
    since,
    `${plural(weeks, 'week')} in treatment and the latest PHQ-9 is ${latest.score}: not below ${
      settings.notImprovingScore
    } ${half}; psychiatric case review due`,
  );
};

const reviewRequested: Rule = (episode) => {
  const request = episode.reviewRequest;
  if (!request) return undefined;
  const question =
    request.question.length > 80 ? `${request.question.slice(0, 79).trimEnd()}…` : request.question;
  return flag('review_requested', request.at, `BCM asked: ${question}`);
};

const firstFollowUpOverdue: Rule = (episode, settings, now, timeZone) => {
  if (episode.contactCount > 1) return undefined;
  const from =
    episode.contactCount === 1
      ? (episode.firstContactAt ?? episode.enrolledAt)
      : episode.enrolledAt;
  const due = addZonedDays(from, settings.firstFollowUpDays, timeZone);
  if (now.getTime() <= due.getTime()) return undefined;
  const after =
    episode.contactCount === 1
      ? `the initial contact on ${shortDate(from, timeZone)}`
      : `enrolment on ${shortDate(from, timeZone)} (no contact yet)`;
  return flag(
    'first_follow_up_overdue',
    due,
    `no follow-up contact within ${plural(settings.firstFollowUpDays, 'day')} of ${after}`,
  );
};

const contactOverdue: Rule = (episode, settings, now, timeZone) => {
  if (episode.contactCount < 1) return undefined;
  const last = episode.lastContactAt ?? episode.firstContactAt ?? episode.enrolledAt;
  const due = addZonedDays(last, settings.contactIntervalDays, timeZone);
  if (now.getTime() <= due.getTime()) return undefined;
  return flag(
    'contact_overdue',
    due,
    `no contact for more than ${plural(settings.contactIntervalDays, 'day')}: the last was on ${shortDate(
      last,
      timeZone,
    )}`,
  );
};

// The moment the count changed is not stored; the last service is the session that raised it
// unless non-session work followed, so `since` may be a little late.
const sessionSince = (episode: Episode) => episode.lastServiceAt ?? episode.enrolledAt;

const sessionsPastCap: Rule = (episode, settings) => {
  const count = episode.sessionCount;
  if (count < settings.sessionReasonFrom - 1) return undefined;
  return flag(
    'sessions_past_cap',
    sessionSince(episode),
    `${plural(count, 'session')} so far: session ${count + 1} needs a documented reason (required from session ${
      settings.sessionReasonFrom
    }; the clinic's cap is ${settings.sessionCap})`,
  );
};

const sessionsNearCap: Rule = (episode, settings, now, timeZone) => {
  const count = episode.sessionCount;
  // Once a reason is needed the stronger flag says it all.
  if (sessionsPastCap(episode, settings, now, timeZone)) return undefined;
  if (count !== settings.sessionCap - 1 && count !== settings.sessionCap) return undefined;
  const next = count === settings.sessionCap - 1 ? 'reaches' : 'passes';
  return flag(
    'sessions_near_cap',
    sessionSince(episode),
    `${plural(count, 'session')} so far: the next one ${next} the clinic's cap of ${settings.sessionCap}`,
  );
};

const relapsePlanDue: Rule = (episode, settings) => {
  if (episode.relapsePlan) return undefined;
  const baseline = episode.baseline.phq9?.score;
  const better = (measure: Measure) =>
    isResponse(measure.score, baseline, settings.responseFraction) ||
    isRemission(measure.score, settings.remissionBelow);
  const latest = latestMeasure(episode, 'phq9');
  if (!latest || !better(latest)) return undefined;
  const since = runStart(phq9History(episode), better) ?? latest;
  const what = isRemission(latest.score, settings.remissionBelow)
    ? `remission (below ${settings.remissionBelow})`
    : `response (at or below ${Math.round(settings.responseFraction * 100)}% of the baseline ${String(baseline)})`;
  return flag(
    'relapse_plan_due',
    since.at,
    `latest PHQ-9 ${latest.score} shows ${what}: record the relapse-prevention plan`,
  );
};

const lapsed: Rule = (episode, settings, now, timeZone) => {
  const last = episode.lastServiceAt ?? episode.enrolledAt;
  const due = addZonedMonths(last, settings.lapseMonths, timeZone);
  if (now.getTime() < due.getTime()) return undefined;
  const what = episode.lastServiceAt ? 'the last service' : 'enrolment (no service since)';
  return flag(
    'lapsed',
    due,
    `${plural(settings.lapseMonths, 'month')} without service since ${what} on ${shortDate(
      last,
      timeZone,
    )}: may be discharged as lapsed`,
  );
};

const RULES: Readonly<Record<RegistryFlag['kind'], Rule>> = {
  safety,
  new: notYetReviewed,
  not_improving: notImproving,
  review_requested: reviewRequested,
  first_follow_up_overdue: firstFollowUpOverdue,
  contact_overdue: contactOverdue,
  sessions_near_cap: sessionsNearCap,
  sessions_past_cap: sessionsPastCap,
  relapse_plan_due: relapsePlanDue,
  lapsed,
};

/**
 * The flags of an episode now, in the contract's kind order. Day and month clocks run on the
 * clinic's calendar: pass its zone (UTC when omitted). A discharged episode has no flags.
 */
export const registryFlags = (
  episode: Episode,
  settings: FlagSettings,
  now: Date,
  timeZone = 'UTC',
): RegistryFlag[] => {
  if (episode.status !== 'active') return [];
  return RegistryFlagKind.options.flatMap(
    (kind) => RULES[kind](episode, settings, now, timeZone) ?? [],
  );
};
