/// <reference lib="dom" />
/**
 * The Chime call client's wiring to the SDK, through a fake audioVideo facade: devices, start
 * order, tiles, presence, audio-only suggestion, terminal vs reconnecting stops, stats.
 */
import {
  MeetingSessionStatus,
  MeetingSessionStatusCode,
  type AudioVideoFacade,
  type AudioVideoObserver,
  type VideoTileState,
} from 'amazon-chime-sdk-js';
import { describe, expect, it } from 'vitest';
import { CallJoin } from '../../../functions/contracts/handoff';
import { createChimeCallClient } from '../../../web/lib/call/chime';
import type { CallStatus, RemoteTile } from '../../../web/lib/call/types';

const MEETING_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const ME = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const BCM = '11111111-2222-4333-8444-555555555555';

const join = CallJoin.parse({
  provider: 'chime',
  meetingId: MEETING_ID,
  attendeeId: ME,
  join: {
    Meeting: {
      MeetingId: MEETING_ID,
      MediaPlacement: { AudioHostUrl: 'a.example:3478', SignalingUrl: 'wss://s.example/control' },
    },
    Attendee: { AttendeeId: ME, JoinToken: 'dG9rZW4' },
  },
});

const fakeAudioVideo = () => {
  const calls: string[] = [];
  const observers: AudioVideoObserver[] = [];
  const presence: ((attendeeId: string, present: boolean) => void)[] = [];
  const bound = new Map<number, unknown>();
  const device = (kind: string, deviceId: string) => ({
    kind,
    deviceId,
    label: deviceId,
    groupId: 'g',
  });
  const av = {
    addObserver: (o: AudioVideoObserver) => observers.push(o),
    realtimeSubscribeToAttendeeIdPresence: (cb: (id: string, present: boolean) => void) =>
      presence.push(cb),
    listAudioInputDevices: () => Promise.resolve([device('audioinput', 'mic-1')]),
    listVideoInputDevices: () => Promise.resolve([device('videoinput', 'cam-1')]),
    startAudioInput: (id: string) => (calls.push(`audio:${id}`), Promise.resolve(undefined)),
    startVideoInput: (id: string) => (calls.push(`video:${id}`), Promise.resolve(undefined)),
    stopVideoInput: () => (calls.push('video:stop'), Promise.resolve()),
    stopAudioInput: () => (calls.push('audio:stop'), Promise.resolve()),
    startLocalVideoTile: () => (calls.push('localTile'), 1),
    stopLocalVideoTile: () => calls.push('localTile:stop'),
    start: () => calls.push('start'),
    stop: () => calls.push('stop'),
    realtimeMuteLocalAudio: () => calls.push('mute'),
    realtimeUnmuteLocalAudio: () => calls.push('unmute'),
    bindVideoElement: (tileId: number, el: unknown) => bound.set(tileId, el),
    bindAudioElement: () => (calls.push('bindAudio'), Promise.resolve()),
    getRTCPeerConnectionStats: () =>
      Promise.resolve(
        new Map<string, Record<string, unknown>>([
          ['a', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100 }],
          ['v', { type: 'inbound-rtp', kind: 'video', bytesReceived: 900 }],
          ['o', { type: 'outbound-rtp', kind: 'video', bytesSent: 5_000 }],
        ]),
      ),
  };
  const emit = (f: (o: AudioVideoObserver) => void) => observers.forEach(f);
  return { av: av as unknown as AudioVideoFacade, calls, emit, presence, bound };
};

const setUp = () => {
  const fake = fakeAudioVideo();
  const client = createChimeCallClient(join, { createSession: () => ({ audioVideo: fake.av }) });
  const statuses: CallStatus[] = [];
  let tiles: RemoteTile[] = [];
  let suggestions = 0;
  client.on('status', (s) => statuses.push(s));
  client.on('remoteTiles', (t) => (tiles = t));
  client.on('suggestAudioOnly', () => (suggestions += 1));
  return { fake, client, statuses, tiles: () => tiles, suggestions: () => suggestions };
};

const tile = (over: Partial<VideoTileState>) =>
  ({ tileId: 2, localTile: false, boundAttendeeId: BCM, ...over }) as VideoTileState;

describe('Chime call client', () => {
  it('starts the chosen devices, then the local tile, then the session', async () => {
    const { fake, client, statuses } = setUp();
    await client.start({ audioInputId: 'mic-9', videoInputId: 'cam-9' });
    expect(fake.calls).toEqual(['audio:mic-9', 'video:cam-9', 'localTile', 'start']);
    expect(statuses).toEqual(['connecting']);
  });

  it('falls back to the first devices, and to audio only when the camera fails', async () => {
    const { fake, client } = setUp();
    fake.av.startVideoInput = () => Promise.reject(new DOMException('busy', 'NotReadableError'));
    await client.start();
    expect(fake.calls).toEqual(['audio:mic-1', 'start']);
  });

  it('maps tiles, presence, the stop-video hint and stops to the call events', async () => {
    const { fake, client, statuses, tiles, suggestions } = setUp();
    const self = { id: 'self' } as unknown as HTMLVideoElement;
    client.bindLocalVideo(self);
    await client.start();
    fake.emit((o) => o.audioVideoDidStart?.());
    fake.emit((o) =>
      o.videoTileDidUpdate?.(tile({ tileId: 1, localTile: true, boundAttendeeId: ME })),
    );
    expect(fake.bound.get(1)).toBe(self);
    fake.emit((o) => o.videoTileDidUpdate?.(tile({})));
    expect(tiles()).toEqual([{ tileId: '2', attendeeId: BCM }]);
    // The attendee dropped off: the tile goes at once.
    fake.presence.forEach((cb) => cb(BCM, false));
    expect(tiles()).toEqual([]);

    fake.emit((o) => o.connectionDidSuggestStopVideo?.());
    expect(suggestions()).toBe(1);

    fake.emit((o) => o.audioVideoDidStartConnecting?.(true));
    fake.emit((o) =>
      o.audioVideoDidStop?.(
        new MeetingSessionStatus(MeetingSessionStatusCode.SignalingChannelClosedUnexpectedly),
      ),
    );
    fake.emit((o) => o.audioVideoDidStart?.());
    fake.emit((o) =>
      o.audioVideoDidStop?.(new MeetingSessionStatus(MeetingSessionStatusCode.MeetingEnded)),
    );
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'ended']);
  });

  it('mutes, turns the camera off and on, and sums inbound bytes', async () => {
    const { fake, client } = setUp();
    await client.start({ videoInputId: 'cam-2' });
    fake.calls.length = 0;
    client.setMuted(true);
    client.setMuted(false);
    await client.setVideoEnabled(false);
    await client.setVideoEnabled(true);
    expect(fake.calls).toEqual([
      'mute',
      'unmute',
      'localTile:stop',
      'video:stop',
      'video:cam-2',
      'localTile',
    ]);
    expect(await client.inboundBytes()).toBe(1_000);
    await client.leave();
    expect(fake.calls.slice(-4)).toEqual(['localTile:stop', 'stop', 'video:stop', 'audio:stop']);
  });
});
