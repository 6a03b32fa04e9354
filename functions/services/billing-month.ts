/**
 * What the billing use cases share: a month's worksheet computed from the registry (episodes,
 * activities, the earlier months the episode rules need) and a closed month rebuilt from its
 * snapshot and adjustments.
 */
import type {
  Adjustment,
  PriorMonth,
  Worksheet,
  WorksheetGroup,
  WorksheetLine,
  WorksheetView,
} from '../contracts/billing';
import { billingSettingsOf } from '../contracts/clinics';
import type { Clinic } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type { Episode } from '../contracts/registry';
import { addMonths, billMonth, effectiveLine, monthBounds, totalsOf } from '../domain/billing';
import { DomainError } from '../domain/errors';
import type { MonthCloseHeader } from '../ports/billing';
import type { Deps } from '../ports/context';
import type { AuditTarget } from './access';

/**
 * How far back the episode rules look: a new episode starts after 6 months without service, so
 * the 7 months before the billed one decide whether it is an episode's first month.
 */
export const HISTORY_MONTHS = 7;

export const worksheetTarget = (month: string): AuditTarget => ({
  resourceType: 'billing-worksheet',
  resourceId: month,
});

export const requireClinic = async (deps: Deps, clinicId: ClinicId): Promise<Clinic> => {
  const clinic = await deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return clinic;
};

const EPISODE_PAGE = 100;

const allEpisodes = async (deps: Deps, clinicId: ClinicId): Promise<Episode[]> => {
  const episodes: Episode[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.episodes.listForClinic(clinicId, {
      limit: EPISODE_PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    episodes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return episodes;
};

const linesOf = (sheet: Pick<Worksheet, 'groups'>): WorksheetLine[] =>
  sheet.groups.flatMap((group) => group.lines);

/** A closed month's lines as the episode rules remember them (adjustments applied). */
const closedHistory = async (deps: Deps, clinicId: ClinicId, month: string) => {
  const [lines, adjustments] = await Promise.all([
    deps.store.billing.listLineSummaries(clinicId, month),
    deps.store.billing.listAdjustments(clinicId, month),
  ]);
  return lines.map((line): PriorMonth => ({
    patientId: line.patientId,
    episodeId: line.episodeId,
    month: line.month,
    ...effectiveLine(line, adjustments),
  }));
};

/**
 * The month's worksheet from the registry. The months before it come from their snapshots where
 * closed and are recomputed (oldest first, each feeding the next) where not.
 */
export const computeWorksheet = async (
  deps: Deps,
  clinic: Clinic,
  month: string,
  now: Date,
): Promise<Worksheet> => {
  const { clinicId, timeZone } = clinic;
  const settings = billingSettingsOf(clinic);
  const window: string[] = [];
  for (let back = HISTORY_MONTHS; back >= 1; back -= 1) window.push(addMonths(month, -back));
  // Independent reads in parallel, the activities one Query per month: the close of a large
  // clinic waits on these pages, not on computing.
  const [episodes, activityMonths, closes] = await Promise.all([
    allEpisodes(deps, clinicId),
    Promise.all(
      [...window, month].map((each) => {
        const bounds = monthBounds(each, timeZone);
        return deps.store.billing.listActivitiesBetween(
          clinicId,
          bounds.start.toISOString(),
          bounds.end.toISOString(),
        );
      }),
    ),
    deps.store.billing.getCloses(clinicId, window),
  ]);
  const activities = activityMonths.flat();
  const firstReferral = episodes.reduce(
    (first, episode) =>
      episode.referredOn.slice(0, 7) < first ? episode.referredOn.slice(0, 7) : first,
    month,
  );
  // No month before the clinic's first referral has anything to remember.
  const earlier = window.filter((prior) => prior >= firstReferral);
  const closed = new Set(closes.filter((c) => c.status === 'closed').map((c) => c.month));
  const input = { clinicId, timeZone, settings, episodes, activities, now };
  const snapshots = new Map(
    await Promise.all(
      earlier
        .filter((prior) => closed.has(prior))
        .map(async (prior) => [prior, await closedHistory(deps, clinicId, prior)] as const),
    ),
  );
  const history: PriorMonth[] = [];
  for (const prior of earlier) {
    const snapshot = snapshots.get(prior);
    if (snapshot) {
      history.push(...snapshot);
      continue;
    }
    const sheet = billMonth({ ...input, month: prior, history: [...history] });
    history.push(
      ...linesOf(sheet).map((line) => ({
        patientId: line.patientId,
        episodeId: line.episodeId,
        month: line.month,
        countedMinutes: line.countedMinutes,
        codes: line.codes,
      })),
    );
  }
  return billMonth({ ...input, month, history });
};

/** Groups as the engine makes them: by billing practitioner, lines without one last. */
const regroup = (lines: WorksheetLine[], header: MonthCloseHeader): WorksheetGroup[] => {
  const groups = new Map<string, WorksheetLine[]>();
  for (const line of lines) {
    const key = line.billingPractitionerId ?? '';
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  const byName = (a: WorksheetLine, b: WorksheetLine) =>
    a.patient.familyName.localeCompare(b.patient.familyName) ||
    a.patient.givenName.localeCompare(b.patient.givenName) ||
    a.patientId.localeCompare(b.patientId);
  return [...groups]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([practitioner, groupLines]) => ({
      billingPractitionerId: practitioner === '' ? null : practitioner,
      lines: groupLines.sort(byName),
      totals: totalsOf(groupLines, header.rates),
    }));
};

/** A closed line as billed: its snapshot with the adjustments' minutes and units applied. */
export const adjustedLine = (
  line: WorksheetLine,
  adjustments: readonly Adjustment[],
): WorksheetLine => ({
  ...line,
  ...effectiveLine(line, adjustments),
});

/** The closed month as stored: never recomputed, totals at the rates it was closed with. */
export const closedView = async (deps: Deps, header: MonthCloseHeader): Promise<WorksheetView> => {
  const [lines, adjustments] = await Promise.all([
    deps.store.billing.listLines(header.clinicId, header.month),
    deps.store.billing.listAdjustments(header.clinicId, header.month),
  ]);
  const adjusted = lines.map((line) => adjustedLine(line, adjustments));
  return {
    clinicId: header.clinicId,
    month: header.month,
    timeZone: header.timeZone,
    facilityType: header.facilityType,
    generatedAt: header.closedAt,
    rateYear: header.rates.year,
    groups: regroup(adjusted, header),
    totals: totalsOf(adjusted, header.rates),
    status: 'closed',
    closedAt: header.closedAt,
    closedBy: header.closedBy,
    adjustments,
  };
};
