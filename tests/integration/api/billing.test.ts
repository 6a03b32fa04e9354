/**
 * CoCM billing through the real handlers against DynamoDB Local: the live worksheet, the month
 * boundary in the clinic's zone, the once-only close (five closers at once, a crashed close
 * resumed), the read-only closed month, adjustments and the claim CSV.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ClaimExport,
  WorksheetLine,
  WorksheetView,
} from '../../../functions/contracts/billing';
import { ClinicOutcomes } from '../../../functions/contracts/outcomes';
import type { EpisodeView } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import { makePatient } from '../../support/network';
import {
  admin,
  auditOfDay,
  bcm,
  BCM_B,
  CLINIC_A,
  CLINIC_B,
  enrol,
  enrolmentBody,
  enrolmentBodyB,
  episodeParams,
  NOW,
  pcp,
  PCP_B,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const ADMIN_B = 'user-admin-b';
const OCTOBER = '2026-10';
const october = {
  referredOn: '2026-10-01',
  consent: {
    obtainedAt: '2026-10-01T17:00:00.000Z',
    method: 'verbal',
    psychiatricConsultationExplained: true,
    costSharingExplained: true,
  },
};

const patientNamed = async (clinicId: string, familyName: string, givenName: string) => {
  const p = { ...makePatient(clinicId, suite.deps.ids.next(), familyName), givenName };
  await suite.table.store.patients.create(p, {
    eventId: suite.deps.ids.next(),
    at: p.createdAt,
    actorId: 'seed',
    clinicId,
    patientId: p.patientId,
    action: 'patient.create',
    resourceType: 'patient',
    resourceId: p.patientId,
    outcome: 'success',
  });
  return p.patientId;
};

const log = (episode: EpisodeView, occurredAt: string, minutes: number, sub = bcm) =>
  invoke('logActivity', {
    sub,
    params: episodeParams(episode),
    body: { kind: 'call', minutes, occurredAt },
  });

const logged = async (episode: EpisodeView, occurredAt: string, minutes: number, sub = bcm) => {
  const reply = await log(episode, occurredAt, minutes, sub);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};

const worksheet = async (month: string, clinicId = CLINIC_A, sub = admin) => {
  const reply = await invoke('getBillingWorksheet', { sub, params: { clinicId, month } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as WorksheetView;
};

const lineOf = (sheet: WorksheetView, episode: EpisodeView): WorksheetLine | undefined =>
  sheet.groups.flatMap((group) => group.lines).find((l) => l.episodeId === episode.episodeId);

const close = (month: string, clinicId = CLINIC_A, sub = admin) =>
  invoke('closeBillingMonth', { sub, params: { clinicId, month } });

let reyes: EpisodeView;
let gated: EpisodeView;

beforeAll(async () => {
  const pcpProfile = await suite.table.store.users.get(pcp);
  if (!pcpProfile) throw new Error('seeded PCP missing');
  await suite.table.store.users.put({
    ...pcpProfile,
    displayName: 'Kim, Dana MD',
    npi: '1234567893',
  });
  await suite.member(ADMIN_B, CLINIC_B, 'admin');
  reyes = await enrol(await patientNamed(CLINIC_A, 'Núñez, Jr.', 'José "Pepe"'), {
    body: enrolmentBody({ ...october, lastSeenByBillingPractitionerOn: '2026-09-15' }),
  });
  // No visit with the billing practitioner on record: the initiating-visit gate holds the line.
  gated = await enrol(await suite.patient(CLINIC_A, 'Gated'), {
    body: enrolmentBody(october),
  });
  await logged(reyes, '2026-10-10T16:00:00.000Z', 30);
  // 23:30 on 31 October in Denver: October's minutes, although it is 1 November in UTC.
  await logged(reyes, '2026-11-01T05:30:00.000Z', 10);
  await logged(gated, '2026-10-12T16:00:00.000Z', 40);
});

describe('the live worksheet', () => {
  it('counts a month on the clinic calendar: 05:30Z on the 1st is the previous month in Denver', async () => {
    const sheet = await worksheet(OCTOBER);
    expect(sheet).toMatchObject({ status: 'open', timeZone: 'America/Denver', adjustments: [] });
    expect(lineOf(sheet, reyes)).toMatchObject({
      countedMinutes: 40,
      codes: [{ code: '99492', units: 1 }],
      gates: [],
      minutesToNext: null,
    });
    const november = lineOf(await worksheet('2026-11'), reyes);
    expect(november?.countedMinutes).toBe(0);
  });

  it('holds a gated line and groups it under its practitioner', async () => {
    const sheet = await worksheet(OCTOBER);
    expect(lineOf(sheet, gated)).toMatchObject({
      countedMinutes: 40,
      codes: [],
      earnedCodes: [{ code: '99492', units: 1 }],
      gates: [expect.objectContaining({ kind: 'initiating_visit_needed' })],
    });
    expect(sheet.groups.map((group) => group.billingPractitionerId)).toEqual([pcp]);
    expect(sheet.totals).toMatchObject({ patients: 2, billableLines: 1, gatedLines: 1 });
  });

  it('shows the current month with the minutes to the next threshold', async () => {
    await logged(reyes, '2026-11-05T16:00:00.000Z', 20);
    const line = lineOf(await worksheet('2026-11'), reyes);
    // October was the episode's first month, so November is a later one: 99493 from 31.
    expect(line).toMatchObject({ monthOfEpisode: 'later', countedMinutes: 20 });
    expect(line?.minutesToNext).toEqual({ code: '99493', minutes: 11 });
  });

  it('audits every read, and the PCP reads it too', async () => {
    await worksheet(OCTOBER, CLINIC_A, pcp);
    const reads = (await auditOfDay(suite, CLINIC_A)).filter(
      (event) => event.action === 'billing.worksheet.read' && event.actorId === pcp,
    );
    expect(reads).toEqual([
      expect.objectContaining({ resourceType: 'billing-worksheet', resourceId: OCTOBER }),
    ]);
  });
});

describe('closing a month', () => {
  it('refuses a month that has not ended in the clinic zone', async () => {
    const reply = await close('2026-11');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('path.month');
  });

  it('refuses everyone without billing.close (the PCP reads only)', async () => {
    expect((await close(OCTOBER, CLINIC_A, pcp)).status).toBe(403);
  });

  it('of five closers at once exactly one closes; the others get 409 naming the closer', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => close(OCTOBER)));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const won = replies.find((reply) => reply.status === 201);
    expect(won?.body).toMatchObject({
      status: 'closed',
      closedBy: admin,
      lines: 2,
      month: OCTOBER,
    });
    for (const lost of replies.filter((reply) => reply.status === 409)) {
      expect(JSON.stringify(lost.body)).toMatch(/already (closed|being closed) by user-admin-a/);
    }
    const again = await close(OCTOBER);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('already closed by user-admin-a');
  });

  it('is read-only afterwards: an activity in it is refused, the next month still takes one', async () => {
    const refused = await log(reyes, '2026-10-20T16:00:00.000Z', 15);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('body.occurredAt');
    expect(JSON.stringify(refused.body)).toContain('ask the billing admin for an adjustment');
    // The clinic-zone boundary again: 05:45Z on 1 November is still October in Denver.
    expect((await log(reyes, '2026-11-01T05:45:00.000Z', 5)).status).toBe(409);
    await logged(reyes, '2026-11-01T07:30:00.000Z', 5);
  });

  it('serves the snapshot, not a recomputation', async () => {
    // A change to the inputs behind the close's back (an activity written straight to the
    // store) does not move the closed month.
    const episode = await suite.table.store.episodes.get(
      CLINIC_A,
      reyes.patientId,
      reyes.episodeId,
    );
    if (!episode) throw new Error('episode missing');
    await suite.table.store.episodes.save(
      { ...episode, version: episode.version + 1 },
      episode.version,
      {
        eventId: suite.deps.ids.next(),
        at: NOW.toISOString(),
        actorId: 'test',
        clinicId: CLINIC_A,
        patientId: reyes.patientId,
        action: 'care-activity.create',
        resourceType: 'care-activity',
        outcome: 'success',
      },
      {
        activity: {
          activityId: suite.deps.ids.next(),
          clinicId: CLINIC_A,
          patientId: reyes.patientId,
          episodeId: reyes.episodeId,
          performedBy: bcm,
          role: 'bcm',
          kind: 'call',
          modality: 'phone',
          minutes: 60,
          occurredAt: '2026-10-25T16:00:00.000Z',
          recordedAt: NOW.toISOString(),
          source: { manual: true },
        },
      },
    );
    const sheet = await worksheet(OCTOBER);
    expect(sheet).toMatchObject({ status: 'closed', closedBy: admin });
    expect(lineOf(sheet, reyes)).toMatchObject({
      countedMinutes: 40,
      codes: [{ code: '99492', units: 1 }],
    });
    expect(sheet.totals).toMatchObject({ patients: 2, billableLines: 1, gatedLines: 1 });
  });
});

describe('adjustments', () => {
  const adjust = (month: string, body: unknown, sub = admin) =>
    invoke('createBillingAdjustment', { sub, params: { clinicId: CLINIC_A, month }, body });

  it('apply to a closed month only', async () => {
    const reply = await adjust('2026-11', {
      lineId: `2026-11~${reyes.episodeId}`,
      reason: 'late note',
      delta: { countedMinutes: 5 },
    });
    expect(reply.status).toBe(409);
    expect(JSON.stringify(reply.body)).toContain('path.month');
  });

  it('must reference a closed line and never take a line below zero', async () => {
    const unknown = await adjust(OCTOBER, {
      lineId: `${OCTOBER}~nope`,
      reason: 'x',
      delta: { countedMinutes: 5 },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('body.lineId');
    const negative = await adjust(OCTOBER, {
      lineId: `${OCTOBER}~${reyes.episodeId}`,
      reason: 'x',
      delta: { codes: [{ code: '99494', units: -1 }] },
    });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('body.delta.codes.0.units');
    const empty = await adjust(OCTOBER, {
      lineId: `${OCTOBER}~${reyes.episodeId}`,
      reason: 'x',
      delta: {},
    });
    expect(empty.status).toBe(400);
  });

  it('are stored, audited and shown on the closed worksheet', async () => {
    const lineId = `${OCTOBER}~${reyes.episodeId}`;
    const reply = await adjust(OCTOBER, {
      lineId,
      reason: 'Late-documented outreach of 50 minutes on 10/28',
      delta: { countedMinutes: 50, codes: [{ code: '99494', units: 1 }] },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ lineId, by: admin, month: OCTOBER });
    const sheet = await worksheet(OCTOBER);
    expect(sheet.adjustments).toHaveLength(1);
    expect(lineOf(sheet, reyes)).toMatchObject({
      countedMinutes: 90,
      codes: [
        { code: '99492', units: 1 },
        { code: '99494', units: 1 },
      ],
    });
    expect(sheet.totals.units).toEqual({ '99492': 1, '99494': 1 });
    const events = (await auditOfDay(suite, CLINIC_A)).filter(
      (event) => event.action === 'billing.adjustment.create',
    );
    expect(events).toEqual([expect.objectContaining({ patientId: reyes.patientId })]);
  });

  it('reach the outcome dashboard: a closed month reports its snapshot with adjustments', async () => {
    const reply = await invoke('getClinicOutcomes', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      query: { from: OCTOBER, to: '2026-11' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { months } = ClinicOutcomes.parse(reply.body).billing;
    expect(months.find((m) => m.month === OCTOBER)).toMatchObject({
      closed: true,
      units: { '99492': 1, '99494': 1 },
    });
    expect(months.find((m) => m.month === '2026-11')).toMatchObject({ closed: false });
  });
});

describe('the claim CSV', () => {
  const exported = (month: string, sub = admin) =>
    invoke('exportBillingMonth', { sub, params: { clinicId: CLINIC_A, month } });

  it('exists for a closed month only', async () => {
    expect((await exported('2026-11')).status).toBe(409);
  });

  it('has one row per code with adjustments applied, quoting names, leaving gated lines out', async () => {
    const reply = await exported(OCTOBER);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body as unknown as ClaimExport;
    expect(body).toMatchObject({
      filename: `cocm-${CLINIC_A}-${OCTOBER}.csv`,
      contentType: 'text/csv',
      rows: 2,
      gatedLinesLeftOut: 1,
    });
    expect(body.csv.split('\r\n')).toEqual([
      'Patient last name,Patient first name,Date of birth,MRN,Billing practitioner,Billing NPI,Date of service,CPT/HCPCS,Units,Diagnosis 1,Diagnosis 2,Diagnosis 3,Diagnosis 4,Place of service,Modifiers',
      '"Núñez, Jr.","José ""Pepe""",1980-01-01,,"Kim, Dana MD",1234567893,2026-10-31,99492,1,F32.1,,,,11,',
      '"Núñez, Jr.","José ""Pepe""",1980-01-01,,"Kim, Dana MD",1234567893,2026-10-31,99494,1,F32.1,,,,11,',
      '',
    ]);
    const events = (await auditOfDay(suite, CLINIC_A)).filter((e) => e.action === 'billing.export');
    expect(events).toEqual([
      expect.objectContaining({ resourceType: 'billing-export', resourceId: OCTOBER }),
    ]);
  });
});

describe('a close that died half-way', () => {
  it('is 409 while its lease runs, then resumed by the next closer with the same lines', async () => {
    const patient = await enrol(await suite.patient(CLINIC_B, 'Resume'), {
      clinicId: CLINIC_B,
      body: enrolmentBodyB({ ...october, lastSeenByBillingPractitionerOn: '2026-08-01' }),
    });
    await logged(patient, '2026-10-14T16:00:00.000Z', 40, BCM_B);
    const live = lineOf(await worksheet(OCTOBER, CLINIC_B, ADMIN_B), patient);
    // The crashed close: a header in `closing`, no lines.
    const crashedAt = NOW.toISOString();
    await suite.table.store.billing.beginClose(
      {
        clinicId: CLINIC_B,
        month: OCTOBER,
        status: 'closing',
        closedBy: PCP_B,
        closedAt: crashedAt,
        leaseAt: crashedAt,
        lines: 0,
        timeZone: 'America/Chicago',
        facilityType: 'standard',
        rates: { year: 2026, cents: {} },
      },
      {
        eventId: suite.deps.ids.next(),
        at: crashedAt,
        actorId: PCP_B,
        clinicId: CLINIC_B,
        action: 'billing.close',
        resourceType: 'billing-worksheet',
        resourceId: OCTOBER,
        outcome: 'success',
      },
    );
    // Closing already freezes the month.
    expect((await log(patient, '2026-10-20T16:00:00.000Z', 10, BCM_B)).status).toBe(409);
    const busy = await close(OCTOBER, CLINIC_B, ADMIN_B);
    expect(busy.status).toBe(409);
    expect(JSON.stringify(busy.body)).toContain('being closed by user-pcp-b');
    expect((await worksheet(OCTOBER, CLINIC_B, ADMIN_B)).status).toBe('closing');

    suite.setNow(new Date(NOW.getTime() + 6 * 60_000));
    try {
      const resumed = await close(OCTOBER, CLINIC_B, ADMIN_B);
      expect(resumed.status, JSON.stringify(resumed.body)).toBe(201);
      expect(resumed.body).toMatchObject({ status: 'closed', closedBy: ADMIN_B, lines: 1 });
      const sheet = await worksheet(OCTOBER, CLINIC_B, ADMIN_B);
      expect(sheet.status).toBe('closed');
      expect(lineOf(sheet, patient)).toEqual(live);
      expect((await close(OCTOBER, CLINIC_B, ADMIN_B)).status).toBe(409);
    } finally {
      suite.setNow(NOW);
    }
  });
});
