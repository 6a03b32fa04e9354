/**
 * The handoff services over the real Chime adapter, with only Chime mocked (it has no local
 * engine) and the store on DynamoDB Local: the calls an accept, a join and an end make, and what a
 * Chime failure leaves behind (a consistent fallback, no orphan meeting).
 */
import {
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteMeetingCommand,
  GetAttendeeCommand,
  GetMeetingCommand,
  ServiceUnavailableException,
} from '@aws-sdk/client-chime-sdk-meetings';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clientRequestTokenFor,
  createChimeMeetings,
} from '../../../functions/adapters/meetings/chime';
import { CallJoin } from '../../../functions/contracts/handoff';
import { CLINIC_A } from '../../support/network';
import { act, asHandoff, bcm, onDuty, request, tablet, useHandoffApi } from './handoff-fixtures';

const { suite } = useHandoffApi();
const client = new ChimeSDKMeetingsClient({ region: 'us-east-1' });
const chime = mockClient(client);
const MEETING_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

interface CreateInput {
  MediaRegion?: string;
  ExternalMeetingId?: string;
  Attendees?: { ExternalUserId: string }[];
}

/** Chime's answer: one attendee per requested external id (unless errors), region echoed. */
const answerCreate = (
  errors: { ExternalUserId?: string; ErrorCode: string }[] = [],
  meetingId = MEETING_ID,
) =>
  chime.on(CreateMeetingWithAttendeesCommand).callsFake((input: CreateInput) => ({
    Meeting: {
      MeetingId: meetingId,
      MediaRegion: input.MediaRegion,
      ExternalMeetingId: input.ExternalMeetingId,
      MediaPlacement: { AudioHostUrl: 'audio.example:3478', SignalingUrl: 'wss://sig.example' },
    },
    Attendees: (input.Attendees ?? []).slice(errors.length).map((a, i) => ({
      ExternalUserId: a.ExternalUserId,
      AttendeeId: `attendee-${i}`,
      JoinToken: `joinToken${i}`,
    })),
    Errors: errors,
  }));

const stored = (handoffId: string) => suite.deps.store.handoffs.get(CLINIC_A, handoffId);

beforeAll(async () => {
  // One attempt: the retry behaviour is the unit test's; here a failure should be final at once.
  suite.deps.meetings = createChimeMeetings({ region: 'us-east-1', client, maxAttempts: 1 });
  await onDuty(bcm);
});

beforeEach(() => {
  chime.reset();
  chime.on(DeleteMeetingCommand).resolves({});
});

describe('handoff over Chime', () => {
  it('creates the meeting once, stores it, hands each participant only their own join, deletes it on end', async () => {
    answerCreate();
    const h = asHandoff(await request(suite.patientA));

    const accepted = await act('acceptHandoff', bcm, h.handoffId);
    expect(accepted.status).toBe(200);
    expect(chime).toHaveReceivedCommandTimes(CreateMeetingWithAttendeesCommand, 1);
    expect(chime).toHaveReceivedCommandWith(CreateMeetingWithAttendeesCommand, {
      ClientRequestToken: clientRequestTokenFor(h.handoffId),
      MediaRegion: 'us-west-2',
    });
    const sent = chime.commandCalls(CreateMeetingWithAttendeesCommand)[0]?.args[0].input;
    expect(sent?.Attendees).toHaveLength(2);
    // Opaque ids only: neither user ids nor the handoff id reach Chime.
    for (const secret of [bcm, tablet, h.handoffId])
      expect(JSON.stringify(sent)).not.toContain(secret);

    const saved = await stored(h.handoffId);
    expect(saved).toMatchObject({
      status: 'accepted',
      meeting: { provider: 'chime', meetingId: MEETING_ID, mediaRegion: 'us-west-2' },
    });
    const attendeeOf = (userId: string) =>
      saved?.meeting?.attendees?.find((a) => a.userId === userId)?.attendeeId;
    expect(attendeeOf(bcm)).toMatch(/^attendee-/);
    expect(attendeeOf(tablet)).toMatch(/^attendee-/);
    expect(attendeeOf(bcm)).not.toBe(attendeeOf(tablet));

    // A retried accept is answered from the store: no second meeting.
    expect((await act('acceptHandoff', bcm, h.handoffId)).status).toBe(200);
    expect(chime).toHaveReceivedCommandTimes(CreateMeetingWithAttendeesCommand, 1);

    chime.on(GetMeetingCommand).resolves({ Meeting: { MeetingId: MEETING_ID } });
    chime.on(GetAttendeeCommand).callsFake((input: { AttendeeId?: string }) => ({
      Attendee: { AttendeeId: input.AttendeeId, JoinToken: `token-of-${input.AttendeeId}` },
    }));
    const join = await act('joinHandoffCall', tablet, h.handoffId);
    expect(join.status).toBe(200);
    const credentials = CallJoin.parse(join.body);
    expect(credentials).toMatchObject({ provider: 'chime', attendeeId: attendeeOf(tablet) });
    expect(chime).toHaveReceivedCommandWith(GetAttendeeCommand, {
      MeetingId: MEETING_ID,
      AttendeeId: attendeeOf(tablet),
    });
    expect(JSON.stringify(credentials)).not.toContain(`token-of-${attendeeOf(bcm)}`);

    const ended = await act('endHandoff', bcm, h.handoffId);
    expect(ended.status).toBe(200);
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 1);
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: MEETING_ID });
    expect((await stored(h.handoffId))?.meeting?.deletedAt).toBeDefined();
    // Ending again deletes nothing more.
    await act('endHandoff', bcm, h.handoffId);
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 1);
  });

  it('falls back (video unavailable) when Chime refuses, with no meeting stored and none left', async () => {
    chime
      .on(CreateMeetingWithAttendeesCommand)
      .rejects(new ServiceUnavailableException({ message: 'try later', $metadata: {} }));
    const h = asHandoff(await request(suite.patientA));

    // The BCM is told at once, in the reply: the call could not start and the request fell back.
    const reply = await act('acceptHandoff', bcm, h.handoffId);
    expect(reply.status).toBe(200);
    expect(asHandoff(reply)).toMatchObject({
      status: 'fallback',
      fallback: { reason: 'video_unavailable' },
    });
    const saved = await stored(h.handoffId);
    expect(saved).toMatchObject({ status: 'fallback', fallback: { reason: 'video_unavailable' } });
    expect(saved?.meeting).toBeUndefined();
    expect(saved?.fallback?.instructions).toBeTruthy();
    expect(chime).toHaveReceivedCommandTimes(CreateMeetingWithAttendeesCommand, 1);
    expect(chime).not.toHaveReceivedCommand(DeleteMeetingCommand);
    // Nobody can join a call that never started.
    expect((await act('joinHandoffCall', bcm, h.handoffId)).status).toBe(409);
  });

  it('deletes a half-created meeting (attendee errors) and falls back consistently', async () => {
    // Its own meeting id: the first test's handoff keeps MEETING_ID (deleted) in the store.
    const partial = 'aaaaaaaa-2222-4333-8444-555555555555';
    answerCreate([{ ExternalUserId: 'u-two', ErrorCode: 'LimitExceeded' }], partial);
    const h = asHandoff(await request(suite.patientA));

    const reply = await act('acceptHandoff', bcm, h.handoffId);
    expect(asHandoff(reply).status).toBe('fallback');
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 1);
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: partial });
    const saved = await stored(h.handoffId);
    expect(saved).toMatchObject({ status: 'fallback', fallback: { reason: 'video_unavailable' } });
    expect(saved?.meeting).toBeUndefined();
    expect(await suite.deps.store.handoffs.findByMeeting(partial)).toBeUndefined();
  });
});
