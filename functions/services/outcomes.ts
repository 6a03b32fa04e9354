/**
 * The outcome dashboard (issue #6), per clinic and across every clinic where the caller may read
 * outcomes. Each clinic read is one audit event in that clinic (its numbers drill down to patients).
 */
import type { BillingCode } from '../contracts/billing';
import type { ClinicId } from '../contracts/common';
import type { Clinic } from '../contracts/clinics';
import {
  metricId,
  type ClinicOutcomes,
  type DrilldownEntry,
  type NetworkOutcomes,
  type OutcomeSummary,
  type OutcomesQuery,
} from '../contracts/outcomes';
import { roleAllows } from '../domain/access/policy';
import { addMonths, clinicMonth, monthsBetween } from '../domain/billing';
import { DomainError } from '../domain/errors';
import { handoffMetrics } from '../domain/handoff';
import {
  averageByMonth,
  meanOf,
  medianOf,
  OUTCOME_WINDOWS,
  rateOf,
  uniqueEntries,
} from '../domain/outcomes';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor, loadActor } from './access';
import { gatherFacts, type ClinicFacts } from './outcomes-facts';
import { attendanceRates } from './scheduling-metrics';

/** Two years of months at most: the billing history behind them is read month by month. */
const MAX_MONTHS = 24;
const DEFAULT_MONTHS = 12;

type Facts = Omit<ClinicFacts, 'clinicId' | 'clinicName' | 'timeZone' | 'rateYear'> & {
  rateYears: number[];
};

/** The months asked for, checked: 400s name the query field. */
export const resolveRange = (
  query: OutcomesQuery,
  currentMonth: string,
): { from: string; to: string } => {
  const to = query.to ?? currentMonth;
  const from = query.from ?? addMonths(to, 1 - DEFAULT_MONTHS);
  if (from > to) {
    throw DomainError.validation('The range is reversed', [
      { field: 'query.from', message: 'must not be after query.to' },
    ]);
  }
  if (monthsBetween(from, to) >= MAX_MONTHS) {
    throw DomainError.validation('The range is too long', [
      { field: 'query.to', message: `must be within ${MAX_MONTHS} months of query.from` },
    ]);
  }
  return { from, to };
};

const addUnits = (
  into: Partial<Record<BillingCode, number>>,
  units: Partial<Record<BillingCode, number>>,
) => {
  for (const [code, count] of Object.entries(units) as [BillingCode, number | undefined][]) {
    into[code] = (into[code] ?? 0) + (count ?? 0);
  }
};

const mergeBilling = (facts: readonly ClinicFacts[]): ClinicFacts['billing'] => {
  const byMonth = new Map<string, ClinicFacts['billing'][number]>();
  for (const { outcome, entries } of facts.flatMap((f) => f.billing)) {
    const held = byMonth.get(outcome.month);
    if (!held) {
      byMonth.set(outcome.month, { outcome: { ...outcome, units: { ...outcome.units } }, entries });
      continue;
    }
    addUnits(held.outcome.units, outcome.units);
    held.outcome.patients += outcome.patients;
    held.outcome.estimatedRevenueCents += outcome.estimatedRevenueCents;
    held.outcome.bhFteCostCents += outcome.bhFteCostCents;
    held.outcome.closed = held.outcome.closed && outcome.closed;
    held.entries = [...held.entries, ...entries];
  }
  return [...byMonth.values()].sort((a, b) => a.outcome.month.localeCompare(b.outcome.month));
};

const merge = (facts: readonly ClinicFacts[]): Facts => ({
  rateYears: [...new Set(facts.map((f) => f.rateYear))].sort(),
  windows: facts.flatMap((f) => f.windows),
  gad7: facts.flatMap((f) => f.gad7),
  screens: facts.flatMap((f) => f.screens),
  bookings: facts.flatMap((f) => f.bookings),
  handoffs: facts.flatMap((f) => f.handoffs),
  billing: mergeBilling(facts),
  trend: facts.flatMap((f) => f.trend),
});

const entriesOf = <T extends { entry: DrilldownEntry }>(items: readonly T[]) =>
  uniqueEntries(items.map((item) => item.entry));

/** The numbers and their drill-downs, from facts of one clinic or of several together. */
export const summarize = (facts: Facts, now: Date): OutcomeSummary => {
  const drilldown: Record<string, DrilldownEntry[]> = {};
  const windows = OUTCOME_WINDOWS.map(({ window, fromDay, toDay }) => {
    const results = facts.windows.filter((r) => r.window === window);
    const responded = results.filter((r) => r.response);
    const remitted = results.filter((r) => r.remission);
    drilldown[metricId.eligible(window)] = entriesOf(results);
    drilldown[metricId.response(window)] = entriesOf(responded);
    drilldown[metricId.remission(window)] = entriesOf(remitted);
    return {
      window,
      fromDay,
      toDay,
      response: rateOf(responded.length, results.length),
      remission: rateOf(remitted.length, results.length),
    };
  });
  drilldown[metricId.gad7Change] = entriesOf(facts.gad7);
  const contacted = facts.screens.filter((s) => s.days !== null);
  drilldown[metricId.screened] = entriesOf(facts.screens);
  drilldown[metricId.contacted] = entriesOf(contacted);
  const bookings = facts.bookings.filter((b) => b.booking.status === 'booked');
  const attendance = attendanceRates(
    facts.bookings.map((b) => b.booking),
    now,
  );
  drilldown[metricId.booked] = entriesOf(bookings);
  drilldown[metricId.arrived] = entriesOf(
    bookings.filter((b) => b.booking.attendance === 'arrived'),
  );
  drilldown[metricId.noShow] = entriesOf(
    bookings.filter((b) => b.booking.attendance === 'no-show'),
  );
  drilldown[metricId.cancelledLate] = entriesOf(
    bookings.filter((b) => b.booking.attendance === 'cancelled-late'),
  );
  const handoffs = handoffMetrics(
    'network',
    now.toISOString(),
    now.toISOString(),
    facts.handoffs.map((h) => h.handoff),
  );
  drilldown[metricId.handoffsRequested] = entriesOf(facts.handoffs);
  drilldown[metricId.handoffsAccepted] = entriesOf(
    facts.handoffs.filter((h) => h.handoff.acceptedAt !== undefined),
  );
  drilldown[metricId.handoffsFellBack] = entriesOf(
    facts.handoffs.filter((h) => h.handoff.status === 'fallback'),
  );
  const units: Partial<Record<BillingCode, number>> = {};
  let revenue = 0;
  let cost = 0;
  for (const { outcome, entries } of facts.billing) {
    addUnits(units, outcome.units);
    revenue += outcome.estimatedRevenueCents;
    cost += outcome.bhFteCostCents;
    drilldown[metricId.billed(outcome.month)] = uniqueEntries(entries);
  }
  const trend = averageByMonth(facts.trend);
  for (const point of trend) {
    drilldown[metricId.phq9Month(point.month)] = entriesOf(
      facts.trend.filter((p) => p.month === point.month),
    );
  }
  return {
    windows,
    gad7Change: {
      patients: facts.gad7.length,
      meanChange: meanOf(facts.gad7.map((g) => g.change)),
    },
    screenToContact: {
      screened: facts.screens.length,
      contacted: contacted.length,
      medianDays: medianOf(contacted.map((s) => s.days ?? 0)),
    },
    attendance: {
      booked: attendance.booked,
      arrived: attendance.arrived,
      noShow: attendance.noShow,
      cancelledLate: attendance.cancelledLate,
      showRate: attendance.showRate,
      noShowRate: attendance.noShowRate,
    },
    handoffs: {
      requested: handoffs.requested,
      accepted: handoffs.accepted,
      fellBack: handoffs.fellBack,
      medianTimeToConnectMs: handoffs.medianTimeToConnectMs ?? null,
    },
    billing: {
      rateYears: facts.rateYears,
      months: facts.billing.map((b) => b.outcome),
      totals: {
        units,
        estimatedRevenueCents: revenue,
        bhFteCostCents: cost,
        netCents: revenue - cost,
      },
    },
    phq9ByMonth: trend,
    drilldown,
  };
};

const clinicOutcomes = (
  facts: ClinicFacts,
  range: { from: string; to: string },
  now: Date,
): ClinicOutcomes => ({
  clinicId: facts.clinicId,
  clinicName: facts.clinicName,
  timeZone: facts.timeZone,
  ...range,
  ...summarize(merge([facts]), now),
});

const audit = (ctx: RequestContext, clinicId: ClinicId) =>
  ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'outcomes.read', { resourceType: 'outcomes' }),
  );

export const getClinicOutcomes = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: OutcomesQuery,
): Promise<ClinicOutcomes> => {
  await authorizeFor(ctx, 'outcomes.read', clinicId, { resourceType: 'outcomes' });
  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  const now = ctx.deps.clock.now();
  const range = resolveRange(query, clinicMonth(now, clinic.timeZone));
  const facts = await gatherFacts(ctx.deps, clinic, range, now);
  await audit(ctx, clinicId);
  return clinicOutcomes(facts, range, now);
};

/**
 * Every clinic where the caller's current memberships allow outcomes, together and one by one.
 * Months are each clinic's calendar months; the default range ends in the current UTC month.
 * A caller who may read outcomes nowhere is refused (403; no clinic to audit it in).
 */
export const getNetworkOutcomes = async (
  ctx: RequestContext,
  query: OutcomesQuery,
): Promise<NetworkOutcomes> => {
  const actor = await loadActor(ctx);
  const clinicIds = [
    ...new Set(
      actor.memberships
        .filter((m) => m.userId === actor.userId && roleAllows(m.role, 'outcomes.read'))
        .map((m) => m.clinicId),
    ),
  ].sort();
  if (clinicIds.length === 0) {
    throw DomainError.forbidden('Outcomes are for the clinics’ PCPs and administrators');
  }
  const now = ctx.deps.clock.now();
  const range = resolveRange(query, clinicMonth(now, 'UTC'));
  const clinics = (await ctx.deps.store.clinics.getMany(clinicIds)).sort((a: Clinic, b: Clinic) =>
    a.clinicId.localeCompare(b.clinicId),
  );
  // One clinic at a time: a network report must not flood the table.
  const facts: ClinicFacts[] = [];
  for (const clinic of clinics) facts.push(await gatherFacts(ctx.deps, clinic, range, now));
  await Promise.all(clinics.map((clinic) => audit(ctx, clinic.clinicId)));
  return {
    ...range,
    network: summarize(merge(facts), now),
    clinics: facts.map((f) => clinicOutcomes(f, range, now)),
  };
};
