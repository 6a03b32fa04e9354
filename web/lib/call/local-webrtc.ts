/**
 * Local mode's call client: a peer-to-peer mesh (one RTCPeerConnection per remote attendee, no ICE
 * servers) with signalling over the paging socket. Whoever hears a `hello` offers to its sender;
 * if both offer at once the larger attendee id yields (perfect negotiation), so it never glares.
 */
import type { CallJoin, SignalData } from '../contracts';
import { audioConstraints, listCallDevices, videoConstraints, type DeviceChoice } from './devices';
import { createCallEvents } from './events';
import { drivesRestart, incomingSignal, isPolite, sdpSessionId, weakLinkTracker } from './signal';
import { inboundBytesOf, linkSampleOf } from './stats';
import type { CallClient, RemoteTile, SignalChannel } from './types';

export interface LocalWebRtcOptions {
  mediaDevices?: MediaDevices;
  createPeerConnection?: () => RTCPeerConnection;
  /** While alone, hello is repeated this often (a hello lost in a socket reconnect is retried). */
  helloIntervalMs?: number;
  statsIntervalMs?: number;
  /** Reconnecting this long without any peer back gives 'failed' (the screen offers rejoin). */
  giveUpMs?: number;
}

interface Peer {
  id: string;
  pc: RTCPeerConnection;
  /** Our sending side per kind: made by us when we offer, adopted from the offer when we answer. */
  sending: Partial<Record<'audio' | 'video', RTCRtpTransceiver>>;
  stream?: MediaStream;
  makingOffer: boolean;
  ignoreOffer: boolean;
  remoteSession?: string;
  pending: RTCIceCandidateInit[];
  everConnected: boolean;
  restarts: number;
  restartTimer?: number;
}

/** 'disconnected' often heals by itself within a few seconds; 'failed' does not. */
const DISCONNECTED_GRACE_MS = 3_000;
const SETUP_TIMEOUT_MS = 10_000;
const RESTART_RETRY_MS = 5_000;
const MAX_ICE_RESTARTS = 3;

export const createLocalWebRtcClient = (
  join: CallJoin,
  signal: SignalChannel,
  options: LocalWebRtcOptions = {},
): CallClient => {
  const self = join.attendeeId;
  const { meetingId } = join;
  const media = options.mediaDevices ?? navigator.mediaDevices;
  const newPc = options.createPeerConnection ?? (() => new RTCPeerConnection({ iceServers: [] }));
  const events = createCallEvents();
  const peers = new Map<string, Peer>();
  const chains = new Map<string, Promise<void>>();
  const remoteElements = new Map<string, HTMLVideoElement>();
  const local = new MediaStream();
  let localElement: HTMLVideoElement | undefined;
  let choice: DeviceChoice = {};
  let muted = false;
  let videoEnabled = true;
  let started = false;
  let closed = false;
  let wasConnected = false;
  let unsubscribe: (() => void) | undefined;
  const timers: number[] = [];
  let giveUp: number | undefined;

  const send = (data: SignalData, to?: string) =>
    signal.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: self,
      ...(to ? { toAttendeeId: to } : {}),
      data,
    });

  const audioTrack = () => local.getAudioTracks()[0];
  const videoTrack = () => local.getVideoTracks()[0];

  const emitTiles = () => {
    const tiles: RemoteTile[] = [...peers.values()]
      .filter((p) => p.stream && p.stream.getVideoTracks().length > 0)
      .map((p) => ({ tileId: p.id, attendeeId: p.id }));
    events.remoteTiles(tiles);
  };

  const bindRemote = (peer: Peer) => {
    const element = remoteElements.get(peer.id);
    if (element && peer.stream && element.srcObject !== peer.stream)
      element.srcObject = peer.stream;
  };

  const refreshStatus = () => {
    if (closed) return;
    const states = [...peers.values()].map((p) => p.pc.connectionState);
    if (states.includes('connected')) {
      wasConnected = true;
      window.clearTimeout(giveUp);
      giveUp = undefined;
      events.status('connected');
      return;
    }
    if (!wasConnected || peers.size === 0) {
      // Nobody (else) here yet, or everyone said bye: waiting is not a failure.
      events.status('connecting');
      return;
    }
    events.status('reconnecting');
    giveUp ??= window.setTimeout(() => {
      const all = [...peers.values()];
      if (!closed && all.length > 0 && !all.some((p) => p.pc.connectionState === 'connected')) {
        events.status('failed');
      }
    }, options.giveUpMs ?? 30_000);
  };

  const closePeer = (id: string) => {
    const peer = peers.get(id);
    if (!peer) return;
    window.clearTimeout(peer.restartTimer);
    peers.delete(id);
    peer.pc.close();
    emitTiles();
    refreshStatus();
  };

  const makeOffer = async (peer: Peer, iceRestart = false) => {
    try {
      peer.makingOffer = true;
      const offer = await peer.pc.createOffer(iceRestart ? { iceRestart: true } : {});
      if (peers.get(peer.id) !== peer) return;
      await peer.pc.setLocalDescription(offer);
      if (offer.sdp) send({ kind: 'offer', sdp: offer.sdp }, peer.id);
    } finally {
      peer.makingOffer = false;
    }
  };

  /**
   * Only the smaller id acts, so the two sides never fight: a dropped link gets ICE restarts (the
   * call survives a Wi-Fi blip); a connection that never came up, or will not come back, is reset
   * (closed here, and a hello makes the other side start over and offer).
   */
  const watch = (peer: Peer, delayMs: number) => {
    if (!drivesRestart(self, peer.id)) return;
    window.clearTimeout(peer.restartTimer);
    peer.restartTimer = window.setTimeout(() => {
      peer.restartTimer = undefined;
      if (closed || peers.get(peer.id) !== peer || peer.pc.connectionState === 'connected') return;
      if (peer.everConnected && peer.restarts < MAX_ICE_RESTARTS) {
        peer.restarts += 1;
        void enqueue(peer.id, () => makeOffer(peer, true));
        watch(peer, RESTART_RETRY_MS);
        return;
      }
      void enqueue(peer.id, () => {
        closePeer(peer.id);
        send({ kind: 'hello' }, peer.id);
        return Promise.resolve();
      });
    }, delayMs);
  };

  /**
   * The offering side makes both transceivers itself: the m-lines exist even while the camera is
   * off, and a device change is a replaceTrack with no renegotiation. The answering side makes
   * none: JSEP never pairs a remote offer with addTransceiver() ones (they would stay unused and
   * the answer would only receive), so it adopts the offer's transceivers instead (adopt()).
   */
  const createPeer = (id: string, role: 'offerer' | 'answerer'): Peer => {
    const pc = newPc();
    const init: RTCRtpTransceiverInit = { direction: 'sendrecv', streams: [local] };
    const peer: Peer = {
      id,
      pc,
      sending:
        role === 'offerer'
          ? {
              audio: pc.addTransceiver(audioTrack() ?? 'audio', init),
              video: pc.addTransceiver(videoTrack() ?? 'video', init),
            }
          : {},
      makingOffer: false,
      ignoreOffer: false,
      pending: [],
      everConnected: false,
      restarts: 0,
    };
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate || peers.get(id) !== peer) return;
      const { candidate: c, sdpMid, sdpMLineIndex } = candidate.toJSON();
      if (c) send({ kind: 'candidate', candidate: { candidate: c, sdpMid, sdpMLineIndex } }, id);
    };
    pc.ontrack = (event) => {
      peer.stream = event.streams[0] ?? peer.stream ?? new MediaStream([event.track]);
      if (!event.streams[0] && !peer.stream.getTracks().includes(event.track)) {
        peer.stream.addTrack(event.track);
      }
      bindRemote(peer);
      emitTiles();
    };
    pc.onconnectionstatechange = () => {
      if (peers.get(id) !== peer) return;
      const state = pc.connectionState;
      if (state === 'connected') {
        peer.everConnected = true;
        peer.restarts = 0;
        window.clearTimeout(peer.restartTimer);
        peer.restartTimer = undefined;
      }
      if (state === 'failed') watch(peer, 0);
      if (state === 'disconnected') watch(peer, DISCONNECTED_GRACE_MS);
      refreshStatus();
    };
    peers.set(id, peer);
    watch(peer, SETUP_TIMEOUT_MS);
    return peer;
  };

  /** After a remote offer: send our tracks on the transceivers the offer created (or matched). */
  const adopt = async (peer: Peer) => {
    for (const kind of ['audio', 'video'] as const) {
      const transceiver = peer.pc
        .getTransceivers()
        .find((t) => t.mid !== null && t.receiver.track.kind === kind);
      if (!transceiver) continue;
      transceiver.direction = 'sendrecv';
      const track = kind === 'audio' ? audioTrack() : videoTrack();
      if (transceiver.sender.track !== (track ?? null)) {
        await transceiver.sender.replaceTrack(track ?? null);
      }
      // So the other side's ontrack gets one stream holding both tracks (not in every Safari).
      transceiver.sender.setStreams?.(local);
      peer.sending[kind] = transceiver;
    }
    // Our own offer's transceivers, left unpaired by a rollback, must not keep holding the camera.
    const adopted = Object.values(peer.sending);
    for (const t of peer.pc.getTransceivers()) {
      if (t.mid !== null || adopted.includes(t)) continue;
      await t.sender.replaceTrack(null);
      t.stop();
    }
  };

  const flushCandidates = async (peer: Peer) => {
    for (const candidate of peer.pending.splice(0)) {
      await peer.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  };

  const handle = async (from: string, data: SignalData) => {
    // Steps queued before leave() must not open new connections after it.
    if (closed) return;
    switch (data.kind) {
      case 'hello': {
        // A hello means the sender has (re)started with no state for us: start fresh and offer.
        closePeer(from);
        await makeOffer(createPeer(from, 'offerer'));
        return;
      }
      case 'bye':
        closePeer(from);
        return;
      case 'offer': {
        let peer = peers.get(from);
        const session = sdpSessionId(data.sdp);
        if (peer?.remoteSession && session !== peer.remoteSession) {
          closePeer(from);
          peer = undefined;
        }
        peer ??= createPeer(from, 'answerer');
        const collision = peer.makingOffer || peer.pc.signalingState !== 'stable';
        peer.ignoreOffer = collision && !isPolite(self, from);
        if (peer.ignoreOffer) return;
        if (collision) await peer.pc.setLocalDescription({ type: 'rollback' });
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        peer.remoteSession = session;
        await adopt(peer);
        await flushCandidates(peer);
        const answer = await peer.pc.createAnswer();
        await peer.pc.setLocalDescription(answer);
        if (answer.sdp) send({ kind: 'answer', sdp: answer.sdp }, from);
        return;
      }
      case 'answer': {
        const peer = peers.get(from);
        // An answer to an offer we no longer have (a replaced connection) is stale.
        if (!peer || peer.pc.signalingState !== 'have-local-offer') return;
        await peer.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        peer.remoteSession = sdpSessionId(data.sdp);
        await flushCandidates(peer);
        return;
      }
      case 'candidate': {
        const peer = peers.get(from);
        if (!peer) return;
        if (!peer.pc.remoteDescription) {
          peer.pending.push(data.candidate);
          return;
        }
        await peer.pc.addIceCandidate(data.candidate).catch((error: unknown) => {
          if (!peer.ignoreOffer) console.warn('call: candidate refused', errorName(error));
        });
        return;
      }
    }
  };

  /** Per remote attendee, one message at a time: negotiation steps are async and ordered. */
  const enqueue = (from: string, step: () => Promise<void>) => {
    const next = (chains.get(from) ?? Promise.resolve())
      .then(step)
      .catch((error: unknown) => console.warn('call: signalling step failed', errorName(error)));
    chains.set(from, next);
    return next;
  };

  const reports = () => Promise.all([...peers.values()].map((p) => p.pc.getStats()));

  const watchLink = () => {
    const weak = weakLinkTracker();
    timers.push(
      window.setInterval(() => {
        if (!videoEnabled || peers.size === 0) return;
        void reports().then(
          (all) => weak(linkSampleOf(all)) && events.suggestAudioOnly(),
          () => undefined,
        );
      }, options.statsIntervalMs ?? 2_000),
    );
  };

  const helloUntilSomeoneAnswers = () => {
    const tick = () => {
      if (!closed && peers.size === 0) send({ kind: 'hello' });
    };
    tick();
    timers.push(window.setInterval(tick, options.helloIntervalMs ?? 4_000));
  };

  const openVideo = async () => {
    const stream = await media.getUserMedia({ video: videoConstraints(choice) });
    const [track] = stream.getVideoTracks();
    if (!track) throw new Error('no camera track');
    return track;
  };

  /** A camera that will not start degrades the call to audio only rather than failing it. */
  const openStart = async () => {
    const audio = audioConstraints(choice);
    if (!videoEnabled) return media.getUserMedia({ audio });
    try {
      return await media.getUserMedia({ audio, video: videoConstraints(choice) });
    } catch (error) {
      const fallback = await media.getUserMedia({ audio }).catch(() => undefined);
      if (!fallback) throw error;
      videoEnabled = false;
      return fallback;
    }
  };

  const replaceLocal = async (kind: 'audio' | 'video', track: MediaStreamTrack | undefined) => {
    const old = kind === 'audio' ? audioTrack() : videoTrack();
    if (old) {
      local.removeTrack(old);
      old.stop();
    }
    if (track) local.addTrack(track);
    for (const peer of peers.values()) {
      await peer.sending[kind]?.sender.replaceTrack(track ?? null);
    }
    if (localElement) localElement.srcObject = local;
  };

  const stopAll = () => {
    for (const timer of timers.splice(0)) window.clearInterval(timer);
    window.clearTimeout(giveUp);
    for (const id of [...peers.keys()]) {
      const peer = peers.get(id);
      if (peer) window.clearTimeout(peer.restartTimer);
      peer?.pc.close();
    }
    peers.clear();
    for (const track of local.getTracks()) track.stop();
    unsubscribe?.();
  };

  return {
    provider: 'webrtc-local',

    async start(startChoice = {}) {
      if (started) return;
      started = true;
      choice = { ...startChoice };
      events.status('connecting');
      const stream = await openStart();
      if (closed) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      for (const track of stream.getTracks()) local.addTrack(track);
      const audio = audioTrack();
      if (audio) audio.enabled = !muted;
      if (localElement) localElement.srcObject = local;
      unsubscribe = signal.subscribe((message) => {
        const incoming = incomingSignal(message, meetingId, self);
        if (incoming) void enqueue(incoming.from, () => handle(incoming.from, incoming.data));
      });
      helloUntilSomeoneAnswers();
      watchLink();
    },

    leave() {
      if (!closed) {
        closed = true;
        if (started) send({ kind: 'bye' });
        stopAll();
        events.status('ended');
        events.remoteTiles([]);
      }
      return Promise.resolve();
    },

    setMuted(next) {
      muted = next;
      const audio = audioTrack();
      if (audio) audio.enabled = !next;
    },

    async setVideoEnabled(enabled) {
      if (enabled === videoEnabled) return;
      videoEnabled = enabled;
      if (!started) return;
      // Off means the camera is released (its light goes out), not a black frame.
      await replaceLocal('video', enabled ? await openVideo() : undefined);
    },

    listDevices: () => listCallDevices(media),

    async chooseDevices(next) {
      choice = { ...choice, ...next };
      if (!started || closed) return;
      if (next.audioInputId !== undefined) {
        const stream = await media.getUserMedia({ audio: audioConstraints(choice) });
        const [track] = stream.getAudioTracks();
        if (track) track.enabled = !muted;
        await replaceLocal('audio', track);
      }
      if (next.videoInputId !== undefined && videoEnabled) {
        await replaceLocal('video', await openVideo());
      }
    },

    bindLocalVideo(element) {
      localElement = element;
      element.muted = true;
      element.srcObject = local;
    },

    bindRemoteVideo(tileId, element) {
      remoteElements.set(tileId, element);
      const peer = peers.get(tileId);
      if (peer) bindRemote(peer);
    },

    // Remote audio plays in each remote video element; nothing is mixed here.
    bindAudio: () => undefined,

    on: (event, listener) => events.on(event, listener),

    async inboundBytes() {
      return (await reports()).reduce((sum, report) => sum + inboundBytesOf(report), 0);
    },
  };
};

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);
