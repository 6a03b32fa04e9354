import { describe, expect, it } from 'vitest';
import type { CallJoin } from '../../../functions/contracts/handoff';
import { handler as reconcile } from '../../../functions/handlers/jobs/reconcile-meeting';
import type { MeetingsPort } from '../../../functions/ports/realtime';
import { sweepHandoffs } from '../../../functions/services/handoff-jobs';
import { pushToUsers } from '../../../functions/services/notify';
import { invoke } from '../../support/api';
import { CLINIC_A, userFor } from '../../support/network';
import {
  act,
  asHandoff,
  bcm,
  BCM_AB,
  ma,
  pcp,
  request,
  tablet,
  useHandoffApi,
} from './handoff-fixtures';

const { suite, push, pushedTo } = useHandoffApi();

/** A request from the tablet, accepted by the BCM: a live call with a meeting. */
const liveCall = async () => {
  const h = asHandoff(await request(suite.patientA));
  const accepted = await act('acceptHandoff', bcm, h.handoffId);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return asHandoff(accepted);
};

/** Swaps the meetings port for one test. */
const withMeetings = async <T>(
  change: (real: MeetingsPort) => Partial<MeetingsPort>,
  run: () => Promise<T>,
): Promise<T> => {
  const real = suite.deps.meetings;
  suite.deps.meetings = { ...real, ...change(real) };
  try {
    return await run();
  } finally {
    suite.deps.meetings = real;
  }
};

describe('the call', () => {
  it('gives join credentials to participants only, each their own attendee', async () => {
    const h = await liveCall();
    const mine = await act('joinHandoffCall', tablet, h.handoffId);
    expect(mine.status).toBe(200);
    const join = mine.body as unknown as CallJoin;
    const tabletAttendee = h.meeting?.attendees?.find((a) => a.userId === tablet)?.attendeeId;
    expect(join).toMatchObject({ meetingId: h.meeting?.meetingId, attendeeId: tabletAttendee });
    const bcmJoin = (await act('joinHandoffCall', bcm, h.handoffId)).body as unknown as CallJoin;
    expect(bcmJoin.attendeeId).not.toBe(join.attendeeId);
    // A clinician of the clinic who is not on the call, and a BCM who did not accept.
    expect((await act('joinHandoffCall', pcp, h.handoffId)).status).toBe(403);
    expect((await act('joinHandoffCall', BCM_AB, h.handoffId)).status).toBe(403);
    expect((await act('joinHandoffCall', userFor('admin'), h.handoffId)).status).toBe(403);
    await act('endHandoff', bcm, h.handoffId);
    expect((await act('joinHandoffCall', tablet, h.handoffId)).status).toBe(409);
  });

  it('connects when the BCM and the tablet have both joined, then ends, deletes the meeting and records the outcome', async () => {
    const h = await liveCall();
    const deleted: string[] = [];
    const one = asHandoff(await act('markHandoffJoined', bcm, h.handoffId));
    expect(one.status).toBe('accepted');
    const from = push().sent.length;
    const both = asHandoff(await act('markHandoffJoined', tablet, h.handoffId));
    expect(both.status).toBe('connected');
    expect(both.timeToConnectMs).toBe(
      Date.parse(String(both.connectedAt)) - Date.parse(both.requestedAt),
    );
    expect(pushedTo(bcm, 'handoff.updated', from)).toEqual([
      expect.objectContaining({ status: 'connected' }),
    ]);
    expect((await act('cancelHandoff', pcp, h.handoffId)).status).toBe(409);
    expect((await act('endHandoff', BCM_AB, h.handoffId)).status).toBe(403);

    const ended = await withMeetings(
      (real) => ({
        deleteMeeting: (id) => {
          deleted.push(id);
          return real.deleteMeeting(id);
        },
      }),
      () => act('endHandoff', bcm, h.handoffId),
    );
    expect(asHandoff(ended)).toMatchObject({ status: 'ended', endedBy: bcm });
    expect(asHandoff(ended).meeting?.deletedAt).toBeDefined();
    expect(deleted).toEqual([h.meeting?.meetingId]);

    const outcome = (sub: string) =>
      invoke('recordHandoffOutcome', {
        sub,
        params: { clinicId: CLINIC_A, handoffId: h.handoffId },
        body: {
          outcomes: ['brief_intervention', 'booked_follow_up'],
          minutes: 14,
          note: 'plan made',
        },
      });
    expect((await outcome(BCM_AB)).status).toBe(403);
    const recorded = await outcome(bcm);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const done = asHandoff(recorded);
    expect(done.outcome).toMatchObject({ minutes: 14, recordedBy: bcm });
    const activity = await suite.deps.store.activities.get(
      CLINIC_A,
      h.patientId,
      String(done.outcome?.activityId),
    );
    expect(activity).toMatchObject({
      kind: 'warm_handoff_video',
      minutes: 14,
      performedBy: bcm,
      role: 'bcm',
      occurredAt: both.connectedAt,
      source: { handoffId: h.handoffId },
    });
    expect((await outcome(bcm)).status).toBe(409);
    const trail = await suite.deps.store.audit.listForPatient(CLINIC_A, h.patientId, {
      limit: 100,
    });
    const actions = trail.items.map((e) => e.action);
    for (const a of [
      'handoff.request',
      'handoff.accept',
      'handoff.joined',
      'handoff.end',
      'handoff.outcome',
      'care-activity.create',
    ]) {
      expect(actions, a).toContain(a);
    }
  });

  it('refuses an outcome before the call ended', async () => {
    const h = await liveCall();
    const early = await invoke('recordHandoffOutcome', {
      sub: bcm,
      params: { clinicId: CLINIC_A, handoffId: h.handoffId },
      body: { outcomes: ['referral'], minutes: 3 },
    });
    expect(early.status).toBe(409);
    const bad = await invoke('recordHandoffOutcome', {
      sub: bcm,
      params: { clinicId: CLINIC_A, handoffId: h.handoffId },
      body: { outcomes: [], minutes: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.map((f) => f.field).sort()).toEqual([
      'body.minutes',
      'body.outcomes',
    ]);
    await act('endHandoff', bcm, h.handoffId);
  });

  it('adds a clinician of the clinic (an interpreter MA), and lets the PCP join from their own device', async () => {
    const h = await liveCall();
    const add = (sub: string, userId: string) =>
      invoke('addHandoffParticipant', {
        sub,
        params: { clinicId: CLINIC_A, handoffId: h.handoffId },
        body: { userId },
      });
    const added = await add(bcm, ma);
    expect(added.status).toBe(200);
    expect(asHandoff(added).participants.at(-1)).toEqual({
      userId: ma,
      role: 'ma',
      kind: 'invited',
    });
    expect((await act('joinHandoffCall', ma, h.handoffId)).status).toBe(200);
    expect((await add(pcp, pcp)).status).toBe(200);
    expect((await add(bcm, userFor('admin'))).status).toBe(400);
    expect((await add(bcm, 'user-pcp-b')).status).toBe(400);
    expect((await add(BCM_AB, BCM_AB)).status).toBe(403);
    await act('endHandoff', bcm, h.handoffId);
  });
});

describe('video failures leave the handoff consistent', () => {
  it('falls back with instructions when the meeting cannot be created', async () => {
    const h = asHandoff(await request(suite.patientA));
    const reply = await withMeetings(
      () => ({ createMeeting: () => Promise.reject(new Error('ServiceFailureException')) }),
      () => act('acceptHandoff', bcm, h.handoffId),
    );
    expect(reply.status).toBe(200);
    const after = asHandoff(reply);
    expect(after).toMatchObject({ status: 'fallback', acceptedBy: bcm });
    expect(after.meeting).toBeUndefined();
    expect(after.fallback?.reason).toBe('video_unavailable');
    expect(after.fallback?.instructions).toMatch(/video call could not be started/);
  });

  it('deletes a meeting created for a request cancelled meanwhile (no orphan)', async () => {
    const h = asHandoff(await request(suite.patientA));
    const deleted: string[] = [];
    const reply = await withMeetings(
      (real) => ({
        createMeeting: async (input) => {
          await act('cancelHandoff', pcp, h.handoffId);
          return real.createMeeting(input);
        },
        deleteMeeting: (id) => {
          deleted.push(id);
          return Promise.resolve();
        },
      }),
      () => act('acceptHandoff', bcm, h.handoffId),
    );
    expect(reply.status).toBe(409);
    expect(deleted).toHaveLength(1);
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.meeting).toBeUndefined();
  });

  it('leaves a meeting whose delete failed to the sweep', async () => {
    const h = await liveCall();
    const ended = await withMeetings(
      () => ({ deleteMeeting: () => Promise.reject(new Error('ThrottlingException')) }),
      () => act('endHandoff', bcm, h.handoffId),
    );
    expect(asHandoff(ended).status).toBe('ended');
    expect(asHandoff(ended).meeting?.deletedAt).toBeUndefined();
    const report = await sweepHandoffs(suite.deps);
    expect(report.meetingsDeleted).toBeGreaterThanOrEqual(1);
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId);
    expect(stored?.meeting?.deletedAt).toBeDefined();
  });
});

describe('Chime meeting-ended events', () => {
  const event = (meetingId: string, eventType = 'chime:MeetingEnded') => ({
    version: '0',
    source: 'aws.chime',
    'detail-type': 'Chime Meeting State Change',
    detail: { version: '0', eventType, meetingId, externalMeetingId: 'x' },
  });

  it('ends a live handoff and marks its meeting deleted; ignores other events', async () => {
    const h = await liveCall();
    const meetingId = String(h.meeting?.meetingId);
    expect(await reconcile(event(meetingId, 'chime:AttendeeJoined'))).toEqual({
      result: 'ignored',
    });
    expect(await reconcile({ detail: 'nonsense' })).toEqual({ result: 'ignored' });
    expect(await reconcile(event('unknown-meeting'))).toEqual({ result: 'unknown-meeting' });
    expect(await reconcile(event(meetingId))).toEqual({ result: 'ended' });
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId);
    expect(stored?.status).toBe('ended');
    expect(stored?.meeting?.deletedAt).toBeDefined();
    expect(await reconcile(event(meetingId))).toEqual({ result: 'already-closed' });
  });
});

describe('presence', () => {
  it('is per covered clinic: others get 404, non-BCMs 403; the heartbeat keeps it fresh', async () => {
    expect(
      (
        await invoke('setMyPresence', {
          sub: bcm,
          body: { clinicId: 'clinic-b', status: 'on-duty' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await invoke('setMyPresence', { sub: pcp, body: { clinicId: CLINIC_A, status: 'on-duty' } }))
        .status,
    ).toBe(403);
    const set = await invoke('setMyPresence', {
      sub: BCM_AB,
      body: { clinicId: CLINIC_A, status: 'on-duty' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      clinics: [
        {
          clinicId: CLINIC_A,
          clinicName: 'Clinic clinic-a',
          timeZone: 'America/Denver',
          status: 'on-duty',
          effective: true,
        },
        {
          clinicId: 'clinic-b',
          clinicName: 'Clinic clinic-b',
          timeZone: 'America/Chicago',
          status: 'away',
          effective: false,
        },
      ],
    });
    expect((await invoke('getMyPresence', { sub: pcp })).body).toEqual({ clinics: [] });
    const beat = await invoke('presenceHeartbeat', { sub: BCM_AB });
    expect(beat.status).toBe(200);
  });
});

describe('metrics', () => {
  it('counts the clinic\u2019s handoffs and their median times', async () => {
    const reply = await invoke('getHandoffMetrics', {
      sub: pcp,
      params: { clinicId: CLINIC_A },
      query: { days: '7' },
    });
    expect(reply.status).toBe(200);
    const m = reply.body as Record<string, number>;
    expect(m['requested']).toBeGreaterThanOrEqual(8);
    expect(m['connected']).toBeGreaterThanOrEqual(1);
    expect(m['fellBack']).toBeGreaterThanOrEqual(1);
    expect(m['medianTimeToAcceptMs']).toBeGreaterThanOrEqual(0);
    expect(m['medianTimeToConnectMs']).toBeGreaterThan(0);
    expect(
      (await invoke('getHandoffMetrics', { sub: tablet, params: { clinicId: CLINIC_A } })).status,
    ).toBe(403);
  });
});

describe('pushes', () => {
  const message = { type: 'pong', at: '2026-11-23T16:00:00.000Z' } as const;

  it('forgets connections the push port reports gone', async () => {
    const { store } = suite.deps;
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const connectedAt = '2026-11-23T16:00:00.000Z';
    await store.connections.put({
      connectionId: 'gone-1',
      userId: 'u-gone',
      connectedAt,
      expiresAt,
    });
    await store.connections.put({
      connectionId: 'kept-1',
      userId: 'u-gone',
      connectedAt,
      expiresAt,
    });
    push().gone.add('gone-1');
    try {
      expect(await pushToUsers(suite.deps, ['u-gone', 'u-gone'], message)).toEqual({
        delivered: 1,
      });
    } finally {
      push().gone.delete('gone-1');
    }
    const left = await store.connections.listForUser('u-gone');
    expect(left.map((c) => c.connectionId)).toEqual(['kept-1']);
  });

  it('never fails the caller when the push port throws', async () => {
    const real = suite.deps.push;
    suite.deps.push = { send: () => Promise.reject(new Error('GoneException')) };
    try {
      expect(await pushToUsers(suite.deps, [bcm], message)).toEqual({ delivered: 0 });
      const reply = await request(suite.patientA);
      expect(reply.status).toBe(201);
      await act('cancelHandoff', pcp, String(reply.body.handoffId));
    } finally {
      suite.deps.push = real;
    }
  });
});
