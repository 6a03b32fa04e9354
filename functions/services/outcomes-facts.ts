/**
 * What the outcome dashboard reads of one clinic, turned into per-patient facts that add up across
 * clinics (the network view sums facts, never summaries: a median of medians is not a median).
 * An admin report, so it costs O(patients) reads: every episode, the range's screenings, bookings,
 * handoffs and activities, and the names of patients without an episode (docs/access-patterns.md).
 */
import type { CareActivity } from '../contracts/activities';
import { billingSettingsOf, registrySettingsOf, type Clinic } from '../contracts/clinics';
import type { Handoff } from '../contracts/handoff';
import type { BillingMonthOutcome, DrilldownEntry, OutcomeWindowId } from '../contracts/outcomes';
import type { Episode } from '../contracts/registry';
import type { Booking } from '../contracts/scheduling';
import type { ClinicScreeningItem } from '../contracts/screenings';
import { addMonths, monthBounds } from '../domain/billing';
import {
  billedMonthOf,
  billedMonths,
  type BilledMonth,
  bhContacts,
  gad7Change,
  isPositiveScreen,
  patientLabel,
  phq9MonthlyPoints,
  screenToContact,
  windowResults,
} from '../domain/outcomes';
import type { Deps } from '../ports/context';
import { closedView } from './billing-month';

/** Contacts up to this long after the range still end a wait that began in it. */
const CONTACT_LOOKAHEAD_MS = 90 * 86_400_000;
/** Months before `from` billed as history, so the first month in range knows 99492 from 99493. */
const HISTORY_MONTHS = 12;
const PAGE = { limit: 100 } as const;
const NAME_READS_AT_ONCE = 20;

export interface ClinicFacts {
  clinicId: string;
  clinicName: string;
  timeZone: string;
  rateYear: number;
  windows: {
    window: OutcomeWindowId;
    entry: DrilldownEntry;
    response: boolean;
    remission: boolean;
  }[];
  gad7: { entry: DrilldownEntry; change: number }[];
  screens: { entry: DrilldownEntry; days: number | null }[];
  bookings: { booking: Booking; entry: DrilldownEntry }[];
  handoffs: { handoff: Handoff; entry: DrilldownEntry }[];
  billing: { outcome: BillingMonthOutcome; entries: DrilldownEntry[] }[];
  trend: { month: number; entry: DrilldownEntry; score: number }[];
}

const allEpisodes = async (deps: Deps, clinicId: string): Promise<Episode[]> => {
  const episodes: Episode[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.episodes.listForClinic(clinicId, {
      ...PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    episodes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return episodes;
};

/** The clinic's screenings completed in [start, end): newest first, so paging stops at `start`. */
const screeningsBetween = async (
  deps: Deps,
  clinicId: string,
  start: Date,
  end: Date,
): Promise<ClinicScreeningItem[]> => {
  const found: ClinicScreeningItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.screenings.listForClinic(clinicId, {
      ...PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const item of page.items) {
      const at = Date.parse(item.completedAt);
      if (at < start.getTime()) return found;
      if (at < end.getTime()) found.push(item);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};

/** One month per Query keeps each read far below the booking adapter's cap. */
const bookingsOfMonths = async (
  deps: Deps,
  clinic: Clinic,
  from: string,
  to: string,
): Promise<Booking[]> => {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  const pages = await Promise.all(
    months.map((month) => {
      const { start, end } = monthBounds(month, clinic.timeZone);
      return deps.store.scheduling.listForClinicRange(
        clinic.clinicId,
        start.toISOString(),
        end.toISOString(),
      );
    }),
  );
  const byId = new Map(pages.flat().map((booking) => [booking.bookingId, booking]));
  return [...byId.values()];
};

/** Month by month too: the activity adapter caps one read at 10,000 items, a month stays below. */
const activitiesOfMonths = async (
  deps: Deps,
  clinic: Clinic,
  from: string,
  to: string,
): Promise<CareActivity[]> => {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  const pages = await Promise.all(
    months.map((month) => {
      const { start, end } = monthBounds(month, clinic.timeZone);
      return deps.store.activities.listForClinicBetween(
        clinic.clinicId,
        start.toISOString(),
        end.toISOString(),
      );
    }),
  );
  // A range read's end is inclusive: an activity at a month's first instant may come twice.
  return [...new Map(pages.flat().map((a) => [a.activityId, a])).values()];
};

type Name = { givenName: string; familyName: string };

/** Names for the drill-down: from the episodes' snapshots, else the patient record. */
const namesFor = async (
  deps: Deps,
  clinicId: string,
  episodes: readonly Episode[],
  patientIds: Iterable<string>,
): Promise<Map<string, Name>> => {
  const names = new Map<string, Name>(episodes.map((e) => [e.patientId, e.patient]));
  const missing = [...new Set(patientIds)].filter((id) => !names.has(id));
  for (let index = 0; index < missing.length; index += NAME_READS_AT_ONCE) {
    const patients = await Promise.all(
      missing
        .slice(index, index + NAME_READS_AT_ONCE)
        .map((id) => deps.store.patients.get(clinicId, id)),
    );
    for (const patient of patients) if (patient) names.set(patient.patientId, patient);
  }
  return names;
};

const openDuring = (episode: Episode, start: Date, end: Date): boolean =>
  Date.parse(`${episode.referredOn}T00:00:00Z`) < end.getTime() + 86_400_000 &&
  (!episode.discharge || Date.parse(episode.discharge.at) >= start.getTime());

/**
 * A closed month is reported from its stored snapshot with the adjustments applied (what was
 * billed), never recomputed; open months keep the live computation.
 */
const withClosedMonths = async (
  deps: Deps,
  clinic: Clinic,
  months: BilledMonth[],
): Promise<BilledMonth[]> => {
  const closes = await deps.store.billing.getCloses(
    clinic.clinicId,
    months.map((month) => month.outcome.month),
  );
  const closed = new Map(
    closes.filter((header) => header.status === 'closed').map((header) => [header.month, header]),
  );
  const settings = billingSettingsOf(clinic);
  return Promise.all(
    months.map(async (month) => {
      const header = closed.get(month.outcome.month);
      return header ? billedMonthOf(await closedView(deps, header), settings, true) : month;
    }),
  );
};

export const gatherFacts = async (
  deps: Deps,
  clinic: Clinic,
  range: { from: string; to: string },
  now: Date,
): Promise<ClinicFacts> => {
  const { clinicId, timeZone } = clinic;
  const start = monthBounds(range.from, timeZone).start;
  const end = monthBounds(range.to, timeZone).end;
  const episodes = await allEpisodes(deps, clinicId);
  const openMonths = episodes
    .filter((episode) => openDuring(episode, start, end))
    .map((episode) => episode.referredOn.slice(0, 7));
  const earliest = [...openMonths, range.from].sort()[0] ?? range.from;
  const floor = addMonths(range.from, -HISTORY_MONTHS);
  const historyFrom = earliest < floor ? floor : earliest;
  const [activities, bookings, screenings, handoffs] = await Promise.all([
    activitiesOfMonths(deps, clinic, historyFrom, addMonths(range.to, 3)).then((found) =>
      found.filter((a) => Date.parse(a.occurredAt) < end.getTime() + CONTACT_LOOKAHEAD_MS),
    ),
    bookingsOfMonths(deps, clinic, range.from, addMonths(range.to, 3)),
    screeningsBetween(deps, clinicId, start, end),
    deps.store.handoffs.listRequestedBetween(clinicId, start.toISOString(), end.toISOString()),
  ]);
  const inRange = (at: string) => {
    const ms = Date.parse(at);
    return ms >= start.getTime() && ms < end.getTime();
  };
  const rangeBookings = bookings.filter((booking) => inRange(booking.startsAt));
  const positive = screenings.filter(isPositiveScreen);
  const names = await namesFor(deps, clinicId, episodes, [
    ...positive.map((s) => s.patientId),
    ...rangeBookings.map((b) => b.patientId),
    ...handoffs.map((h) => h.patientId),
  ]);
  const entry = (patientId: string, episodeId?: string): DrilldownEntry => {
    const name = names.get(patientId);
    return {
      clinicId,
      patientId,
      ...(episodeId === undefined ? {} : { episodeId }),
      label: name ? patientLabel(name) : 'Unknown patient',
    };
  };
  const ofEpisode = (episode: Pick<Episode, 'patientId' | 'episodeId'>) =>
    entry(episode.patientId, episode.episodeId);

  const cohort = episodes.filter((episode) => {
    const month = episode.referredOn.slice(0, 7);
    return month >= range.from && month <= range.to;
  });
  const settings = registrySettingsOf(clinic);
  const billing = billingSettingsOf(clinic);
  const contacts = bhContacts(activities, bookings);
  return {
    clinicId,
    clinicName: clinic.name,
    timeZone,
    rateYear: billing.rates.year,
    windows: windowResults(cohort, settings, timeZone).map((result) => ({
      window: result.window,
      entry: ofEpisode(result.episode),
      response: result.response,
      remission: result.remission,
    })),
    gad7: cohort.flatMap((episode) => {
      const change = gad7Change(episode);
      return change ? [{ entry: ofEpisode(episode), change: change.change }] : [];
    }),
    screens: screenToContact(
      positive.map((s) => ({ patientId: s.patientId, at: s.completedAt })),
      contacts,
      timeZone,
    ).map((wait) => ({ entry: entry(wait.patientId), days: wait.days })),
    bookings: rangeBookings.map((booking) => ({ booking, entry: entry(booking.patientId) })),
    handoffs: handoffs.map((handoff) => ({ handoff, entry: entry(handoff.patientId) })),
    billing: (
      await withClosedMonths(
        deps,
        clinic,
        billedMonths({
          clinicId,
          timeZone,
          settings: billing,
          episodes,
          activities: activities.filter(
            (activity) => Date.parse(activity.occurredAt) < end.getTime(),
          ),
          historyFrom,
          from: range.from,
          to: range.to,
          now,
        }),
      )
    ).map(({ outcome, lines }) => ({ outcome, entries: lines.map(ofEpisode) })),
    trend: phq9MonthlyPoints(cohort, timeZone).map((point) => ({
      month: point.month,
      entry: ofEpisode(point.episode),
      score: point.score,
    })),
  };
};
