import { useState } from 'react';
import type { Me } from '@lib/contracts';
import { areaOfRole } from '@lib/clinic';
import type { ClinicOutcomes, OutcomeSummary } from '@lib/outcomes';
import { BarChart, Phq9Chart, type Category, type Series } from './charts';
import { DrilldownDialog } from './DrilldownDialog';
import { moneyShort } from './format';
import { MetricTable } from './MetricTable';
import {
  clinicsTable,
  codesIn,
  codesTable,
  engagementTable,
  phq9Table,
  revenueTable,
  sinceEnrolmentLabel,
  windowsTable,
  type Drill,
} from './model';
import './outcomes.css';

const SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** "Dec" over "2025" at the first month and each January, so twelve labels fit the axis. */
const axisMonths = (months: readonly string[]): Category[] =>
  months.map((month, i) => {
    const [year, m] = month.split('-');
    const label = SHORT_MONTHS[Number(m) - 1] ?? month;
    return i === 0 || m === '01' ? { label, sub: year } : { label };
  });

const CODE_COLORS = ['#1f4e79', '#4f86c6', '#9cc3e6', '#7a5195', '#ef8a62', '#b2182b'];

/**
 * The numbers of one clinic or of the network, each table with its chart. `me` decides which
 * drill-down names link to a patient page (a staff membership in that patient's clinic).
 */
export function Dashboard({
  summary,
  clinics,
  clinicNames,
  me,
  filePrefix,
}: {
  summary: OutcomeSummary;
  /** Per-clinic rows of the network view. */
  clinics?: readonly ClinicOutcomes[];
  clinicNames: ReadonlyMap<string, string>;
  me: Me;
  filePrefix: readonly string[];
}) {
  const [drill, setDrill] = useState<Drill | null>(null);
  const canOpen = (clinicId: string) =>
    me.memberships.some((m) => m.clinicId === clinicId && areaOfRole[m.role] === 'staff');
  const table = (model: ReturnType<typeof windowsTable>) => (
    <MetricTable table={model} filePrefix={filePrefix} onDrill={setDrill} />
  );
  const months = summary.billing.months;
  const categories = axisMonths(months.map((m) => m.month));
  const codeSeries: Series[] = codesIn(summary).map((code, i) => ({
    name: code,
    color: CODE_COLORS[i % CODE_COLORS.length] ?? '#1f4e79',
    values: months.map((m) => m.units[code] ?? 0),
  }));
  const moneySeries: Series[] = [
    {
      name: 'Estimated revenue',
      color: '#2e7d4f',
      values: months.map((m) => m.estimatedRevenueCents),
    },
    { name: 'BH FTE cost', color: '#b0623a', values: months.map((m) => m.bhFteCostCents) },
  ];
  return (
    <div className="outcomes">
      <section className="card" aria-labelledby="outcomes-response">
        <h2 id="outcomes-response">Response and remission</h2>
        <p className="hint">
          Patients enrolled with an elevated baseline PHQ-9 who have a PHQ-9 in the window; the most
          recent one in the window counts.
        </p>
        {table(windowsTable(summary))}
      </section>

      <section className="card" aria-labelledby="outcomes-engagement">
        <h2 id="outcomes-engagement">Anxiety, access, attendance and handoffs</h2>
        {table(engagementTable(summary))}
      </section>

      <section className="card" aria-labelledby="outcomes-codes">
        <h2 id="outcomes-codes">CoCM codes billed</h2>
        {codeSeries.length === 0 ? (
          <p>No CoCM codes in this period.</p>
        ) : (
          <BarChart
            id="codes-billed"
            title="CoCM code units billed per month"
            categories={categories}
            series={codeSeries}
            stacked
            counts
            format={(v) => String(v)}
          />
        )}
        {table(codesTable(summary))}
      </section>

      <section className="card" aria-labelledby="outcomes-revenue">
        <h2 id="outcomes-revenue">Revenue and BH FTE cost</h2>
        {moneySeries.every((s) => s.values.every((v) => v === 0)) ? (
          <p>
            No revenue or cost to chart: the rate table and the BH FTE cost are entered in the
            clinic&apos;s billing settings.
          </p>
        ) : (
          <BarChart
            id="revenue"
            title="Estimated revenue against BH FTE cost per month"
            categories={categories}
            series={moneySeries}
            stacked={false}
            format={moneyShort}
          />
        )}
        {table(revenueTable(summary))}
      </section>

      <section className="card" aria-labelledby="outcomes-phq9">
        <h2 id="outcomes-phq9">Average PHQ-9 by month since enrolment</h2>
        {summary.phq9ByMonth.length === 0 ? (
          <p>No PHQ-9 measures of enrolled patients in this period.</p>
        ) : (
          <Phq9Chart points={summary.phq9ByMonth} label={sinceEnrolmentLabel} />
        )}
        {table(phq9Table(summary))}
      </section>

      {clinics && clinics.length > 0 && (
        <section className="card" aria-labelledby="outcomes-clinics">
          <h2 id="outcomes-clinics">By clinic</h2>
          {table(clinicsTable(clinics))}
        </section>
      )}

      {drill && (
        <DrilldownDialog
          drill={drill}
          clinicNames={clinicNames}
          canOpen={canOpen}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}
