/**
 * The Chime SDK call client (AWS). Loaded only through index.ts's dynamic import, so the SDK is
 * fetched on the call screen and never by the tablet's first page.
 */
import {
  ConsoleLogger,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionStatusCode,
  type AudioVideoObserver,
  type MeetingSession,
  type MeetingSessionConfiguration,
  type MeetingSessionStatus,
  type VideoTileState,
} from 'amazon-chime-sdk-js';
import type { CallJoin } from '../contracts';
import { chimeConfiguration } from './chime-config';
import type { DeviceChoice } from './devices';
import { createCallEvents } from './events';
import { inboundBytesOf } from './stats';
import type { CallClient, CallStatus, RemoteTile } from './types';

/**
 * Ended on purpose (we left, the meeting was deleted, this attendee joined on another device):
 * not a failure the screen should offer to retry, since a rejoin would take the call back.
 */
const ENDED = new Set<MeetingSessionStatusCode>([
  MeetingSessionStatusCode.Left,
  MeetingSessionStatusCode.AudioJoinedFromAnotherDevice,
  MeetingSessionStatusCode.MeetingEnded,
  MeetingSessionStatusCode.AudioAttendeeRemoved,
]);

/** Only a terminal status ends the call; the SDK reconnects by itself from anything else. */
export const statusAfterStop = (status: MeetingSessionStatus): CallStatus | undefined => {
  if (!status.isTerminal()) return undefined;
  return ENDED.has(status.statusCode()) ? 'ended' : 'failed';
};

const defaultSession = (configuration: MeetingSessionConfiguration): MeetingSession => {
  // WARN: the SDK's INFO logs include the join URLs and attendee ids.
  const logger = new ConsoleLogger('call', LogLevel.WARN);
  const devices = new DefaultDeviceController(logger, { enableWebAudio: false });
  return new DefaultMeetingSession(configuration, logger, devices);
};

export interface ChimeCallOptions {
  /** Tests drive the client through a fake session; the browser gets the SDK's own. */
  createSession?: (
    configuration: MeetingSessionConfiguration,
  ) => Pick<MeetingSession, 'audioVideo'>;
}

export const createChimeCallClient = (
  join: CallJoin,
  options: ChimeCallOptions = {},
): CallClient => {
  const session = (options.createSession ?? defaultSession)(chimeConfiguration(join));
  const av = session.audioVideo;
  const events = createCallEvents();
  const remote = new Map<number, string>();
  let localElement: HTMLVideoElement | undefined;
  let localTileId: number | undefined;
  let choice: DeviceChoice = {};
  let videoEnabled = true;
  let started = false;

  const emitTiles = () => {
    const tiles: RemoteTile[] = [...remote.entries()].map(([tileId, attendeeId]) => ({
      tileId: String(tileId),
      attendeeId,
    }));
    events.remoteTiles(tiles);
  };

  const startCamera = async () => {
    await av.startVideoInput(choice.videoInputId ?? (await firstDevice('video')));
    av.startLocalVideoTile();
  };

  const firstDevice = async (kind: 'audio' | 'video') => {
    const list =
      kind === 'audio' ? await av.listAudioInputDevices() : await av.listVideoInputDevices();
    const id = list[0]?.deviceId;
    if (!id) throw new DOMException(`No ${kind} input`, 'NotFoundError');
    return id;
  };

  const observer: AudioVideoObserver = {
    audioVideoDidStartConnecting: (reconnecting) => {
      events.status(reconnecting ? 'reconnecting' : 'connecting');
    },
    audioVideoDidStart: () => events.status('connected'),
    audioVideoDidStop: (status) => {
      const next = statusAfterStop(status);
      if (next) events.status(next);
    },
    videoTileDidUpdate: (tile: VideoTileState) => {
      if (tile.tileId === null) return;
      if (tile.localTile) {
        localTileId = tile.tileId;
        if (localElement) av.bindVideoElement(tile.tileId, localElement);
        return;
      }
      if (!tile.boundAttendeeId || remote.get(tile.tileId) === tile.boundAttendeeId) return;
      remote.set(tile.tileId, tile.boundAttendeeId);
      emitTiles();
    },
    videoTileWasRemoved: (tileId) => {
      if (remote.delete(tileId)) emitTiles();
    },
    connectionDidSuggestStopVideo: () => events.suggestAudioOnly(),
  };

  return {
    provider: 'chime',

    async start(startChoice = {}) {
      if (started) return;
      started = true;
      choice = { ...startChoice };
      events.status('connecting');
      av.addObserver(observer);
      // Someone who dropped off takes their tile with them at once, before the video times out.
      av.realtimeSubscribeToAttendeeIdPresence((attendeeId, isPresent) => {
        if (isPresent) return;
        let changed = false;
        for (const [tileId, owner] of remote) {
          if (owner.split('#')[0] === attendeeId) changed = remote.delete(tileId) || changed;
        }
        if (changed) emitTiles();
      });
      await av.startAudioInput(choice.audioInputId ?? (await firstDevice('audio')));
      if (videoEnabled) {
        // No camera: the call still starts, audio only, rather than failing.
        await startCamera().catch(() => {
          videoEnabled = false;
        });
      }
      av.start();
    },

    async leave() {
      av.stopLocalVideoTile();
      av.stop();
      await av.stopVideoInput().catch(() => undefined);
      await av.stopAudioInput().catch(() => undefined);
    },

    setMuted(muted) {
      if (muted) av.realtimeMuteLocalAudio();
      else av.realtimeUnmuteLocalAudio();
    },

    async setVideoEnabled(enabled) {
      if (enabled === videoEnabled) return;
      videoEnabled = enabled;
      if (!started) return;
      if (enabled) {
        await startCamera();
      } else {
        av.stopLocalVideoTile();
        await av.stopVideoInput();
      }
    },

    async listDevices() {
      return {
        audioInputs: await av.listAudioInputDevices(),
        videoInputs: await av.listVideoInputDevices(),
      };
    },

    async chooseDevices(next) {
      choice = { ...choice, ...next };
      if (!started) return;
      if (next.audioInputId) await av.startAudioInput(next.audioInputId);
      if (next.videoInputId && videoEnabled) await av.startVideoInput(next.videoInputId);
    },

    bindLocalVideo(element) {
      localElement = element;
      if (localTileId !== undefined) av.bindVideoElement(localTileId, element);
    },

    bindRemoteVideo(tileId, element) {
      av.bindVideoElement(Number(tileId), element);
    },

    bindAudio(element) {
      void av.bindAudioElement(element).catch(() => undefined);
    },

    on: (event, listener) => events.on(event, listener),

    inboundBytes: async () => inboundBytesOf(await av.getRTCPeerConnectionStats()),
  };
};
