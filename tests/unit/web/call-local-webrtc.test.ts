/// <reference lib="dom" />
/**
 * The local provider's negotiation over a fake relay and fake peer connections (the real
 * two-browser call is the e2e test's): join orders, glare, leave, rejoin, ICE restart.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallJoin } from '../../../functions/contracts/handoff';
import { createLocalWebRtcClient } from '../../../web/lib/call/local-webrtc';
import type { CallClient, CallStatus, RemoteTile } from '../../../web/lib/call/types';
import { FakeNetwork, FakeRelay, FakeStream, fakeMedia } from './fake-webrtc';

const MEETING = 'local-meeting-1';

interface Joined {
  client: CallClient;
  statuses: CallStatus[];
  tiles: () => RemoteTile[];
  status: () => CallStatus | undefined;
  opened: ReturnType<typeof fakeMedia>['opened'];
}

let relay: FakeRelay;
let net: FakeNetwork;
const clients: CallClient[] = [];

beforeEach(() => {
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('MediaStream', FakeStream);
  relay = new FakeRelay();
  net = new FakeNetwork();
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.leave();
  vi.unstubAllGlobals();
});

const participant = (attendeeId: string, meetingId = MEETING): Joined => {
  const { media, opened } = fakeMedia();
  const join = CallJoin.parse({ provider: 'webrtc-local', meetingId, attendeeId, join: {} });
  const client = createLocalWebRtcClient(join, relay.channel(attendeeId), {
    mediaDevices: media,
    createPeerConnection: net.create,
    helloIntervalMs: 60_000,
    statsIntervalMs: 60_000,
  });
  clients.push(client);
  const statuses: CallStatus[] = [];
  let tiles: RemoteTile[] = [];
  client.on('status', (s) => statuses.push(s));
  client.on('remoteTiles', (t) => (tiles = t));
  return { client, statuses, tiles: () => tiles, status: () => statuses.at(-1), opened };
};

const attendeesSeenBy = (p: Joined) =>
  p
    .tiles()
    .map((t) => t.attendeeId)
    .sort();

const settled = (...everyone: Joined[]) =>
  vi.waitFor(
    () => {
      for (const p of everyone) {
        expect(p.status()).toBe('connected');
        expect(attendeesSeenBy(p)).toHaveLength(everyone.length - 1);
      }
    },
    { timeout: 2_000, interval: 5 },
  );

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('local WebRTC call client', () => {
  it('one joins, the other later: the one already there offers, once, and both see each other', async () => {
    const a = participant('att-a');
    const b = participant('att-b');
    await a.client.start();
    await tick();
    expect(a.status()).toBe('connecting');
    await b.client.start();
    await settled(a, b);
    expect(attendeesSeenBy(a)).toEqual(['att-b']);
    expect(attendeesSeenBy(b)).toEqual(['att-a']);
    expect(relay.kinds().filter((k) => k === 'offer')).toHaveLength(1);
    expect(relay.kinds('att-a')).toContain('offer');
    expect(await a.client.inboundBytes()).toBeGreaterThan(0);
  });

  it('both join in the same instant: the glare resolves to the smaller id’s offer', async () => {
    const a = participant('att-a');
    const b = participant('att-b');
    await Promise.all([a.client.start(), b.client.start()]);
    await settled(a, b);
    // Both offered; only the larger id answered (it yielded), the smaller ignored the other offer.
    expect(relay.kinds('att-a').filter((k) => k === 'answer')).toHaveLength(0);
    expect(relay.kinds('att-b').filter((k) => k === 'answer')).toHaveLength(1);
  });

  it('meshes three attendees (tablet, BCM, interpreter)', async () => {
    const everyone = ['att-tablet', 'att-bcm', 'att-interp'].map((id) => participant(id));
    for (const p of everyone) {
      await p.client.start();
      await tick();
    }
    await settled(...everyone);
    expect(net.connections.size).toBe(6);
  });

  it('ignores another meeting’s signals on the same socket', async () => {
    const a = participant('att-a');
    const stranger = participant('att-z', 'other-meeting');
    await a.client.start();
    await stranger.client.start();
    await tick();
    await tick();
    expect(a.tiles()).toEqual([]);
    expect(stranger.tiles()).toEqual([]);
    expect(net.connections.size).toBe(0);
  });

  it('a leaver says bye: the other side drops the tile and waits, not fails', async () => {
    const a = participant('att-a');
    const b = participant('att-b');
    await a.client.start();
    await b.client.start();
    await settled(a, b);
    await b.client.leave();
    expect(b.status()).toBe('ended');
    await vi.waitFor(() => expect(a.tiles()).toEqual([]), { timeout: 1_000 });
    expect(a.status()).toBe('connecting');
    // The camera and microphone are released on leaving.
    expect(b.opened.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('rejoins after a drop (tab reloaded, no bye) without a new handoff', async () => {
    const a = participant('att-a');
    const b = participant('att-b');
    await a.client.start();
    await b.client.start();
    await settled(a, b);
    const first = [...net.connections.values()];
    relay.drop('att-b');
    const again = participant('att-b');
    await again.client.start();
    await settled(a, again);
    expect(attendeesSeenBy(a)).toEqual(['att-b']);
    // a closed its connection to the vanished tab (the fake leaves the tab's own one as it was).
    expect(first.filter((pc) => pc.connectionState === 'closed')).toHaveLength(1);
    expect(net.connections.size).toBe(4);
    expect(a.statuses).not.toContain('failed');
  });

  it('restarts ICE when the link fails, from the smaller id only, and reconnects', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      const a = participant('att-a');
      const b = participant('att-b');
      await a.client.start();
      await b.client.start();
      await settled(a, b);
      const before = relay.kinds().length;
      const [pc] = net.connections.values();
      pc?.breakLink();
      await vi.waitFor(() => expect(a.status()).toBe('reconnecting'), { timeout: 1_000 });
      await vi.advanceTimersByTimeAsync(100);
      await settled(a, b);
      const after = relay.sent.slice(before);
      const offers = after.filter((m) => m.action === 'signal' && m.data.kind === 'offer');
      expect(offers.map((m) => (m.action === 'signal' ? m.fromAttendeeId : ''))).toEqual(['att-a']);
      expect(after.some((m) => m.action === 'signal' && m.data.kind === 'hello')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('camera off releases the camera and sends no video; on opens it again (either side)', async () => {
    const a = participant('att-a');
    const b = participant('att-b');
    await a.client.start();
    await b.client.start();
    await settled(a, b);
    const senders = () => [...net.connections.values()].flatMap((pc) => pc.senders);
    // a made the offer (its own transceivers); b answered (it adopted the offer's).
    for (const p of [a, b]) {
      const camera = p.opened.find((t) => t.kind === 'video');
      expect(senders().some((s) => s.track === camera)).toBe(true);
      await p.client.setVideoEnabled(false);
      expect(camera?.readyState).toBe('ended');
      expect(senders().some((s) => s.track === camera)).toBe(false);
      await p.client.setVideoEnabled(true);
      const fresh = p.opened.filter((t) => t.kind === 'video').at(-1);
      expect(fresh?.readyState).toBe('live');
      expect(senders().some((s) => s.track === fresh)).toBe(true);
    }
    a.client.setMuted(true);
    expect(a.opened.find((t) => t.kind === 'audio')?.enabled).toBe(false);
  });

  it('joins audio only when no camera will start, rather than failing', async () => {
    const { media } = fakeMedia();
    const gum = media.getUserMedia.bind(media);
    media.getUserMedia = (c?: MediaStreamConstraints) =>
      c?.video ? Promise.reject(new DOMException('busy', 'NotReadableError')) : gum(c);
    const join = CallJoin.parse({
      provider: 'webrtc-local',
      meetingId: MEETING,
      attendeeId: 'att-a',
      join: {},
    });
    const client = createLocalWebRtcClient(join, relay.channel('att-a'), {
      mediaDevices: media,
      createPeerConnection: net.create,
    });
    clients.push(client);
    await expect(client.start()).resolves.toBeUndefined();
    await expect(client.listDevices()).resolves.toMatchObject({
      audioInputs: [{ deviceId: 'mic-1' }],
      videoInputs: [{ deviceId: 'cam-1' }],
    });
  });
});
