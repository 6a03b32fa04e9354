import { describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { CLINIC_A, CLINIC_B, userFor } from '../../support/network';
import { sweepHandoffs } from '../../../functions/services/handoff-jobs';
import {
  act,
  asHandoff,
  bcm,
  BCM_AB,
  BCM_B,
  bcmN,
  ma,
  onDuty,
  pcp,
  request,
  tablet,
  useHandoffApi,
} from './handoff-fixtures';

const CONCURRENT = 20;
const { suite, clock, push, pushedTo } = useHandoffApi(CONCURRENT);

describe('request and page', () => {
  it('pages exactly the on-duty BCMs of the clinic with a fresh heartbeat', async () => {
    expect((await onDuty(bcm)).status).toBe(200);
    expect((await onDuty(BCM_AB)).status).toBe(200);
    expect((await onDuty(BCM_B, CLINIC_B)).status).toBe(200);
    expect((await onDuty(bcmN(1))).status).toBe(200);
    expect((await onDuty(bcmN(1), CLINIC_A, 'away')).status).toBe(200);
    // bcmN(2) went on duty long ago and its console stopped beating: not fresh.
    clock.offsetMs -= 10 * 60_000;
    expect((await onDuty(bcmN(2))).status).toBe(200);
    clock.offsetMs += 10 * 60_000;

    const from = push().sent.length;
    const reply = await request(suite.patientA, { reason: 'tearful, asks for help' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const h = asHandoff(reply);
    expect(h).toMatchObject({ status: 'requested', pagedCount: 2, requestedBy: tablet });
    expect(h.pagedAt).toBeDefined();
    expect(h.participants).toEqual([{ userId: tablet, role: 'tablet', kind: 'patient-device' }]);
    expect(h.summary.patientLabel).toBe('Test A.');
    expect(Date.parse(h.expiresAt) - Date.parse(h.requestedAt)).toBe(5 * 60_000);

    expect(pushedTo(bcm, 'handoff.paged', from)).toHaveLength(1);
    expect(pushedTo(BCM_AB, 'handoff.paged', from)).toHaveLength(1);
    for (const quiet of [BCM_B, bcmN(1), bcmN(2), pcp]) {
      expect(pushedTo(quiet, 'handoff.paged', from), quiet).toHaveLength(0);
    }
    await act('cancelHandoff', pcp, h.handoffId);
  });

  it('returns the first handoff for a double tap and pages once', async () => {
    const clientRequestId = crypto.randomUUID();
    const from = push().sent.length;
    const [a, b] = await Promise.all([
      request(suite.patientA, { clientRequestId }),
      request(suite.patientA, { clientRequestId }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.handoffId).toBe(b.body.handoffId);
    expect(pushedTo(bcm, 'handoff.paged', from)).toHaveLength(1);
    await act('cancelHandoff', pcp, String(a.body.handoffId));
  });

  it('refuses a screening of another patient and a device that is not a tablet of the clinic', async () => {
    const wrongScreening = await request(suite.patientA, {
      screeningId: '01JD0000000000000000000000',
    });
    expect(wrongScreening.status).toBe(400);
    expect(wrongScreening.body.error?.fields?.[0]?.field).toBe('body.screeningId');
    const wrongDevice = await request(suite.patientA, { deviceUserId: ma }, pcp);
    expect(wrongDevice.status).toBe(400);
    expect(wrongDevice.body.error?.fields?.[0]?.field).toBe('body.deviceUserId');
    const otherPatient = await request(suite.patientB);
    expect(otherPatient.status).toBe(404);
  });

  it('carries the screening result in the page and makes the tablet the device for a PCP', async () => {
    const screening = await invoke('submitScreening', {
      sub: tablet,
      params: { clinicId: CLINIC_A, patientId: suite.patientA },
      body: {
        language: 'en',
        responses: [{ instrument: 'PHQ9', answers: [3, 3, 3, 2, 2, 2, 2, 2, 1] }],
      },
    });
    expect(screening.status).toBe(201);
    const reply = await request(
      suite.patientA,
      { screeningId: screening.body.screeningId, deviceUserId: tablet, urgency: 'safety' },
      pcp,
    );
    expect(reply.status).toBe(201);
    const h = asHandoff(reply);
    expect(h.participants.map((p) => [p.userId, p.kind])).toEqual([
      [pcp, 'requester'],
      [tablet, 'patient-device'],
    ]);
    expect(h.summary).toMatchObject({
      safetyFlag: true,
      scores: [{ instrument: 'PHQ9', total: 20 }],
    });
    expect(h.summary.dispositionLabel).toBeTruthy();
    expect(Date.parse(h.expiresAt) - Date.parse(h.requestedAt)).toBe(2 * 60_000);
    await act('cancelHandoff', pcp, h.handoffId);
  });
});

describe('accept', () => {
  it(`lets exactly one of ${CONCURRENT} simultaneous accepts win; the rest get a clear 409`, async () => {
    const h = asHandoff(await request(suite.patientA));
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => act('acceptHandoff', bcmN(i + 1), h.handoffId)),
    );
    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = replies.filter((r) => r.status !== 200);
    expect(losers.map((r) => r.status)).toEqual(Array(CONCURRENT - 1).fill(409));
    for (const loser of losers) {
      expect(loser.body.error?.message).toMatch(/already accepted by another clinician/);
    }
    const [first] = winners;
    if (!first) throw new Error('no winner');
    const winner = asHandoff(first);
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId);
    expect(stored).toMatchObject({ status: 'accepted', acceptedBy: winner.acceptedBy });
    expect(stored?.meeting?.meetingId).toBeTruthy();
    expect(stored?.meeting?.attendees?.map((a) => a.userId).sort()).toEqual(
      [tablet, winner.acceptedBy].sort(),
    );
    expect(stored?.timeToAcceptMs).toBeGreaterThanOrEqual(0);
    // Losers' messages never name the winner.
    expect(JSON.stringify(losers.map((l) => l.body))).not.toContain(String(winner.acceptedBy));
  });

  it('hides a clinic from a BCM who does not cover it: 404 for read, accept and decline', async () => {
    const h = asHandoff(await request(suite.patientA));
    for (const route of ['getHandoff', 'acceptHandoff', 'declineHandoff'] as const) {
      const reply = await act(route, BCM_B, h.handoffId);
      expect(reply.status, route).toBe(404);
      expect(reply.body.error?.code).toBe('not_found');
    }
    const queue = await invoke('getMyHandoffQueue', { sub: BCM_B });
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.body)).not.toContain(h.handoffId);
    // A clinic-A handoff id asked for under clinic B: nothing there either.
    expect((await act('getHandoff', BCM_B, h.handoffId, CLINIC_B)).status).toBe(404);
    const other = await act('acceptHandoff', pcp, h.handoffId);
    expect(other.status).toBe(403);
    await act('cancelHandoff', pcp, h.handoffId);
  });

  it('answers a retried accept by the winner with the same call', async () => {
    const h = asHandoff(await request(suite.patientA));
    const first = await act('acceptHandoff', bcm, h.handoffId);
    const again = await act('acceptHandoff', bcm, h.handoffId);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(asHandoff(again).meeting?.meetingId).toBe(asHandoff(first).meeting?.meetingId);
    expect(asHandoff(again).version).toBe(asHandoff(first).version);
    await act('cancelHandoff', pcp, h.handoffId);
  });
});

describe('decline and cancel', () => {
  it('records a decline and keeps the request open for the others', async () => {
    const h = asHandoff(await request(suite.patientA));
    const declined = await invoke('declineHandoff', {
      sub: bcm,
      params: { clinicId: CLINIC_A, handoffId: h.handoffId },
      body: { reason: 'in another call' },
    });
    expect(declined.status).toBe(200);
    expect(asHandoff(declined)).toMatchObject({ status: 'requested' });
    expect(asHandoff(declined).declines).toEqual([
      expect.objectContaining({ userId: bcm, reason: 'in another call' }),
    ]);
    expect((await act('acceptHandoff', BCM_AB, h.handoffId)).status).toBe(200);
    await act('cancelHandoff', pcp, h.handoffId);
  });

  it('cancels before connection; later accepts and declines are 409; the meeting is deleted', async () => {
    const open = asHandoff(await request(suite.patientA));
    const cancelled = await act('cancelHandoff', pcp, open.handoffId);
    expect(asHandoff(cancelled)).toMatchObject({ status: 'cancelled', cancelled: { by: pcp } });
    expect((await act('acceptHandoff', bcm, open.handoffId)).status).toBe(409);
    expect((await act('declineHandoff', bcm, open.handoffId)).status).toBe(409);

    const live = asHandoff(await request(suite.patientA));
    await act('acceptHandoff', bcm, live.handoffId);
    const from = push().sent.length;
    const after = asHandoff(await act('cancelHandoff', tablet, live.handoffId));
    expect(after.status).toBe('cancelled');
    expect(after.meeting?.deletedAt).toBeDefined();
    expect(pushedTo(bcm, 'handoff.updated', from)).toEqual([
      expect.objectContaining({ handoffId: live.handoffId, status: 'cancelled' }),
    ]);
    expect((await act('cancelHandoff', bcm, live.handoffId)).status).toBe(403);
  });
});

describe('no answer in the window', () => {
  it('falls back lazily on a late accept, with the triage rule\u2019s instructions', async () => {
    const h = asHandoff(await request(suite.patientA));
    clock.offsetMs += 5 * 60_000 + 1;
    const late = await act('acceptHandoff', bcm, h.handoffId);
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toMatch(/fallen back/);
    const seen = asHandoff(await act('getHandoff', pcp, h.handoffId));
    expect(seen.status).toBe('fallback');
    expect(seen.fallback).toMatchObject({
      reason: 'no_answer',
      followUpWithinHours: 72,
      pcpSafetyStepsNow: false,
    });
    expect(seen.fallback?.instructions).toMatch(/within 72 hours/);
  });

  it('is swept every minute: the requester is told and safety requests alert the PCPs', async () => {
    const routine = asHandoff(await request(suite.patientA));
    const safety = asHandoff(await request(suite.patientA, { urgency: 'safety' }, ma));
    clock.offsetMs += 2 * 60_000 + 1;
    const from = push().sent.length;
    const first = await sweepHandoffs(suite.deps);
    expect(first.fellBack).toBeGreaterThanOrEqual(1);
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, safety.handoffId);
    expect(stored?.status).toBe('fallback');
    expect(stored?.fallback?.pcpSafetyStepsNow).toBe(true);
    expect(stored?.fallback?.instructions).toMatch(/Safety first/);
    expect((await suite.deps.store.handoffs.get(CLINIC_A, routine.handoffId))?.status).toBe(
      'requested',
    );
    const updates = (userId: string) =>
      pushedTo(userId, 'handoff.updated', from).filter(
        (m) => m.type === 'handoff.updated' && m.handoffId === safety.handoffId,
      );
    expect(updates(ma)).toHaveLength(1);
    expect(updates(pcp)).toHaveLength(1);

    clock.offsetMs += 3 * 60_000;
    await sweepHandoffs(suite.deps);
    expect((await suite.deps.store.handoffs.get(CLINIC_A, routine.handoffId))?.status).toBe(
      'fallback',
    );
    // Nothing left to do: a second sweep changes nothing.
    expect(await sweepHandoffs(suite.deps)).toEqual({ fellBack: 0, meetingsDeleted: 0, failed: 0 });
  });
});

describe('the BCM queue', () => {
  it('lists open requests across covered clinics, safety first then oldest, plus the caller\u2019s calls', async () => {
    const routineA = asHandoff(await request(suite.patientA));
    const routineB = asHandoff(
      await request(suite.patientB, {}, userFor('pcp').replace('-a', '-b'), CLINIC_B),
    );
    const safetyA = asHandoff(await request(suite.patientA, { urgency: 'safety' }));
    const mine = asHandoff(await request(suite.patientA, { urgency: 'urgent' }));
    expect((await act('acceptHandoff', BCM_AB, mine.handoffId)).status).toBe(200);

    const queue = await invoke('getMyHandoffQueue', { sub: BCM_AB });
    expect(queue.status).toBe(200);
    const { open, mine: live } = queue.body as unknown as {
      open: { handoffId: string }[];
      mine: { handoffId: string }[];
    };
    expect(open.map((h) => h.handoffId)).toEqual([
      safetyA.handoffId,
      routineA.handoffId,
      routineB.handoffId,
    ]);
    expect(live.map((h) => h.handoffId)).toEqual([mine.handoffId]);
    const aOnly = await invoke('getMyHandoffQueue', { sub: bcm });
    expect(JSON.stringify(aOnly.body)).not.toContain(routineB.handoffId);
    for (const h of [routineA, safetyA, mine]) await act('cancelHandoff', pcp, h.handoffId);
  });
});
