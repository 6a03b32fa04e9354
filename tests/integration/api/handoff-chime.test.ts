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
import type { CallJoin } from '../../../functions/contracts/handoff';
import { CLINIC_A } from '../../support/network';
import { act, asHandoff, bcm, request, tablet, useHandoffApi } from './handoff-fixtures';

const { suite } = useHandoffApi();
const client = new ChimeSDKMeetingsClient({ region: 'us-east-1' });
const chime = mockClient(client);
const MEETING_ID = '11111111-2222-3333-4444-555555555555';

interface CreateInput {
  MediaRegion?: string;
  ExternalMeetingId?: string;
  Attendees?: { ExternalUserId: string }[];
}

const answerCreate = (errors: { ErrorCode: string }[] = [], meetingId = MEETING_ID) =>
  chime.on(CreateMeetingWithAttendeesCommand).callsFake((req: CreateInput) => ({
    Meeting: {
      MeetingId: meetingId,
      MediaRegion: req.MediaRegion,
      ExternalMeetingId: req.ExternalMeetingId,
    },
    Attendees: (req.Attendees ?? []).map((a, i) => ({
      ExternalUserId: a.ExternalUserId,
      AttendeeId: `attendee-${i}`,
      JoinToken: `token-${i}`,
    })),
    Errors: errors,
  }));

beforeAll(() => {
  suite.deps.meetings = createChimeMeetings({ region: 'us-east-1', client, maxAttempts: 1 });
});
beforeEach(() => {
  chime.reset();
  chime.on(DeleteMeetingCommand).resolves({});
});

describe('handoff over Chime', () => {
  it('creates one meeting per handoff with its idempotent token, joins each side, deletes on end', async () => {
    answerCreate();
    const h = asHandoff(await request(suite.patientA));
    const accepted = asHandoff(await act('acceptHandoff', bcm, h.handoffId));
    expect(accepted.status).toBe('accepted');
    expect(chime).toHaveReceivedCommandTimes(CreateMeetingWithAttendeesCommand, 1);
    const sent = chime.commandCalls(CreateMeetingWithAttendeesCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({
      ClientRequestToken: clientRequestTokenFor(h.handoffId),
      MediaRegion: 'us-west-2',
    });
    expect(sent?.Attendees).toHaveLength(2);
    // Opaque ids only: neither user ids nor the handoff id reach Chime.
    expect(JSON.stringify(sent)).not.toContain(tablet);
    expect(JSON.stringify(sent)).not.toContain(h.handoffId);
    expect(accepted.meeting).toMatchObject({ provider: 'chime', meetingId: MEETING_ID });
    expect(accepted.meeting?.attendees?.map((a) => a.userId).sort()).toEqual([bcm, tablet].sort());

    const tabletAttendee = accepted.meeting?.attendees?.find((a) => a.userId === tablet);
    chime.on(GetMeetingCommand).resolves({ Meeting: { MeetingId: MEETING_ID } });
    chime.on(GetAttendeeCommand).resolves({
      Attendee: { AttendeeId: tabletAttendee?.attendeeId, JoinToken: 'tablet-token' },
    });
    const join = (await act('joinHandoffCall', tablet, h.handoffId)).body as unknown as CallJoin;
    expect(join).toMatchObject({ provider: 'chime', attendeeId: tabletAttendee?.attendeeId });
    expect(chime).toHaveReceivedCommandWith(GetAttendeeCommand, {
      MeetingId: MEETING_ID,
      AttendeeId: tabletAttendee?.attendeeId,
    });

    const ended = asHandoff(await act('endHandoff', bcm, h.handoffId));
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: MEETING_ID });
    expect(ended.meeting?.deletedAt).toBeDefined();
  });

  it('falls back cleanly when Chime is unavailable', async () => {
    chime
      .on(CreateMeetingWithAttendeesCommand)
      .rejects(new ServiceUnavailableException({ message: 'try later', $metadata: {} }));
    const h = asHandoff(await request(suite.patientA));
    const reply = await act('acceptHandoff', bcm, h.handoffId);
    expect(reply.status).toBe(200);
    expect(asHandoff(reply)).toMatchObject({
      status: 'fallback',
      fallback: { reason: 'video_unavailable' },
    });
    expect(chime).toHaveReceivedCommandTimes(CreateMeetingWithAttendeesCommand, 1);
    expect(chime).not.toHaveReceivedCommand(DeleteMeetingCommand);
    const stored = await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId);
    expect(stored?.status).toBe('fallback');
    expect(stored?.meeting).toBeUndefined();
  });

  it('leaves no orphan when Chime creates the meeting but not every attendee', async () => {
    const partial = 'aaaaaaaa-2222-3333-4444-555555555555';
    answerCreate([{ ErrorCode: 'LimitExceeded' }], partial);
    const h = asHandoff(await request(suite.patientA));
    const reply = await act('acceptHandoff', bcm, h.handoffId);
    expect(asHandoff(reply).status).toBe('fallback');
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: partial });
    expect(await suite.deps.store.handoffs.findByMeeting(partial)).toBeUndefined();
    expect((await suite.deps.store.handoffs.get(CLINIC_A, h.handoffId))?.meeting).toBeUndefined();
  });
});
