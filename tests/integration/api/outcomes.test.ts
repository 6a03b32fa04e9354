/**
 * The outcome dashboard and the billing settings through the real handlers against DynamoDB Local:
 * two patients enrolled in June in clinic A (Denver), measured over the months after, with a
 * contact, billed minutes and a handoff; the numbers, their drill-downs, the audit and the
 * network view's permitted clinics.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClinicOutcomes, NetworkOutcomes } from '../../../functions/contracts/outcomes';
import type { EpisodeView } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import {
  CLINIC_A,
  CLINIC_B,
  NOW,
  admin,
  auditOfDay,
  bcm,
  enrol,
  enrolmentBody,
  enrolmentBodyB,
  episodeParams,
  pcp,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const DAY = 86_400_000;
const NETWORK_ADMIN = 'user-network-admin';

/** PHQ-9 answers summing to `total` (item 9 stays 0), and a GAD-7 summing to `gad7`. */
const submission = (total: number, gad7: number) => {
  const spread = (sum: number, items: number) =>
    Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, sum - i * 3)));
  return {
    language: 'en',
    responses: [
      { instrument: 'PHQ9', answers: [...spread(total, 8), 0] },
      { instrument: 'GAD7', answers: spread(gad7, 7) },
    ],
  };
};

const screenAt = async (patientId: string, at: Date, phq9: number, gad7: number) => {
  suite.setNow(at);
  const reply = await invoke('submitScreening', {
    sub: pcp,
    params: { clinicId: CLINIC_A, patientId },
    body: submission(phq9, gad7),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};

const enrolAt = async (patientId: string, at: Date): Promise<EpisodeView> => {
  suite.setNow(at);
  return enrol(patientId, {
    body: enrolmentBody({
      referredOn: at.toISOString().slice(0, 10),
      consent: { ...enrolmentBody().consent, obtainedAt: at.toISOString() },
      lastSeenByBillingPractitionerOn: '2026-05-01',
    }),
  });
};

const logCall = async (episode: EpisodeView, occurredAt: string, minutes: number) => {
  const reply = await invoke('logActivity', {
    sub: bcm,
    params: episodeParams(episode),
    body: { kind: 'call', minutes, occurredAt },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};

const fx = { p1: '', p2: '', e1: {} as EpisodeView, e2: {} as EpisodeView };
const T1 = new Date('2026-06-01T16:00:00.000Z');
const T2 = new Date('2026-06-10T16:00:00.000Z');
const range = { from: '2026-06', to: '2026-11' };

beforeAll(async () => {
  fx.p1 = await suite.patient(CLINIC_A, 'Quinn');
  fx.p2 = await suite.patient(CLINIC_A, 'Rivera');
  // P1: baseline PHQ-9 20 / GAD-7 14, then 10 at day 56 (response), 4 at day 150 (remission).
  await screenAt(fx.p1, T1, 20, 14);
  fx.e1 = await enrolAt(fx.p1, new Date(T1.getTime() + 60_000));
  await screenAt(fx.p1, new Date(T1.getTime() + 56 * DAY), 10, 9);
  await screenAt(fx.p1, new Date(T1.getTime() + 150 * DAY), 4, 6);
  // P2: baseline 15 / 14, then 12 at day 60 (neither).
  await screenAt(fx.p2, T2, 15, 14);
  fx.e2 = await enrolAt(fx.p2, new Date(T2.getTime() + 60_000));
  await screenAt(fx.p2, new Date(T2.getTime() + 60 * DAY), 12, 10);
  // A handoff asked for P2 in June.
  suite.setNow(new Date(T2.getTime() + 2 * 60_000));
  const handoff = await invoke('requestHandoff', {
    sub: pcp,
    params: { clinicId: CLINIC_A },
    body: { patientId: fx.p2, urgency: 'routine' },
  });
  expect(handoff.status, JSON.stringify(handoff.body)).toBe(201);
  suite.setNow(NOW);
  // P1: first BH contact two days after the screen (40 min: 99492 in June), 31 min in July (99493).
  await logCall(fx.e1, '2026-06-03T16:00:00.000Z', 40);
  await logCall(fx.e1, '2026-07-27T17:00:00.000Z', 31);
  const settings = await invoke('putBillingSettings', {
    sub: admin,
    params: { clinicId: CLINIC_A },
    body: {
      rates: { year: 2026, cents: { '99492': 15_000, '99493': 12_000 } },
      bhFteAnnualCostCents: 1_200_000,
    },
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
});

const outcomes = async (sub = admin, query: Record<string, string> = range) => {
  const reply = await invoke('getClinicOutcomes', { sub, params: { clinicId: CLINIC_A }, query });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as ClinicOutcomes;
};

const who = (entries: { patientId: string }[] | undefined) =>
  (entries ?? []).map((entry) => entry.patientId).sort();

describe('billing settings', () => {
  it('stores the rate table and FTE cost, with defaults for the rest, and audits the change', async () => {
    const reply = await invoke('getBillingSettings', { sub: pcp, params: { clinicId: CLINIC_A } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      facilityType: 'standard',
      placeOfService: '11',
      rates: { year: 2026, cents: { '99492': 15_000, '99493': 12_000 } },
      bhFteAnnualCostCents: 1_200_000,
    });
    const events = await auditOfDay(suite, CLINIC_A);
    expect(events.some((e) => e.action === 'clinic.billing-settings' && e.actorId === admin)).toBe(
      true,
    );
  });

  it('refuses a payer kind pointing at a profile that does not exist (400 naming it)', async () => {
    const reply = await invoke('putBillingSettings', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: { profiles: { medicaid: 'state-plan-x' } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields).toEqual([
      { field: 'body.profiles.medicaid', message: 'no payer profile "state-plan-x"' },
    ]);
  });

  it('accepts a custom profile the clinic defines and points a payer kind at it', async () => {
    const profile = {
      id: 'state-plan-x',
      label: 'State plan X',
      countedKinds: ['call', 'visit'],
      countedRoles: ['bcm'],
      codes: ['99492', '99493'],
      thresholds: {},
      addOnMaxUnits: 0,
      newEpisodeAfterMonths: 6,
    };
    const reply = await invoke('putBillingSettings', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: {
        rates: { year: 2026, cents: { '99492': 15_000, '99493': 12_000 } },
        bhFteAnnualCostCents: 1_200_000,
        profiles: { medicaid: 'state-plan-x' },
        customProfiles: [profile],
      },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ profiles: { medicaid: 'state-plan-x' } });
  });
});

describe('clinic outcomes', () => {
  it('reports response and remission per window with the patients behind each number', async () => {
    const body = await outcomes();
    expect(body).toMatchObject({ clinicId: CLINIC_A, timeZone: 'America/Denver', ...range });
    expect(body.windows).toEqual([
      {
        window: 'week8',
        fromDay: 49,
        toDay: 63,
        response: { numerator: 1, denominator: 2, rate: 0.5 },
        remission: { numerator: 0, denominator: 2, rate: 0 },
      },
      {
        window: 'week12to16',
        fromDay: 84,
        toDay: 112,
        response: { numerator: 0, denominator: 0, rate: null },
        remission: { numerator: 0, denominator: 0, rate: null },
      },
      {
        window: 'day120to240',
        fromDay: 120,
        toDay: 240,
        response: { numerator: 1, denominator: 1, rate: 1 },
        remission: { numerator: 1, denominator: 1, rate: 1 },
      },
    ]);
    expect(who(body.drilldown['eligible.week8'])).toEqual([fx.p1, fx.p2].sort());
    expect(body.drilldown['response.week8']).toEqual([
      { clinicId: CLINIC_A, patientId: fx.p1, episodeId: fx.e1.episodeId, label: 'Test Q.' },
    ]);
    expect(who(body.drilldown['remission.day120to240'])).toEqual([fx.p1]);
  });

  it('reports GAD-7 change, screen-to-contact, handoffs and the PHQ-9 trend', async () => {
    const body = await outcomes();
    // P1 14 → 6, P2 14 → 10.
    expect(body.gad7Change).toEqual({ patients: 2, meanChange: -6 });
    expect(who(body.drilldown.gad7Change)).toEqual([fx.p1, fx.p2].sort());
    // P1 screened 1 June, called 3 June; P2 never contacted.
    expect(body.screenToContact).toEqual({ screened: 2, contacted: 1, medianDays: 2 });
    expect(who(body.drilldown['screenToContact.contacted'])).toEqual([fx.p1]);
    expect(who(body.drilldown['screenToContact.screened'])).toEqual([fx.p1, fx.p2].sort());
    expect(body.handoffs).toMatchObject({ requested: 1, accepted: 0 });
    expect(who(body.drilldown['handoffs.requested'])).toEqual([fx.p2]);
    expect(body.attendance).toMatchObject({ booked: 0, showRate: null, noShowRate: null });
    expect(body.phq9ByMonth).toEqual([
      { month: 0, patients: 2, mean: 17.5 },
      { month: 1, patients: 2, mean: 11 },
      { month: 4, patients: 1, mean: 4 },
    ]);
    expect(who(body.drilldown['phq9ByMonth.4'])).toEqual([fx.p1]);
  });

  it('bills each month with the engine, against the prorated BH FTE cost', async () => {
    const body = await outcomes();
    expect(body.billing.rateYears).toEqual([2026]);
    expect(body.billing.months.map((m) => [m.month, m.units, m.closed])).toEqual([
      ['2026-06', { '99492': 1 }, false],
      ['2026-07', { '99493': 1 }, false],
      ['2026-08', {}, false],
      ['2026-09', {}, false],
      ['2026-10', {}, false],
      ['2026-11', {}, false],
    ]);
    expect(body.billing.totals).toEqual({
      units: { '99492': 1, '99493': 1 },
      estimatedRevenueCents: 27_000,
      bhFteCostCents: 600_000,
      netCents: -573_000,
    });
    expect(body.drilldown['billing.2026-07']).toEqual([
      { clinicId: CLINIC_A, patientId: fx.p1, episodeId: fx.e1.episodeId, label: 'Test Q.' },
    ]);
    expect(body.drilldown['billing.2026-08']).toEqual([]);
  });

  it('judges July as a later month even when the range starts there (June is history)', async () => {
    const body = await outcomes(admin, { from: '2026-07', to: '2026-07' });
    expect(body.billing.months.map((m) => m.units)).toEqual([{ '99493': 1 }]);
    // Nobody was enrolled in July: the cohort numbers are empty, not wrong.
    expect(body.gad7Change).toEqual({ patients: 0, meanChange: null });
  });

  it('audits each read once in the clinic; a PCP may read, a BCM may not', async () => {
    const before = (await auditOfDay(suite, CLINIC_A)).filter((e) => e.action === 'outcomes.read');
    await outcomes(pcp);
    const after = (await auditOfDay(suite, CLINIC_A)).filter((e) => e.action === 'outcomes.read');
    expect(after.length - before.length).toBe(1);
    const seen = new Set(before.map((e) => e.eventId));
    expect(after.filter((e) => !seen.has(e.eventId))).toMatchObject([
      { actorId: pcp, outcome: 'success', resourceType: 'outcomes' },
    ]);
    const refused = await invoke('getClinicOutcomes', {
      sub: bcm,
      params: { clinicId: CLINIC_A },
      query: range,
    });
    expect(refused.status).toBe(403);
  });

  it.each<{ query: Record<string, string>; field: string }>([
    { query: { from: '2026-11', to: '2026-06' }, field: 'query.from' },
    { query: { from: '2024-01', to: '2026-11' }, field: 'query.to' },
    { query: { from: '2026-13' }, field: 'query.from' },
  ])('refuses $query with a 400 on $field', async ({ query, field }) => {
    const reply = await invoke('getClinicOutcomes', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      query,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields?.map((f) => f.field)).toContain(field);
  });
});

describe('network outcomes', () => {
  beforeAll(async () => {
    // Clinic B: one enrolled patient measured at week 8 (response), seen only by its readers.
    const patientB = await suite.patient(CLINIC_B, 'Stone');
    const at = new Date('2026-06-15T16:00:00.000Z');
    suite.setNow(at);
    const first = await invoke('submitScreening', {
      sub: 'user-pcp-b',
      params: { clinicId: CLINIC_B, patientId: patientB },
      body: submission(18, 12),
    });
    expect(first.status).toBe(201);
    suite.setNow(new Date(at.getTime() + 60_000));
    await enrol(patientB, {
      clinicId: CLINIC_B,
      body: enrolmentBodyB({
        referredOn: '2026-06-15',
        consent: {
          ...enrolmentBodyB().consent,
          obtainedAt: new Date(at.getTime() + 1).toISOString(),
        },
      }),
    });
    suite.setNow(new Date(at.getTime() + 56 * DAY));
    const later = await invoke('submitScreening', {
      sub: 'user-pcp-b',
      params: { clinicId: CLINIC_B, patientId: patientB },
      body: submission(6, 5),
    });
    expect(later.status).toBe(201);
    suite.setNow(NOW);
    await suite.member(NETWORK_ADMIN, CLINIC_A, 'admin');
    await suite.member(NETWORK_ADMIN, CLINIC_B, 'admin');
    // The clinic A admin is also clinic B's BCM: no outcomes there.
    await suite.member(admin, CLINIC_B, 'bcm');
  });

  const network = async (sub: string) => {
    const reply = await invoke('getNetworkOutcomes', { sub, query: range });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as unknown as NetworkOutcomes;
  };

  it('adds up every clinic where the caller reads outcomes, with the per-clinic rows', async () => {
    const body = await network(NETWORK_ADMIN);
    expect(body.clinics.map((c) => c.clinicId)).toEqual([CLINIC_A, CLINIC_B]);
    const week8 = body.network.windows.find((w) => w.window === 'week8');
    expect(week8?.response).toEqual({ numerator: 2, denominator: 3, rate: 0.667 });
    expect(new Set(body.network.drilldown['response.week8']?.map((e) => e.clinicId))).toEqual(
      new Set([CLINIC_A, CLINIC_B]),
    );
    expect(body.clinics[1]?.windows[0]?.response).toEqual({
      numerator: 1,
      denominator: 1,
      rate: 1,
    });
    // Clinic B has no rates entered: default rate table, no revenue; both clinics' FTE cost.
    expect(body.network.billing.totals.estimatedRevenueCents).toBe(27_000);
    expect(body.network.billing.rateYears).toEqual([2026]);
    // One audit event in each clinic read.
    for (const clinicId of [CLINIC_A, CLINIC_B]) {
      const events = await auditOfDay(suite, clinicId);
      expect(
        events.filter((e) => e.action === 'outcomes.read' && e.actorId === NETWORK_ADMIN),
      ).toHaveLength(1);
    }
  });

  it('leaves out clinics where the caller holds no outcome-reading role', async () => {
    const body = await network(admin);
    expect(body.clinics.map((c) => c.clinicId)).toEqual([CLINIC_A]);
    expect(body.network.windows[0]?.response).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(
      (await auditOfDay(suite, CLINIC_B)).filter(
        (e) => e.action === 'outcomes.read' && e.actorId === admin,
      ),
    ).toEqual([]);
  });

  it('refuses a caller who reads outcomes nowhere', async () => {
    const reply = await invoke('getNetworkOutcomes', { sub: bcm, query: range });
    expect(reply.status).toBe(403);
  });
});
