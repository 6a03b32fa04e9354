/**
 * A case-review session's local video call: the meeting id leads back to the session (store), and
 * the socket relays signalling only between the people who joined it through the real join route,
 * and only until the psychiatrist ends it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { CallJoin } from '../../../functions/contracts/handoff';
import type { ReviewSession } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import { userFor } from '../../support/network';
import { openSocket, useSocketPlatform, type TestSocket } from '../../support/sockets';

const suite = useSocketPlatform();
const psychiatrist = userFor('psychiatrist');
const bcm = userFor('bcm');
const pcp = userFor('pcp');

const newSession = async (): Promise<ReviewSession> => {
  const reply = await invoke('createReviewSession', {
    sub: psychiatrist,
    body: { scheduledFor: new Date().toISOString(), attendees: [bcm] },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as unknown as ReviewSession;
};

const join = async (sub: string, session: ReviewSession): Promise<CallJoin> => {
  const reply = await invoke('joinReviewSession', {
    sub,
    params: { reviewSessionId: session.reviewSessionId },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as CallJoin;
};

/** Once the senders have had a pong and a pause, a wrongly relayed signal would have landed. */
const settle = async (...senders: TestSocket[]) => {
  for (const socket of senders) {
    socket.send({ action: 'heartbeat' });
    await socket.next('pong');
  }
  await sleep(100);
};

describe('finding a review session by its meeting', () => {
  it('knows the meeting once the first join stored it, and only that meeting', async () => {
    const session = await newSession();
    const { reviewSessions } = suite.deps.store;
    const first = await join(bcm, session);
    const found = await reviewSessions.findByMeeting(first.meetingId);
    expect(found).toMatchObject({
      reviewSessionId: session.reviewSessionId,
      meetingId: first.meetingId,
      meetingAttendees: [{ userId: bcm, attendeeId: first.attendeeId }],
    });
    expect(await reviewSessions.findByMeeting('some-other-meeting')).toBeUndefined();

    // A second join is recorded too; joining again under the same attendee writes nothing new.
    const second = await join(psychiatrist, session);
    const again = await join(bcm, session);
    expect(again.attendeeId).toBe(first.attendeeId);
    const stored = await reviewSessions.get(session.reviewSessionId);
    expect(stored?.meetingAttendees).toEqual([
      { userId: bcm, attendeeId: first.attendeeId },
      { userId: psychiatrist, attendeeId: second.attendeeId },
    ]);
    // Writes: the meeting, then one per new attendee; the repeated join wrote nothing.
    expect(stored?.version).toBe(3);
  });

  it('finds nothing for a session that has no meeting yet', async () => {
    const session = await newSession();
    const stored = await suite.deps.store.reviewSessions.get(session.reviewSessionId);
    expect(stored?.meetingId).toBeUndefined();
    expect(
      await suite.deps.store.reviewSessions.findByMeeting(session.reviewSessionId),
    ).toBeUndefined();
  });
});

describe('signal relay for a review session’s call', () => {
  it('relays between its joined attendees only, and nothing once it has ended', async () => {
    const session = await newSession();
    const [psySocket, bcmSocket, pcpSocket] = await Promise.all(
      [psychiatrist, bcm, pcp].map(async (user) =>
        openSocket(suite.wsUrl, await suite.tokenFor(user)),
      ),
    );
    if (!psySocket || !bcmSocket || !pcpSocket) throw new Error('sockets not open');
    const psy = await join(psychiatrist, session);
    const them = await join(bcm, session);
    const meetingId = psy.meetingId;

    psySocket.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: psy.attendeeId,
      data: { kind: 'hello' },
    });
    expect(await bcmSocket.next('call.signal')).toEqual({
      type: 'call.signal',
      meetingId,
      fromAttendeeId: psy.attendeeId,
      data: { kind: 'hello' },
    });
    bcmSocket.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: them.attendeeId,
      toAttendeeId: psy.attendeeId,
      data: { kind: 'offer', sdp: 'v=0' },
    });
    expect((await psySocket.next('call.signal')).data).toEqual({ kind: 'offer', sdp: 'v=0' });

    // The PCP never joined: posing as the BCM's attendee gets nowhere.
    pcpSocket.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: them.attendeeId,
      data: { kind: 'bye' },
    });
    await settle(pcpSocket);
    expect([...psySocket.messages, ...bcmSocket.messages, ...pcpSocket.messages]).toEqual([]);

    const ended = await invoke('endReviewSession', {
      sub: psychiatrist,
      params: { reviewSessionId: session.reviewSessionId },
      body: { minutes: 30 },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    psySocket.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: psy.attendeeId,
      data: { kind: 'late' },
    });
    await settle(psySocket);
    expect(bcmSocket.messages).toEqual([]);
    await Promise.all([psySocket, bcmSocket, pcpSocket].map((socket) => socket.close()));
  });
});
