/**
 * Case-review sessions through the real handlers on DynamoDB Local, with the local meetings
 * adapter: attendee checks, visibility to the psychiatrist and attendees only, one meeting however
 * many join, and ending it deletes the meeting.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseSummary, ReviewSession } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import { userFor } from '../../support/network';
import {
  BCM_B,
  CLINIC_A,
  NOW,
  PSYCHIATRIST_B,
  bcm,
  enrol,
  episodeParams,
  pcp,
  psychiatrist,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const BCM_A2 = 'user-bcm-a2';
const scheduledFor = '2026-11-25T18:00:00.000Z';

const create = (sub: string, attendees: string[]) =>
  invoke('createReviewSession', { sub, body: { scheduledFor, attendees } });

let session: ReviewSession;

beforeAll(async () => {
  await suite.member(BCM_A2, CLINIC_A, 'bcm');
});

describe('scheduling a case-review session', () => {
  it('takes BCMs of the clinics the psychiatrist consults for, naming any other attendee', async () => {
    const bad = await create(psychiatrist, [bcm, pcp, BCM_B, bcm]);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toEqual([
      { field: 'body.attendees.1', message: expect.stringMatching(/care manager/) },
      { field: 'body.attendees.2', message: expect.stringMatching(/care manager/) },
      { field: 'body.attendees.3', message: 'is listed twice' },
    ]);
    const none = await create(psychiatrist, []);
    expect(none.status).toBe(400);
    const ok = await create(psychiatrist, [bcm, BCM_A2]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    session = ok.body as unknown as ReviewSession;
    expect(session).toMatchObject({
      psychiatristId: psychiatrist,
      attendees: [bcm, BCM_A2],
      scheduledFor,
      cases: [],
      version: 0,
    });
  });

  it('is run by psychiatrists only', async () => {
    expect((await create(bcm, [BCM_A2])).status).toBe(403);
    expect((await create(userFor('admin'), [bcm])).status).toBe(403);
  });
});

describe('who sees a session', () => {
  it('shows it to its psychiatrist and attendees, 404 to anyone else', async () => {
    const params = { reviewSessionId: session.reviewSessionId };
    for (const sub of [psychiatrist, bcm, BCM_A2]) {
      const reply = await invoke('getReviewSession', { sub, params });
      expect(reply.status, sub).toBe(200);
    }
    for (const sub of [pcp, userFor('tablet'), PSYCHIATRIST_B, BCM_B]) {
      const reply = await invoke('getReviewSession', { sub, params });
      expect(reply.status, sub).toBe(404);
      expect((await invoke('joinReviewSession', { sub, params })).status, sub).toBe(404);
    }
    const unknown = await invoke('getReviewSession', {
      sub: psychiatrist,
      params: { reviewSessionId: suite.deps.ids.next() },
    });
    expect(unknown.status).toBe(404);
  });

  it('lists it for the psychiatrist and each attendee; an empty list for a PCP; 403 for a tablet', async () => {
    for (const sub of [psychiatrist, bcm, BCM_A2]) {
      const reply = await invoke('listMyReviewSessions', { sub });
      expect(reply.status, sub).toBe(200);
      expect((reply.body.items as ReviewSession[]).map((s) => s.reviewSessionId)).toEqual([
        session.reviewSessionId,
      ]);
    }
    const asPcp = await invoke('listMyReviewSessions', { sub: pcp });
    expect(asPcp.status).toBe(200);
    expect(asPcp.body.items).toEqual([]);
    expect((await invoke('listMyReviewSessions', { sub: userFor('tablet') })).status).toBe(403);
  });
});

describe('the session call', () => {
  it('creates one meeting at the first join and gives each participant their own attendee', async () => {
    const params = { reviewSessionId: session.reviewSessionId };
    const created = vi.spyOn(suite.deps.meetings, 'createMeeting');
    const first = await invoke('joinReviewSession', { sub: bcm, params });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await invoke('joinReviewSession', { sub: psychiatrist, params });
    const again = await invoke('joinReviewSession', { sub: bcm, params });
    expect(second.body.meetingId).toBe(first.body.meetingId);
    expect(again.body).toEqual(first.body);
    expect(second.body.attendeeId).not.toBe(first.body.attendeeId);
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[0]).toMatchObject({
      requestToken: `review-${session.reviewSessionId}`,
      externalMeetingId: session.reviewSessionId,
    });
    created.mockRestore();
    const stored = await invoke('getReviewSession', { sub: psychiatrist, params });
    expect(stored.body).toMatchObject({
      meetingId: first.body.meetingId,
      startedAt: expect.any(String),
    });
  });

  it('records the cases discussed from the reviews made in the session', async () => {
    const episode = await enrol(suite.patientA);
    const reply = await invoke('recordPsychiatricReview', {
      sub: psychiatrist,
      params: episodeParams(episode),
      body: { reviewSessionId: session.reviewSessionId, minutes: 8 },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as unknown as CaseSummary).activities).toMatchObject([
      { kind: 'case_review', source: { reviewSessionId: session.reviewSessionId } },
    ]);
    const stored = await invoke('getReviewSession', {
      sub: bcm,
      params: { reviewSessionId: session.reviewSessionId },
    });
    expect(stored.body.cases).toEqual([episodeParams(episode)]);
    // Someone else's session is not one to record a review under.
    const other = await invoke('createReviewSession', {
      sub: PSYCHIATRIST_B,
      body: { scheduledFor, attendees: [BCM_B] },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const wrong = await invoke('recordPsychiatricReview', {
      sub: psychiatrist,
      params: episodeParams(episode),
      body: { reviewSessionId: other.body.reviewSessionId, minutes: 8 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.fields?.map((f) => f.field)).toEqual(['body.reviewSessionId']);
  });

  it('is ended by its psychiatrist, which deletes the meeting and keeps the minutes', async () => {
    const params = { reviewSessionId: session.reviewSessionId };
    const deleted = vi.spyOn(suite.deps.meetings, 'deleteMeeting');
    const byAttendee = await invoke('endReviewSession', {
      sub: bcm,
      params,
      body: { minutes: 50 },
    });
    expect(byAttendee.status).toBe(403);
    expect(deleted).not.toHaveBeenCalled();
    suite.setNow(new Date(NOW.getTime() + 3_600_000));
    const ended = await invoke('endReviewSession', {
      sub: psychiatrist,
      params,
      body: { minutes: 50 },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ minutes: 50, endedAt: expect.any(String) });
    expect(deleted).toHaveBeenCalledExactlyOnceWith(session.meetingId ?? ended.body.meetingId);
    deleted.mockRestore();
    expect((await invoke('joinReviewSession', { sub: bcm, params })).status).toBe(409);
    const twice = await invoke('endReviewSession', {
      sub: psychiatrist,
      params,
      body: { minutes: 50 },
    });
    expect(twice.status).toBe(409);
    suite.setNow(NOW);
  });
});
