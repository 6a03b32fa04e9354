/**
 * One call client for the call screen, two implementations: Amazon Chime SDK (in AWS) and
 * peer-to-peer WebRTC with signalling over the paging socket (local mode). The UI only sees this.
 */
import type { CallJoin, ClientMessage, ServerMessage } from '../contracts';

export type CallStatus = 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

export interface RemoteTile {
  /** Stable while the remote attendee's video is up. */
  tileId: string;
  attendeeId: string;
}

export interface CallDevices {
  audioInputs: MediaDeviceInfo[];
  videoInputs: MediaDeviceInfo[];
}

export interface CallEvents {
  status: (status: CallStatus) => void;
  remoteTiles: (tiles: RemoteTile[]) => void;
  /** The link looks too weak for video: the screen offers audio-only. */
  suggestAudioOnly: () => void;
}

export interface CallClient {
  readonly provider: CallJoin['provider'];
  start(options?: { audioInputId?: string; videoInputId?: string }): Promise<void>;
  /** Leaves the call (others stay). */
  leave(): Promise<void>;
  setMuted(muted: boolean): void;
  setVideoEnabled(enabled: boolean): Promise<void>;
  listDevices(): Promise<CallDevices>;
  chooseDevices(choice: { audioInputId?: string; videoInputId?: string }): Promise<void>;
  bindLocalVideo(element: HTMLVideoElement): void;
  bindRemoteVideo(tileId: string, element: HTMLVideoElement): void;
  /** Chime mixes all remote audio into one element; the local provider plays it in the video elements. */
  bindAudio(element: HTMLAudioElement): void;
  on<E extends keyof CallEvents>(event: E, listener: CallEvents[E]): () => void;
  /** Bytes of remote media received so far (tests and the connection indicator). */
  inboundBytes(): Promise<number>;
}

/**
 * The local provider's signalling path: the paging socket (`useRealtime()` fits as is). `send`
 * answers false while the socket is down; the client retries what matters (hello) by itself.
 * Listeners get every server message; the client keeps its meeting's `call.signal` ones.
 */
export interface SignalChannel {
  send(message: Extract<ClientMessage, { action: 'signal' }>): boolean;
  subscribe(listener: (message: ServerMessage) => void): () => void;
}
