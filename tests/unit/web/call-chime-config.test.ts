/// <reference lib="dom" />
// The browser call code is type-checked here too (the root project has no DOM lib otherwise).
import { MeetingSessionStatus, MeetingSessionStatusCode } from 'amazon-chime-sdk-js';
import { describe, expect, it } from 'vitest';
import { CallJoin } from '../../../functions/contracts/handoff';
import { statusAfterStop } from '../../../web/lib/call/chime';
import { chimeConfiguration } from '../../../web/lib/call/chime-config';

const MEETING_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const ATTENDEE_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** What the join route returns for Chime: GetMeeting's Meeting and GetAttendee's Attendee. */
const chimeJoin = (overrides: { Meeting?: object; Attendee?: object } = {}): CallJoin =>
  CallJoin.parse({
    provider: 'chime',
    meetingId: MEETING_ID,
    attendeeId: ATTENDEE_ID,
    join: {
      Meeting: {
        MeetingId: MEETING_ID,
        ExternalMeetingId: 'm-abcdefghijklmnopqrstuv',
        MediaRegion: 'us-west-2',
        MediaPlacement: {
          AudioHostUrl: 'abc.k.m2.uw2.app.chime.aws:3478',
          AudioFallbackUrl: 'wss://haxrp.m2.uw2.app.chime.aws:443/calls/abc',
          SignalingUrl: 'wss://signal.m2.uw2.app.chime.aws/control/abc',
          TurnControlUrl: 'https://2713.cell.us-east-1.meetings.chime.aws/v2/turn_sessions',
          ScreenDataUrl: 'wss://bitpw.m2.uw2.app.chime.aws:443/v2/screen/abc',
          ScreenViewingUrl: 'wss://bitpw.m2.uw2.app.chime.aws:443/ws/connect?passcode=null',
          ScreenSharingUrl: 'wss://bitpw.m2.uw2.app.chime.aws:443/v2/screen/abc',
          EventIngestionUrl: 'https://data.svc.ue1.ingest.chime.aws/v1/client-events',
        },
        ...overrides.Meeting,
      },
      Attendee: {
        AttendeeId: ATTENDEE_ID,
        ExternalUserId: 'u-zyxwvutsrqponmlkjihgfe',
        JoinToken: 'OWE4YjdjNmQtNWU0Zi00YTNiLThjMmQtMWUwZjlhOGI3YzZk',
        ...overrides.Attendee,
      },
    },
  });

describe('Chime session configuration from the join credentials', () => {
  it('carries the meeting, the attendee, the token and the media URLs', () => {
    const configuration = chimeConfiguration(chimeJoin());
    expect(configuration.meetingId).toBe(MEETING_ID);
    expect(configuration.externalMeetingId).toBe('m-abcdefghijklmnopqrstuv');
    expect(configuration.credentials?.attendeeId).toBe(ATTENDEE_ID);
    expect(configuration.credentials?.externalUserId).toBe('u-zyxwvutsrqponmlkjihgfe');
    expect(configuration.credentials?.joinToken).toBe(
      'OWE4YjdjNmQtNWU0Zi00YTNiLThjMmQtMWUwZjlhOGI3YzZk',
    );
    expect(configuration.urls?.audioHostURL).toBe('abc.k.m2.uw2.app.chime.aws:3478');
    expect(configuration.urls?.signalingURL).toBe('wss://signal.m2.uw2.app.chime.aws/control/abc');
    expect(configuration.urls?.turnControlURL).toBe(
      'https://2713.cell.us-east-1.meetings.chime.aws/v2/turn_sessions',
    );
  });

  it.each([
    ['no join token', { Attendee: { JoinToken: '' } }],
    ['no signalling URL', { Meeting: { MediaPlacement: { AudioHostUrl: 'a:1' } } }],
  ])('refuses credentials with %s before the SDK sees them', (_, overrides) => {
    expect(() => chimeConfiguration(chimeJoin(overrides))).toThrow(/incomplete/);
  });

  it('refuses credentials of another attendee or meeting than the join names', () => {
    expect(() =>
      chimeConfiguration(chimeJoin({ Attendee: { AttendeeId: 'someone-else' } })),
    ).toThrow(/do not match/);
    expect(() => chimeConfiguration(chimeJoin({ Meeting: { MeetingId: 'other' } }))).toThrow(
      /do not match/,
    );
  });

  it('refuses a local-provider join', () => {
    const local = CallJoin.parse({
      provider: 'webrtc-local',
      meetingId: 'local-1',
      attendeeId: 'att-1',
      join: {},
    });
    expect(() => chimeConfiguration(local)).toThrow();
  });
});

describe('which Chime stops end the call', () => {
  const stop = (code: MeetingSessionStatusCode) => statusAfterStop(new MeetingSessionStatus(code));

  it('ends on leaving, on the meeting being deleted, or on joining elsewhere', () => {
    expect(stop(MeetingSessionStatusCode.Left)).toBe('ended');
    expect(stop(MeetingSessionStatusCode.MeetingEnded)).toBe('ended');
    expect(stop(MeetingSessionStatusCode.AudioJoinedFromAnotherDevice)).toBe('ended');
  });

  it('fails (the screen offers a rejoin) on other terminal statuses', () => {
    expect(stop(MeetingSessionStatusCode.AudioCallAtCapacity)).toBe('failed');
    expect(stop(MeetingSessionStatusCode.SignalingRequestFailed)).toBe('failed');
  });

  it('does nothing on statuses the SDK reconnects from by itself', () => {
    expect(stop(MeetingSessionStatusCode.ConnectionHealthReconnect)).toBeUndefined();
    expect(stop(MeetingSessionStatusCode.SignalingChannelClosedUnexpectedly)).toBeUndefined();
    expect(stop(MeetingSessionStatusCode.ICEGatheringTimeoutWorkaround)).toBeUndefined();
  });
});
