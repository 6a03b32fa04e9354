import { describe, expect, it } from 'vitest';
import type { DrilldownEntry, OutcomeSummary } from '../../../web/lib/outcomes';
import { niceMax } from '../../../web/features/outcomes/axis';
import { duration, monthLabel, percent, signed } from '../../../web/features/outcomes/format';
import {
  clinicsTable,
  codesTable,
  engagementTable,
  windowsTable,
} from '../../../web/features/outcomes/model';

const who = (patientId: string, clinicId = 'pine-ridge'): DrilldownEntry => ({
  clinicId,
  patientId,
  label: `${patientId} X.`,
});

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Number((numerator / denominator).toFixed(3)),
});

const summary = (over: Partial<OutcomeSummary> = {}): OutcomeSummary => ({
  windows: [
    { window: 'week8', fromDay: 49, toDay: 63, response: rate(1, 3), remission: rate(0, 3) },
  ],
  gad7Change: { patients: 2, meanChange: -3.25 },
  screenToContact: { screened: 3, contacted: 2, medianDays: 4.5 },
  attendance: {
    booked: 4,
    arrived: 3,
    noShow: 1,
    cancelledLate: 0,
    showRate: 0.75,
    noShowRate: 0.25,
  },
  handoffs: { requested: 2, accepted: 1, fellBack: 1, medianTimeToConnectMs: 95_000 },
  billing: {
    rateYears: [2026],
    months: [
      {
        month: '2026-01',
        closed: true,
        patients: 2,
        units: { '99492': 1, '99493': 1 },
        estimatedRevenueCents: 30_000,
        bhFteCostCents: 50_000,
      },
      {
        month: '2026-02',
        closed: false,
        patients: 2,
        units: { '99493': 2, '99494': 1 },
        estimatedRevenueCents: 40_000,
        bhFteCostCents: 50_000,
      },
    ],
    totals: {
      units: { '99492': 1, '99493': 3, '99494': 1 },
      estimatedRevenueCents: 70_000,
      bhFteCostCents: 100_000,
      netCents: -30_000,
    },
  },
  phq9ByMonth: [{ month: 0, patients: 3, mean: 15.333 }],
  drilldown: {
    'eligible.week8': [who('a'), who('b'), who('c')],
    'response.week8': [who('a')],
    'remission.week8': [],
    'billing.2026-01': [who('a'), who('b')],
    'billing.2026-02': [who('b'), who('c')],
    'handoffs.requested': [who('a'), who('d')],
  },
  ...over,
});

describe('outcome tables', () => {
  it('ties each window number to the patients behind it', () => {
    const [row] = windowsTable(summary()).rows;
    expect(row?.map((c) => c.text)).toEqual(['8 weeks, days 49–63', '3', '1', '33.3%', '0', '0%']);
    expect(row?.[1]?.drill?.entries.map((e) => e.patientId)).toEqual(['a', 'b', 'c']);
    expect(row?.[3]?.drill?.entries.map((e) => e.patientId)).toEqual(['a']);
    expect(row?.[3]?.csv).toBe(33.3);
    expect(row?.[5]?.drill?.entries).toEqual([]);
  });

  it('totals the codes of the range and drills the total to each billed patient once', () => {
    const table = codesTable(summary());
    expect(table.columns).toEqual([
      'Month',
      'Status',
      'Patients billed',
      '99492',
      '99493',
      '99494',
    ]);
    const total = table.rows.at(-1);
    expect(total?.map((c) => c.text)).toEqual(['Total', '', '3', '1', '3', '1']);
    expect(total?.[2]?.drill?.entries.map((e) => e.patientId).sort()).toEqual(['a', 'b', 'c']);
    expect(table.rows[0]?.map((c) => c.csv)).toEqual(['2026-01', 'Closed', 2, 1, 1, 0]);
  });

  it('counts the patients of a metric from its drill-down, even without any', () => {
    const rows = engagementTable(summary()).rows;
    const handoffs = rows.find((r) => r[0]?.text === 'Warm handoffs requested');
    expect(handoffs?.map((c) => c.text)).toEqual(['Warm handoffs requested', '2', '2']);
    const gad7 = rows.find((r) => r[0]?.text.startsWith('Mean GAD-7'));
    expect(gad7?.[1]?.text).toBe('−3.3');
    expect(gad7?.[1]?.csv).toBe(-3.25);
    expect(gad7?.[2]?.text).toBe('0');
  });

  it('names the clinic in the network comparison’s drill-downs', () => {
    const clinic = {
      ...summary(),
      clinicId: 'pine-ridge',
      clinicName: 'Pine Ridge',
      timeZone: 'America/Denver',
      from: '2026-01',
      to: '2026-02',
    };
    const [row] = clinicsTable([clinic]).rows;
    expect(row?.[0]?.text).toBe('Pine Ridge');
    expect(row?.[6]?.drill?.title).toBe('Pine Ridge: warm handoffs requested');
    expect(row?.[7]?.text).toBe('−$300.00');
    expect(row?.[7]?.csv).toBe(-300);
  });
});

describe('outcome formats', () => {
  it.each([
    [null, '—'],
    [0, '0%'],
    [0.5, '50%'],
    [0.333, '33.3%'],
    [1, '100%'],
  ])('percent(%j) is %j', (value, text) => expect(percent(value)).toBe(text));

  it('writes signed changes, months and durations for people', () => {
    expect([signed(-3.25), signed(2), signed(0), signed(null)]).toEqual(['−3.3', '+2', '0', '—']);
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect([duration(45_000), duration(120_000), duration(200_000), duration(null)]).toEqual([
      '45 s',
      '2 min',
      '3 min 20 s',
      '—',
    ]);
  });
});

describe('chart axes', () => {
  it.each([
    [0, false, 1],
    [0.7, false, 1],
    [2.1, false, 2.5],
    [30_000, false, 50_000],
    [0, true, 2],
    [1, true, 2],
    [3, true, 4],
    [5, true, 6],
    [9, true, 10],
    [11, true, 20],
    [45, true, 60],
  ])('niceMax(%j, counts %j) is %j', (value, counts, max) => {
    expect(niceMax(value, counts)).toBe(max);
    if (counts) expect(Number.isInteger(max / 2)).toBe(true);
  });
});
