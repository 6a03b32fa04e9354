/// <reference lib="dom" />
/**
 * Just enough WebRTC for node: media tracks and streams, a peer connection with the real
 * signalling-state rules (offer/answer/rollback, candidates need a remote description), and a
 * socket relay that parses every message with the contracts. Two fake connections "connect" when
 * their descriptions match each other and each has the other's candidate.
 */
import { ClientMessage, ServerMessage } from '../../../functions/contracts/realtime';
import type { SignalChannel } from '../../../web/lib/call/types';

let ids = 0;

export class FakeTrack {
  readonly id = `track-${(ids += 1)}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  readonly label: string;
  constructor(readonly kind: 'audio' | 'video') {
    this.label = `fake ${kind}`;
  }
  stop() {
    this.readyState = 'ended';
  }
}

export class FakeStream {
  readonly id = `stream-${(ids += 1)}`;
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  addTrack(track: FakeTrack) {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }
  removeTrack(track: FakeTrack) {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

export const fakeMedia = () => {
  const opened: FakeTrack[] = [];
  const media = {
    getUserMedia: (constraints: MediaStreamConstraints) => {
      const tracks = [
        ...(constraints.audio ? [new FakeTrack('audio')] : []),
        ...(constraints.video ? [new FakeTrack('video')] : []),
      ];
      opened.push(...tracks);
      return Promise.resolve(new FakeStream(tracks));
    },
    enumerateDevices: () =>
      Promise.resolve([
        { kind: 'audioinput', deviceId: 'mic-1', label: 'Mic', groupId: 'g' },
        { kind: 'videoinput', deviceId: 'cam-1', label: 'Cam', groupId: 'g' },
        { kind: 'audiooutput', deviceId: 'spk-1', label: 'Speaker', groupId: 'g' },
      ]),
  };
  return { media: media as unknown as MediaDevices, opened };
};

const invalidState = (what: string) => new DOMException(what, 'InvalidStateError');
const sessionOf = (sdp: string | undefined) => /^o=\S+ (\S+) /m.exec(sdp ?? '')?.[1];

type Description = { type: RTCSdpType; sdp?: string };

export interface FakeTransceiver {
  mid: string | null;
  direction: RTCRtpTransceiverDirection;
  receiver: { track: FakeTrack };
  sender: {
    track: FakeTrack | null;
    replaceTrack(t: FakeTrack | null): Promise<void>;
    setStreams(...streams: FakeStream[]): void;
  };
  stop(): void;
}

const transceiver = (
  kind: 'audio' | 'video',
  track: FakeTrack | null,
  direction: RTCRtpTransceiverDirection,
  mid: string | null,
): FakeTransceiver => {
  const sender = {
    track,
    replaceTrack(next: FakeTrack | null) {
      sender.track = next;
      return Promise.resolve();
    },
    setStreams: () => undefined,
  };
  const t: FakeTransceiver = {
    mid,
    direction,
    receiver: { track: new FakeTrack(kind) },
    sender,
    stop: () => {
      t.direction = 'stopped';
    },
  };
  return t;
};

export class FakeNetwork {
  readonly connections = new Map<string, FakePeerConnection>();
  create = () => new FakePeerConnection(this) as unknown as RTCPeerConnection;
}

export class FakePeerConnection {
  readonly session = String(1_000_000 + (ids += 1));
  private version = 0;
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: Description | null = null;
  remoteDescription: Description | null = null;
  private stableLocal: Description | null = null;
  private gotCandidate = false;
  private tracksFired = false;
  private mids = 0;
  /** Associated by the local offer being made: a rollback undoes that. */
  private pendingMids: FakeTransceiver[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  onicecandidate: ((e: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null =
    null;
  ontrack: ((e: { track: FakeTrack; streams: FakeStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;

  constructor(private readonly net: FakeNetwork) {
    net.connections.set(this.session, this);
  }

  addTransceiver(
    trackOrKind: FakeTrack | 'audio' | 'video',
    init: { direction?: RTCRtpTransceiverDirection } = {},
  ) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const t = transceiver(kind, track, init.direction ?? 'sendrecv', null);
    this.transceivers.push(t);
    return t;
  }

  getTransceivers() {
    return [...this.transceivers];
  }

  get senders() {
    return this.transceivers.map((t) => t.sender);
  }

  private sdp() {
    this.version += 1;
    const media = this.transceivers
      .filter((t) => t.mid !== null)
      .map((t) => `m=${t.receiver.track.kind} mid:${t.mid}\r\n`)
      .join('');
    return `v=0\r\no=- ${this.session} ${this.version} IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${media}`;
  }

  createOffer() {
    if (this.signalingState === 'closed') return Promise.reject(invalidState('closed'));
    this.pendingMids = this.transceivers.filter((t) => t.mid === null);
    for (const t of this.pendingMids) t.mid = `${this.session}-${(this.mids += 1)}`;
    return Promise.resolve({ type: 'offer' as const, sdp: this.sdp() });
  }

  createAnswer() {
    if (this.signalingState !== 'have-remote-offer') return Promise.reject(invalidState('answer'));
    return Promise.resolve({ type: 'answer' as const, sdp: this.sdp() });
  }

  setLocalDescription(desc: Description) {
    if (desc.type === 'rollback') {
      if (this.signalingState !== 'have-local-offer') return Promise.reject(invalidState('rb'));
      this.signalingState = 'stable';
      this.localDescription = this.stableLocal;
      for (const t of this.pendingMids) t.mid = null;
      this.pendingMids = [];
      return Promise.resolve();
    }
    if (desc.type === 'offer' && this.signalingState !== 'stable') {
      return Promise.reject(invalidState('offer in ' + this.signalingState));
    }
    if (desc.type === 'answer' && this.signalingState !== 'have-remote-offer') {
      return Promise.reject(invalidState('local answer'));
    }
    this.signalingState = desc.type === 'offer' ? 'have-local-offer' : 'stable';
    this.localDescription = desc;
    if (this.signalingState === 'stable') this.stableLocal = desc;
    const candidate = `candidate:${this.session} 1 udp 2122260223 127.0.0.1 50000 typ host`;
    setTimeout(() => {
      if (this.signalingState === 'closed') return;
      this.onicecandidate?.({
        candidate: { toJSON: () => ({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) },
      });
    }, 0);
    this.check();
    return Promise.resolve();
  }

  setRemoteDescription(desc: Description) {
    if (desc.type === 'offer' && this.signalingState !== 'stable') {
      return Promise.reject(invalidState('remote offer in ' + this.signalingState));
    }
    if (desc.type === 'answer' && this.signalingState !== 'have-local-offer') {
      return Promise.reject(invalidState('remote answer'));
    }
    this.signalingState = desc.type === 'offer' ? 'have-remote-offer' : 'stable';
    this.remoteDescription = desc;
    if (desc.type === 'offer') {
      // JSEP: an m-line pairs with the transceiver of its mid, else a new recvonly one; unassociated
      // addTransceiver() ones are never reused (only addTrack() ones would be).
      for (const [, kind, mid] of (desc.sdp ?? '').matchAll(/^m=(audio|video) mid:(\S+)/gm)) {
        if (!mid || this.transceivers.some((t) => t.mid === mid)) continue;
        this.transceivers.push(transceiver(kind as 'audio' | 'video', null, 'recvonly', mid));
      }
    }
    this.check();
    return Promise.resolve();
  }

  addIceCandidate(init: RTCIceCandidateInit) {
    if (!this.remoteDescription) return Promise.reject(invalidState('no remote description'));
    const from = /^candidate:(\S+)/.exec(init.candidate ?? '')?.[1];
    if (from !== sessionOf(this.remoteDescription.sdp)) {
      return Promise.reject(new DOMException('unknown ufrag', 'OperationError'));
    }
    this.gotCandidate = true;
    this.check();
    return Promise.resolve();
  }

  private remotePeer() {
    return this.net.connections.get(sessionOf(this.remoteDescription?.sdp) ?? '');
  }

  private check() {
    const peer = this.remotePeer();
    if (!peer || this.signalingState !== 'stable' || peer.signalingState !== 'stable') return;
    const crossed =
      peer.remoteDescription?.sdp === this.localDescription?.sdp &&
      peer.localDescription?.sdp === this.remoteDescription?.sdp;
    if (!crossed || !this.gotCandidate || !peer.gotCandidate) return;
    this.connect(peer);
    peer.connect(this);
  }

  private connect(peer: FakePeerConnection) {
    if (this.connectionState === 'connected') return;
    this.connectionState = 'connected';
    if (!this.tracksFired) {
      // Media flows only from the other side's negotiated transceivers that send.
      const sending = peer.transceivers.filter(
        (t) => t.mid !== null && (t.direction === 'sendrecv' || t.direction === 'sendonly'),
      );
      this.tracksFired = sending.length > 0;
      const tracks = sending.map((t) => new FakeTrack(t.receiver.track.kind));
      const stream = new FakeStream(tracks);
      for (const track of tracks) this.ontrack?.({ track, streams: [stream] });
    }
    setTimeout(() => this.onconnectionstatechange?.(), 0);
  }

  /** The link breaks under a connected pair (Wi-Fi drop). */
  breakLink() {
    for (const pc of [this, this.remotePeer()]) {
      if (!pc || pc.connectionState !== 'connected') continue;
      pc.connectionState = 'failed';
      setTimeout(() => pc.onconnectionstatechange?.(), 0);
    }
  }

  getStats() {
    const report = new Map<string, Record<string, unknown>>();
    if (this.connectionState === 'connected' && this.tracksFired) {
      report.set('in-video', { type: 'inbound-rtp', kind: 'video', bytesReceived: 40_000 });
      report.set('in-audio', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 2_000 });
    }
    return Promise.resolve(report);
  }

  close() {
    this.signalingState = 'closed';
    this.connectionState = 'closed';
  }
}

/** The paging socket's relay for one meeting: to one attendee, or to every other one. */
export class FakeRelay {
  readonly sent: ClientMessage[] = [];
  private readonly listeners = new Map<string, Set<(m: ServerMessage) => void>>();

  channel(attendeeId: string): SignalChannel {
    return {
      send: (message) => {
        const parsed = ClientMessage.parse(message);
        if (parsed.action !== 'signal' || parsed.fromAttendeeId !== attendeeId) {
          throw new Error('a client may only signal as itself');
        }
        this.sent.push(parsed);
        setTimeout(() => this.deliver(parsed), 0);
        return true;
      },
      subscribe: (listener) => {
        const set = this.listeners.get(attendeeId) ?? new Set();
        set.add(listener);
        this.listeners.set(attendeeId, set);
        return () => set.delete(listener);
      },
    };
  }

  /** The attendee's tab vanished (no bye): nothing more reaches it. */
  drop(attendeeId: string) {
    this.listeners.delete(attendeeId);
  }

  kinds(from?: string) {
    return this.sent
      .filter((m) => m.action === 'signal' && (from === undefined || m.fromAttendeeId === from))
      .map((m) => (m.action === 'signal' ? m.data.kind : 'heartbeat'));
  }

  private deliver(message: ClientMessage) {
    if (message.action !== 'signal') return;
    const out = ServerMessage.parse({
      type: 'call.signal',
      meetingId: message.meetingId,
      fromAttendeeId: message.fromAttendeeId,
      data: message.data,
    });
    for (const [attendeeId, set] of this.listeners) {
      if (attendeeId === message.fromAttendeeId) continue;
      if (message.toAttendeeId && attendeeId !== message.toAttendeeId) continue;
      set.forEach((listener) => listener(out));
    }
  }
}
