import type { CsvCell } from '../../lib/csv';
import {
  BillingCode,
  metricId,
  type ClinicOutcomes,
  type DrilldownEntry,
  type OutcomeSummary,
} from '../../lib/outcomes';
import {
  dollars,
  duration,
  money,
  monthLabel,
  percent,
  percentNumber,
  rounded,
  signed,
  windowLabel,
} from './format';

/** The patients behind one number, with what the number is. */
export interface Drill {
  title: string;
  entries: readonly DrilldownEntry[];
}

export interface Cell {
  text: string;
  csv: CsvCell;
  drill?: Drill;
}

/** One table of the dashboard: what is rendered and what goes into its CSV are the same cells. */
export interface TableModel {
  key: string;
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

const text = (value: string): Cell => ({ text: value, csv: value });

const unique = (lists: readonly (readonly DrilldownEntry[])[]): DrilldownEntry[] => {
  const seen = new Map<string, DrilldownEntry>();
  for (const entry of lists.flat()) {
    const key = `${entry.clinicId}|${entry.patientId}`;
    if (!seen.has(key)) seen.set(key, entry);
  }
  return [...seen.values()];
};

const drillOf = (summary: OutcomeSummary, title: string, ...keys: string[]): Drill => ({
  title,
  entries: unique(keys.map((key) => summary.drilldown[key] ?? [])),
});

const count = (value: number, drill: Drill): Cell => ({ text: String(value), csv: value, drill });

export function windowsTable(summary: OutcomeSummary): TableModel {
  return {
    key: 'response-remission',
    caption: 'PHQ-9 response (≥ 50% drop from baseline) and remission (below 5)',
    columns: [
      'Window',
      'Patients measured',
      'Responded',
      'Response rate (%)',
      'In remission',
      'Remission rate (%)',
    ],
    rows: summary.windows.map((w) => {
      const label = `${windowLabel[w.window]}, days ${w.fromDay}–${w.toDay}`;
      const measured = drillOf(summary, `Measured at ${label}`, metricId.eligible(w.window));
      const responded = drillOf(summary, `Responded at ${label}`, metricId.response(w.window));
      const remitted = drillOf(summary, `In remission at ${label}`, metricId.remission(w.window));
      return [
        text(label),
        count(w.response.denominator, measured),
        count(w.response.numerator, responded),
        { text: percent(w.response.rate), csv: percentNumber(w.response.rate), drill: responded },
        count(w.remission.numerator, remitted),
        { text: percent(w.remission.rate), csv: percentNumber(w.remission.rate), drill: remitted },
      ];
    }),
  };
}

export function engagementTable(summary: OutcomeSummary): TableModel {
  const d = (title: string, key: string) => drillOf(summary, title, key);
  const { gad7Change: gad7, screenToContact: s, attendance: a, handoffs: h } = summary;
  const row = (measure: string, value: Cell, drill: Drill): Cell[] => [
    text(measure),
    { ...value, drill },
    count(drill.entries.length, drill),
  ];
  const gad7Drill = d('GAD-7 measured twice', metricId.gad7Change);
  const screened = d('Positive screens', metricId.screened);
  const contacted = d('Reached by behavioral health after a positive screen', metricId.contacted);
  const booked = d('Visits booked', metricId.booked);
  const arrived = d('Visits attended', metricId.arrived);
  const noShow = d('No-shows', metricId.noShow);
  const late = d('Late cancellations', metricId.cancelledLate);
  const requested = d('Warm handoffs requested', metricId.handoffsRequested);
  const accepted = d('Warm handoffs accepted', metricId.handoffsAccepted);
  const fellBack = d('Warm handoffs that fell back to a booking', metricId.handoffsFellBack);
  const n = (value: number): Cell => ({ text: String(value), csv: value });
  return {
    key: 'engagement',
    caption: 'GAD-7 change, access, attendance and warm handoffs',
    columns: ['Measure', 'Value', 'Patients'],
    rows: [
      row(
        'Mean GAD-7 change (baseline to latest, points)',
        { text: signed(gad7.meanChange), csv: gad7.meanChange },
        gad7Drill,
      ),
      row('Positive screens', n(s.screened), screened),
      row('Reached by BH after a positive screen', n(s.contacted), contacted),
      row(
        'Median days from positive screen to first BH contact',
        { text: rounded(s.medianDays), csv: s.medianDays },
        contacted,
      ),
      row('BH visits booked', n(a.booked), booked),
      row('Visits attended', n(a.arrived), arrived),
      row('No-shows', n(a.noShow), noShow),
      row('Late cancellations', n(a.cancelledLate), late),
      row('Show rate (%)', { text: percent(a.showRate), csv: percentNumber(a.showRate) }, arrived),
      row(
        'No-show rate (%)',
        { text: percent(a.noShowRate), csv: percentNumber(a.noShowRate) },
        noShow,
      ),
      row('Warm handoffs requested', n(h.requested), requested),
      row('Warm handoffs accepted', n(h.accepted), accepted),
      row('Warm handoffs fallen back', n(h.fellBack), fellBack),
      row(
        'Median time to connect (seconds)',
        {
          text: duration(h.medianTimeToConnectMs),
          csv: h.medianTimeToConnectMs === null ? null : Math.round(h.medianTimeToConnectMs / 1000),
        },
        accepted,
      ),
    ],
  };
}

/** The codes that appear in the range, in the code set's order. */
export const codesIn = (summary: OutcomeSummary): BillingCode[] =>
  BillingCode.options.filter((code) =>
    summary.billing.months.some((m) => (m.units[code] ?? 0) > 0),
  );

const allBilled = (summary: OutcomeSummary, title = 'Billed in the period') =>
  drillOf(summary, title, ...summary.billing.months.map((m) => metricId.billed(m.month)));

export function codesTable(summary: OutcomeSummary): TableModel {
  const codes = codesIn(summary);
  const total = allBilled(summary);
  return {
    key: 'codes-billed',
    caption: 'CoCM codes billed per month (units)',
    columns: ['Month', 'Status', 'Patients billed', ...codes],
    rows: [
      ...summary.billing.months.map((m) => {
        const drill = drillOf(
          summary,
          `Billed in ${monthLabel(m.month)}`,
          metricId.billed(m.month),
        );
        return [
          { text: monthLabel(m.month), csv: m.month },
          text(m.closed ? 'Closed' : 'Open'),
          count(m.patients, drill),
          ...codes.map((code) => count(m.units[code] ?? 0, drill)),
        ];
      }),
      [
        text('Total'),
        text(''),
        count(total.entries.length, total),
        ...codes.map((code) => count(summary.billing.totals.units[code] ?? 0, total)),
      ],
    ],
  };
}

export function revenueTable(summary: OutcomeSummary): TableModel {
  const years = summary.billing.rateYears;
  const total = allBilled(summary);
  const money3 = (revenue: number, cost: number, drill: Drill): Cell[] => [
    { text: money(revenue), csv: dollars(revenue), drill },
    { text: money(cost), csv: dollars(cost), drill },
    { text: money(revenue - cost), csv: dollars(revenue - cost), drill },
  ];
  return {
    key: 'revenue',
    caption:
      `Estimated CoCM revenue against BH FTE cost` +
      (years.length > 0 ? ` (rates of ${years.join(', ')})` : ''),
    columns: ['Month', 'Estimated revenue (USD)', 'BH FTE cost (USD)', 'Net (USD)'],
    rows: [
      ...summary.billing.months.map((m) => [
        { text: monthLabel(m.month), csv: m.month },
        ...money3(
          m.estimatedRevenueCents,
          m.bhFteCostCents,
          drillOf(summary, `Billed in ${monthLabel(m.month)}`, metricId.billed(m.month)),
        ),
      ]),
      [
        text('Total'),
        ...money3(
          summary.billing.totals.estimatedRevenueCents,
          summary.billing.totals.bhFteCostCents,
          total,
        ),
      ],
    ],
  };
}

export const sinceEnrolmentLabel = (month: number): string =>
  month === 0 ? 'Enrolment month' : `Month ${month}`;

export function phq9Table(summary: OutcomeSummary): TableModel {
  return {
    key: 'phq9-by-month',
    caption: 'Average PHQ-9 by month since enrolment',
    columns: ['Month since enrolment', 'Patients', 'Mean PHQ-9'],
    rows: summary.phq9ByMonth.map((p) => {
      const drill = drillOf(
        summary,
        `PHQ-9 in ${sinceEnrolmentLabel(p.month).toLowerCase()}`,
        metricId.phq9Month(p.month),
      );
      return [
        { text: sinceEnrolmentLabel(p.month), csv: p.month },
        count(p.patients, drill),
        { text: rounded(p.mean), csv: Number(p.mean.toFixed(2)), drill },
      ];
    }),
  };
}

/** The network view's comparison: one row per clinic, each number from that clinic's patients. */
export function clinicsTable(clinics: readonly ClinicOutcomes[]): TableModel {
  return {
    key: 'by-clinic',
    caption: 'By clinic',
    columns: [
      'Clinic',
      'Response 12–16 weeks (%)',
      'Remission 12–16 weeks (%)',
      'Mean GAD-7 change',
      'Median days to BH contact',
      'Show rate (%)',
      'Warm handoffs requested',
      'Net revenue (USD)',
    ],
    rows: clinics.map((c) => {
      const window = c.windows.find((w) => w.window === 'week12to16');
      const at = (title: string, key: string) => drillOf(c, `${c.clinicName}: ${title}`, key);
      const net = c.billing.totals.netCents;
      return [
        text(c.clinicName),
        {
          text: percent(window?.response.rate ?? null),
          csv: percentNumber(window?.response.rate ?? null),
          drill: at('responded at 12–16 weeks', metricId.response('week12to16')),
        },
        {
          text: percent(window?.remission.rate ?? null),
          csv: percentNumber(window?.remission.rate ?? null),
          drill: at('in remission at 12–16 weeks', metricId.remission('week12to16')),
        },
        {
          text: signed(c.gad7Change.meanChange),
          csv: c.gad7Change.meanChange,
          drill: at('GAD-7 measured twice', metricId.gad7Change),
        },
        {
          text: rounded(c.screenToContact.medianDays),
          csv: c.screenToContact.medianDays,
          drill: at('reached by BH after a positive screen', metricId.contacted),
        },
        {
          text: percent(c.attendance.showRate),
          csv: percentNumber(c.attendance.showRate),
          drill: at('visits attended', metricId.arrived),
        },
        count(c.handoffs.requested, at('warm handoffs requested', metricId.handoffsRequested)),
        {
          text: money(net),
          csv: dollars(net),
          drill: allBilled(c, `${c.clinicName}: billed in the period`),
        },
      ];
    }),
  };
}
