/**
 * The outcome dashboard (issue #6 "Outcome dashboard", CLINICAL.md Part 1 and Part 2 §1.9), per
 * clinic and for every clinic the caller may read. Every number carries its drill-down: the
 * patients behind it, in `drilldown` under the metric's id (see `metricId`).
 */
import * as z from 'zod';
import { BillingCode, YearMonth } from './billing';
import { ClinicId, Ulid } from './common';

export const OutcomesQuery = z.object({
  /** First clinic-local month (default: 11 months before `to`). */
  from: YearMonth.optional(),
  /** Last clinic-local month (default: the current month). */
  to: YearMonth.optional(),
});
export type OutcomesQuery = z.infer<typeof OutcomesQuery>;

/** A patient behind a number: given name and family initial only. */
export const DrilldownEntry = z.object({
  clinicId: ClinicId,
  patientId: z.string(),
  episodeId: Ulid.optional(),
  label: z.string(),
});
export type DrilldownEntry = z.infer<typeof DrilldownEntry>;

const Count = z.number().int().nonnegative();

/** numerator / denominator, rounded to 3 decimals; null with no denominator. */
export const Rate = z.object({ numerator: Count, denominator: Count, rate: z.number().nullable() });
export type Rate = z.infer<typeof Rate>;

export const OutcomeWindowId = z.enum(['week8', 'week12to16', 'day120to240']);
export type OutcomeWindowId = z.infer<typeof OutcomeWindowId>;

export const WindowOutcome = z.object({
  window: OutcomeWindowId,
  /** Days after the elevated baseline PHQ-9 (clinic calendar days, both ends included). */
  fromDay: Count,
  toDay: Count,
  response: Rate,
  remission: Rate,
});
export type WindowOutcome = z.infer<typeof WindowOutcome>;

export const BillingMonthOutcome = z.object({
  month: YearMonth,
  /** Closed months report their stored snapshot with adjustments applied; open ones are computed live. */
  closed: z.boolean(),
  /** Patients with at least one billable code. */
  patients: Count,
  units: z.partialRecord(BillingCode, Count),
  estimatedRevenueCents: Count,
  /** The BH FTE annual cost prorated to one month. */
  bhFteCostCents: Count,
});
export type BillingMonthOutcome = z.infer<typeof BillingMonthOutcome>;

export const OutcomeSummary = z.object({
  windows: z.array(WindowOutcome),
  gad7Change: z.object({ patients: Count, meanChange: z.number().nullable() }),
  screenToContact: z.object({
    /** Patients with a positive screen in the range. */
    screened: Count,
    /** ...of whom had a BH contact after it. */
    contacted: Count,
    medianDays: z.number().nullable(),
  }),
  attendance: z.object({
    booked: Count,
    arrived: Count,
    noShow: Count,
    cancelledLate: Count,
    showRate: z.number().nullable(),
    noShowRate: z.number().nullable(),
  }),
  handoffs: z.object({
    requested: Count,
    accepted: Count,
    fellBack: Count,
    medianTimeToConnectMs: z.number().int().nullable(),
  }),
  billing: z.object({
    /** Fee-schedule years of the rate tables used (one per clinic; several in the network view). */
    rateYears: z.array(z.number().int()),
    months: z.array(BillingMonthOutcome),
    totals: z.object({
      units: z.partialRecord(BillingCode, Count),
      estimatedRevenueCents: Count,
      bhFteCostCents: Count,
      netCents: z.number().int(),
    }),
  }),
  /** Average PHQ-9 by whole months since enrolment (month 0 = the first month). */
  phq9ByMonth: z.array(z.object({ month: Count, patients: Count, mean: z.number() })),
  /** The patients behind every number, by metric id. */
  drilldown: z.record(z.string(), z.array(DrilldownEntry)),
});
export type OutcomeSummary = z.infer<typeof OutcomeSummary>;

export const ClinicOutcomes = OutcomeSummary.extend({
  clinicId: ClinicId,
  clinicName: z.string(),
  timeZone: z.string(),
  from: YearMonth,
  to: YearMonth,
});
export type ClinicOutcomes = z.infer<typeof ClinicOutcomes>;

export const NetworkOutcomes = z.object({
  from: YearMonth,
  to: YearMonth,
  /** Every permitted clinic together. */
  network: OutcomeSummary,
  clinics: z.array(ClinicOutcomes),
});
export type NetworkOutcomes = z.infer<typeof NetworkOutcomes>;

/** The drill-down keys. */
export const metricId = {
  eligible: (window: OutcomeWindowId) => `eligible.${window}`,
  response: (window: OutcomeWindowId) => `response.${window}`,
  remission: (window: OutcomeWindowId) => `remission.${window}`,
  gad7Change: 'gad7Change',
  screened: 'screenToContact.screened',
  contacted: 'screenToContact.contacted',
  booked: 'attendance.booked',
  arrived: 'attendance.arrived',
  noShow: 'attendance.noShow',
  cancelledLate: 'attendance.cancelledLate',
  handoffsRequested: 'handoffs.requested',
  handoffsAccepted: 'handoffs.accepted',
  handoffsFellBack: 'handoffs.fellBack',
  billed: (month: string) => `billing.${month}`,
  phq9Month: (month: number) => `phq9ByMonth.${month}`,
} as const;
