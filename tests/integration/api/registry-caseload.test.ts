/**
 * The BCM's caseload across three clinics in two zones (A and C Denver, B Chicago): only covered
 * clinics, server-side filters, paging with the capacity counter, audit per clinic shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caseload, EpisodeView } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import {
  BCM_B,
  CLINIC_A,
  CLINIC_B,
  NOW,
  PCP_B,
  PSYCHIATRIST_B,
  auditOfDay,
  bcm,
  enrol,
  enrolmentBody,
  episodeParams,
  pcp,
  psychiatrist,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();

const CLINIC_C = 'clinic-c';
const PCP_C = 'user-pcp-c';
const ADMIN_B = 'user-admin-b';
/** A BCM covering all three clinics (the fixtures' BCM covers A only). */
const NET_BCM = 'user-bcm-net';

const rows: Record<'a1' | 'a2' | 'b' | 'c', EpisodeView> = {} as never;

const referral = (referredOn: string) => ({
  referredOn,
  consent: {
    obtainedAt: `${referredOn}T17:00:00.000Z`,
    method: 'written',
    psychiatricConsultationExplained: true,
    costSharingExplained: true,
  },
});

beforeAll(async () => {
  await suite.deps.store.clinics.put({
    clinicId: CLINIC_C,
    networkId: 'test-network',
    name: 'Clinic C',
    timeZone: 'America/Denver',
    integrationModel: 'collaborative-care',
    triageRuleVersion: 1,
    createdAt: NOW.toISOString(),
  });
  await suite.member(PCP_C, CLINIC_C, 'pcp');
  await suite.member(psychiatrist, CLINIC_C, 'psychiatrist');
  for (const clinicId of [CLINIC_A, CLINIC_B, CLINIC_C]) {
    await suite.member(NET_BCM, clinicId, 'bcm');
  }
  await suite.member(ADMIN_B, CLINIC_B, 'admin');
  const stricter = await invoke('putRegistrySettings', {
    sub: ADMIN_B,
    params: { clinicId: CLINIC_B },
    body: { caseloadWarningPerFte: 60 },
  });
  expect(stricter.status).toBe(200);

  const team = { bcmId: NET_BCM };
  rows.a1 = await enrol(await suite.patient(CLINIC_A, 'Adams'), {
    body: enrolmentBody({ ...team, ...referral('2026-09-01') }),
  });
  rows.a2 = await enrol(await suite.patient(CLINIC_A, 'Avery'), {
    body: enrolmentBody({ ...team, ...referral('2026-09-01') }),
  });
  rows.b = await enrol(await suite.patient(CLINIC_B, 'Baker'), {
    clinicId: CLINIC_B,
    body: enrolmentBody({
      ...team,
      billingPractitionerId: PCP_B,
      psychiatristId: PSYCHIATRIST_B,
    }),
  });
  rows.c = await enrol(await suite.patient(CLINIC_C, 'Carter'), {
    clinicId: CLINIC_C,
    sub: PCP_C,
    body: enrolmentBody({ ...team, billingPractitionerId: PCP_C, ...referral('2026-10-15') }),
  });
  // Someone else's caseload row, in a clinic the network BCM covers.
  await enrol(await suite.patient(CLINIC_B, 'Other'), {
    clinicId: CLINIC_B,
    body: enrolmentBody({
      bcmId: BCM_B,
      billingPractitionerId: PCP_B,
      psychiatristId: PSYCHIATRIST_B,
    }),
  });
});

const caseload = async (query: Record<string, string> = {}, sub = NET_BCM) => {
  const reply = await invoke('getMyCaseload', { sub, query });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as Caseload;
};

const ids = (page: Caseload) => page.items.map((v) => v.episodeId).sort();
const idsOf = (...views: EpisodeView[]) => views.map((v) => v.episodeId).sort();

describe("the BCM's caseload", () => {
  it('shows every covered clinic in its own zone, with capacity, audited once per clinic', async () => {
    const page = await caseload();
    expect(ids(page)).toEqual(idsOf(rows.a1, rows.a2, rows.b, rows.c));
    expect(page.capacity).toEqual({ activePatients: 4, fte: 1, warningAt: 60 });
    const b = page.items.find((v) => v.clinicId === CLINIC_B);
    expect(b).toMatchObject({ timeZone: 'America/Chicago', clinicName: 'Clinic clinic-b' });
    expect(page.items.find((v) => v.clinicId === CLINIC_C)).toMatchObject({
      timeZone: 'America/Denver',
      clinicName: 'Clinic C',
      weeksInTreatment: 5,
    });
    expect(page.items.every((v) => v.flags.some((f) => f.kind === 'new'))).toBe(true);
    for (const clinicId of [CLINIC_A, CLINIC_B, CLINIC_C]) {
      const reads = (await auditOfDay(suite, clinicId)).filter(
        (e) => e.action === 'caseload.read' && e.actorId === NET_BCM,
      );
      expect(reads, clinicId).toHaveLength(1);
    }
  });

  it('filters by clinic, flag and weeks in treatment on the server', async () => {
    expect(ids(await caseload({ clinicId: CLINIC_B }))).toEqual(idsOf(rows.b));
    expect(ids(await caseload({ minWeeks: '4' }))).toEqual(idsOf(rows.a1, rows.a2, rows.c));
    expect(ids(await caseload({ maxWeeks: '6' }))).toEqual(idsOf(rows.b, rows.c));
    expect(ids(await caseload({ minWeeks: '4', maxWeeks: '6' }))).toEqual(idsOf(rows.c));
    expect(ids(await caseload({ flag: 'new' }))).toHaveLength(4);
    expect(ids(await caseload({ flag: 'safety' }))).toEqual([]);
    const bad = await invoke('getMyCaseload', { sub: NET_BCM, query: { flag: 'sad' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.[0]?.field).toBe('query.flag');
  });

  it('pages with a cursor, the counter on every page', async () => {
    const first = await caseload({ limit: '3' });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
    const second = await caseload({ limit: '3', cursor: first.nextCursor ?? '' });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    expect([...ids(first), ...ids(second)].sort()).toEqual(idsOf(rows.a1, rows.a2, rows.b, rows.c));
    expect(second.capacity.activePatients).toBe(4);
  });

  it("holds only the BCM's own rows; other care-team members get an empty list", async () => {
    const fixturesBcm = await caseload({}, bcm);
    expect(fixturesBcm.items).toEqual([]);
    expect(fixturesBcm.capacity).toMatchObject({ activePatients: 0, warningAt: 80 });
    expect((await caseload({}, BCM_B)).items).toHaveLength(1);
    expect((await caseload({}, pcp)).items).toEqual([]);
  });

  it('drops a clinic whose coverage ended, and a discharged patient', async () => {
    await suite.deps.store.memberships.remove(NET_BCM, CLINIC_C, 'bcm');
    const page = await caseload();
    expect(ids(page)).toEqual(idsOf(rows.a1, rows.a2, rows.b));
    // The counter counts the caseload as stored; coverage decides what is shown.
    expect(page.capacity.activePatients).toBe(4);
    const gone = await invoke('getMyCaseload', { sub: NET_BCM, query: { clinicId: CLINIC_C } });
    expect(gone.status).toBe(404);

    const out = await invoke('dischargeEpisode', {
      sub: NET_BCM,
      params: episodeParams(rows.a2),
      body: { reason: 'referred_out' },
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    const after = await caseload();
    expect(ids(after)).toEqual(idsOf(rows.a1, rows.b));
    expect(after.capacity.activePatients).toBe(3);
  });
});
