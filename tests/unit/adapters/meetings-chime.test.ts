import {
  ChimeSDKMeetingsClient,
  CreateAttendeeCommand,
  CreateMeetingWithAttendeesCommand,
  DeleteMeetingCommand,
  GetAttendeeCommand,
  GetMeetingCommand,
  NotFoundException,
  ServiceFailureException,
  type ChimeSDKMeetingsClientConfig,
} from '@aws-sdk/client-chime-sdk-meetings';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createChimeMeetings,
  DEFAULT_MAX_ATTEMPTS,
  externalUserIdFor,
  MeetingCreateError,
} from '../../../functions/adapters/meetings/chime';
import { CallJoin } from '../../../functions/contracts/handoff';
import { logger } from '../../../functions/platform/logger';

const HANDOFF = '01JDB0000000000000000000HX';
const BCM_SUB = '3f0c1d2e-8a7b-4c5d-9e0f-112233445566';
const TABLET_SUB = 'a1b2c3d4-0000-4000-8000-aabbccddeeff';
const MEETING_ID = '11111111-2222-3333-4444-555555555555';

const client = new ChimeSDKMeetingsClient({ region: 'us-east-1' });
const chime = mockClient(client);
const meetings = createChimeMeetings({ region: 'us-east-1', client });

const input = (overrides: Partial<Parameters<typeof meetings.createMeeting>[0]> = {}) => ({
  requestToken: HANDOFF,
  externalMeetingId: HANDOFF,
  mediaRegion: 'us-west-2',
  attendees: [{ externalUserId: BCM_SUB }, { externalUserId: TABLET_SUB }],
  ...overrides,
});

/** Answers CreateMeetingWithAttendees as Chime does: one attendee per requested external id. */
const answerCreate = () =>
  chime
    .on(CreateMeetingWithAttendeesCommand)
    .callsFake(
      (req: {
        MediaRegion?: string;
        ExternalMeetingId?: string;
        Attendees?: { ExternalUserId: string }[];
      }) => ({
        Meeting: {
          MeetingId: MEETING_ID,
          MediaRegion: req.MediaRegion,
          ExternalMeetingId: req.ExternalMeetingId,
        },
        Attendees: (req.Attendees ?? []).map((a, i) => ({
          ExternalUserId: a.ExternalUserId,
          AttendeeId: `attendee-${i}`,
          JoinToken: `token${i}`,
        })),
        Errors: [],
      }),
    );

const sentCreate = () => {
  const calls = chime.commandCalls(CreateMeetingWithAttendeesCommand);
  expect(calls).toHaveLength(1);
  const [call] = calls;
  if (!call) throw new Error('no CreateMeetingWithAttendees');
  return call.args[0].input;
};

beforeEach(() => {
  chime.reset();
});

describe('Chime meetings: create', () => {
  it('creates one meeting with every participant, in the clinic region, with opaque ids', async () => {
    answerCreate();
    const created = await meetings.createMeeting(input());

    const sent = sentCreate();
    expect(sent.MediaRegion).toBe('us-west-2');
    expect(sent.ClientRequestToken).toMatch(/^[-_a-zA-Z0-9]{2,64}$/);
    expect(sent.ExternalMeetingId).toMatch(/^.{2,64}$/);
    expect(sent.Attendees).toHaveLength(2);
    // Neither the handoff id nor a Cognito sub reaches Chime (or the other attendees' browsers).
    const wire = JSON.stringify(sent);
    for (const secret of [HANDOFF, BCM_SUB, TABLET_SUB]) expect(wire).not.toContain(secret);
    for (const a of sent.Attendees ?? []) expect(a.ExternalUserId).toMatch(/^.{2,64}$/);

    // The caller gets its own user ids back, mapped to Chime's attendee ids.
    expect(created).toEqual({
      meetingId: MEETING_ID,
      mediaRegion: 'us-west-2',
      attendees: [
        { externalUserId: BCM_SUB, attendeeId: 'attendee-0' },
        { externalUserId: TABLET_SUB, attendeeId: 'attendee-1' },
      ],
    });
  });

  it('derives the same token and ids from the same handoff, different ones from another', async () => {
    answerCreate();
    await meetings.createMeeting(input());
    await meetings.createMeeting(input());
    await meetings.createMeeting(input({ requestToken: 'other', externalMeetingId: 'other' }));
    const [first, retry, other] = chime
      .commandCalls(CreateMeetingWithAttendeesCommand)
      .map((c) => c.args[0].input);
    expect(retry).toEqual(first);
    expect(other?.ClientRequestToken).not.toBe(first?.ClientRequestToken);
    expect(other?.ExternalMeetingId).not.toBe(first?.ExternalMeetingId);
    // One person is not linkable across meetings by their external id.
    expect(other?.Attendees?.[0]?.ExternalUserId).not.toBe(first?.Attendees?.[0]?.ExternalUserId);
  });

  it.each(['eu-west-1', 'us-east-1 ', 'mars-1', ''])(
    'refuses media region %j before any call',
    async (mediaRegion) => {
      await expect(meetings.createMeeting(input({ mediaRegion }))).rejects.toThrow(
        MeetingCreateError,
      );
      expect(chime.calls()).toHaveLength(0);
    },
  );

  it('refuses an empty or oversized attendee list before any call', async () => {
    await expect(meetings.createMeeting(input({ attendees: [] }))).rejects.toThrow(
      MeetingCreateError,
    );
    const many = Array.from({ length: 21 }, (_, i) => ({ externalUserId: `user-${i}` }));
    await expect(meetings.createMeeting(input({ attendees: many }))).rejects.toThrow(
      MeetingCreateError,
    );
    expect(chime.calls()).toHaveLength(0);
  });

  it('reports per-attendee errors as a failure and deletes the half-made meeting', async () => {
    chime.on(CreateMeetingWithAttendeesCommand).resolves({
      Meeting: { MeetingId: MEETING_ID, MediaRegion: 'us-west-2' },
      Attendees: [{ ExternalUserId: 'u-x', AttendeeId: 'attendee-0', JoinToken: 't' }],
      Errors: [{ ExternalUserId: 'u-y', ErrorCode: 'LimitExceeded', ErrorMessage: 'too many' }],
    });
    chime.on(DeleteMeetingCommand).resolves({});
    const failure = await meetings.createMeeting(input()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MeetingCreateError);
    expect((failure as MeetingCreateError).codes).toEqual(['LimitExceeded']);
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 1);
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: MEETING_ID });
  });

  it('still reports the create failure when deleting the half-made meeting fails too', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    chime.on(CreateMeetingWithAttendeesCommand).resolves({
      Meeting: { MeetingId: MEETING_ID },
      Attendees: [],
      Errors: [{ ExternalUserId: 'u-y', ErrorCode: 'BadRequest' }],
    });
    chime
      .on(DeleteMeetingCommand)
      .rejects(new ServiceFailureException({ message: 'down', $metadata: {} }));
    await expect(meetings.createMeeting(input())).rejects.toThrow(MeetingCreateError);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('deletes the meeting when Chime answers without every attendee', async () => {
    chime.on(CreateMeetingWithAttendeesCommand).resolves({
      Meeting: { MeetingId: MEETING_ID },
      Attendees: [{ ExternalUserId: 'u-unknown', AttendeeId: 'attendee-9' }],
    });
    chime.on(DeleteMeetingCommand).resolves({});
    await expect(meetings.createMeeting(input())).rejects.toThrow(MeetingCreateError);
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: MEETING_ID });
  });

  it('passes a Chime error through, with nothing created to delete', async () => {
    chime
      .on(CreateMeetingWithAttendeesCommand)
      .rejects(new ServiceFailureException({ message: 'down', $metadata: {} }));
    await expect(meetings.createMeeting(input())).rejects.toThrow(ServiceFailureException);
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 0);
  });
});

describe('Chime meetings: attendees, join, delete', () => {
  const chimeExternalMeetingId = 'm-abcdefghijklmnopqrstuv';

  it('adds an attendee under the meeting-scoped opaque id of the user', async () => {
    chime.on(GetMeetingCommand).resolves({
      Meeting: { MeetingId: MEETING_ID, ExternalMeetingId: chimeExternalMeetingId },
    });
    chime.on(CreateAttendeeCommand).resolves({ Attendee: { AttendeeId: 'attendee-7' } });
    await expect(meetings.addAttendee(MEETING_ID, BCM_SUB)).resolves.toEqual({
      attendeeId: 'attendee-7',
    });
    expect(chime).toHaveReceivedCommandWith(CreateAttendeeCommand, {
      MeetingId: MEETING_ID,
      ExternalUserId: externalUserIdFor(chimeExternalMeetingId, BCM_SUB),
    });
  });

  it('an attendee added later gets the id it would have had at creation', async () => {
    answerCreate();
    await meetings.createMeeting(input());
    const sent = sentCreate();
    chime.on(GetMeetingCommand).resolves({
      Meeting: { MeetingId: MEETING_ID, ExternalMeetingId: sent.ExternalMeetingId },
    });
    chime.on(CreateAttendeeCommand).resolves({ Attendee: { AttendeeId: 'attendee-0' } });
    await meetings.addAttendee(MEETING_ID, BCM_SUB);
    const added = chime.commandCalls(CreateAttendeeCommand)[0]?.args[0].input;
    expect(added?.ExternalUserId).toBe(sent.Attendees?.[0]?.ExternalUserId);
  });

  it('hands out join credentials: the meeting and that attendee only', async () => {
    const meeting = {
      MeetingId: MEETING_ID,
      MediaRegion: 'us-west-2',
      MediaPlacement: { AudioHostUrl: 'audio.example:3478', SignalingUrl: 'wss://signal.example' },
    };
    const attendee = { AttendeeId: 'attendee-1', ExternalUserId: 'u-x', JoinToken: 'abc123' };
    chime.on(GetMeetingCommand).resolves({ Meeting: meeting });
    chime.on(GetAttendeeCommand).resolves({ Attendee: attendee });
    const join = await meetings.joinFor(MEETING_ID, 'attendee-1');
    expect(CallJoin.parse(join)).toEqual({
      provider: 'chime',
      meetingId: MEETING_ID,
      attendeeId: 'attendee-1',
      join: { Meeting: meeting, Attendee: attendee },
    });
    expect(chime).toHaveReceivedCommandWith(GetAttendeeCommand, {
      MeetingId: MEETING_ID,
      AttendeeId: 'attendee-1',
    });
  });

  it('refuses to hand out a join without a token', async () => {
    chime.on(GetMeetingCommand).resolves({ Meeting: { MeetingId: MEETING_ID } });
    chime.on(GetAttendeeCommand).resolves({ Attendee: { AttendeeId: 'attendee-1' } });
    await expect(meetings.joinFor(MEETING_ID, 'attendee-1')).rejects.toThrow();
  });

  it('deletes the meeting on end', async () => {
    chime.on(DeleteMeetingCommand).resolves({});
    await meetings.deleteMeeting(MEETING_ID);
    expect(chime).toHaveReceivedCommandTimes(DeleteMeetingCommand, 1);
    expect(chime).toHaveReceivedCommandWith(DeleteMeetingCommand, { MeetingId: MEETING_ID });
  });

  it('treats a meeting that is already gone as deleted', async () => {
    chime
      .on(DeleteMeetingCommand)
      .rejects(new NotFoundException({ message: 'no such meeting', $metadata: {} }));
    await expect(meetings.deleteMeeting(MEETING_ID)).resolves.toBeUndefined();
  });

  it('reports other delete failures (the sweep retries them)', async () => {
    chime
      .on(DeleteMeetingCommand)
      .rejects(new ServiceFailureException({ message: 'down', $metadata: {} }));
    await expect(meetings.deleteMeeting(MEETING_ID)).rejects.toThrow(ServiceFailureException);
  });
});

/**
 * Retries live in the SDK's middleware, which a mocked `send` skips: these run the real client
 * over a fake HTTP handler that answers 429 ThrottlingException a given number of times.
 */
describe('Chime meetings: retries on throttling', () => {
  // The SDK waits (with jitter) between attempts; fake timers skip the waiting, not the retrying.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const settle = async <T>(promise: Promise<T>) => {
    let done = false;
    const outcome = promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    void outcome.then(() => (done = true));
    while (!done) await vi.advanceTimersByTimeAsync(250);
    return outcome;
  };

  const throttlingThenOk = (throttles: number) => {
    const seen: string[] = [];
    const requestHandler = {
      handle: (request: { path: string; body?: unknown }) => {
        seen.push(
          request.body instanceof Uint8Array
            ? new TextDecoder().decode(request.body)
            : String(request.body),
        );
        const throttled = seen.length <= throttles;
        const body = throttled
          ? { Code: 'ThrottlingException', Message: 'Rate exceeded' }
          : { Meeting: { MeetingId: MEETING_ID, MediaRegion: 'us-west-2' } };
        return Promise.resolve({
          response: {
            statusCode: throttled ? 429 : 200,
            headers: {
              'content-type': 'application/json',
              ...(throttled ? { 'x-amzn-errortype': 'ThrottlingException' } : {}),
            },
            body: new TextEncoder().encode(JSON.stringify(body)),
          },
        });
      },
    };
    const adapter = createChimeMeetings({
      region: 'us-east-1',
      clientConfig: {
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        requestHandler: requestHandler as unknown as ChimeSDKMeetingsClientConfig['requestHandler'],
      },
    });
    return { adapter, seen };
  };

  it('retries a throttled call and succeeds', async () => {
    const { adapter, seen } = throttlingThenOk(2);
    expect(await settle(adapter.deleteMeeting(MEETING_ID))).toEqual({ ok: true, value: undefined });
    expect(seen).toHaveLength(3);
  });

  it('retries CreateMeetingWithAttendees with the same idempotency token', async () => {
    const { adapter, seen } = throttlingThenOk(DEFAULT_MAX_ATTEMPTS - 1);
    await settle(adapter.createMeeting(input()));
    // Every attempt carries the same token (then one DeleteMeeting: the fake answer lacks attendees).
    const creates = seen.filter((body) => body.includes('"ClientRequestToken"'));
    expect(creates).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect(new Set(creates).size).toBe(1);
  });

  it(`gives up after ${DEFAULT_MAX_ATTEMPTS} attempts`, async () => {
    const { adapter, seen } = throttlingThenOk(100);
    const outcome = await settle(adapter.deleteMeeting(MEETING_ID));
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ error: { name: 'ThrottlingException' } });
    expect(seen).toHaveLength(DEFAULT_MAX_ATTEMPTS);
  });
});
