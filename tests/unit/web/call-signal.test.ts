import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientMessage, ServerMessage } from '../../../functions/contracts/realtime';
import {
  drivesRestart,
  incomingSignal,
  isPolite,
  sdpSessionId,
  weakLinkTracker,
} from '../../../web/lib/call/signal';
import { inboundBytesOf, linkSampleOf } from '../../../web/lib/call/stats';

const signal = (meetingId: string, fromAttendeeId: string, data: unknown) =>
  ServerMessage.parse({ type: 'call.signal', meetingId, fromAttendeeId, data });

describe('incoming signals', () => {
  it('keeps this meeting’s signals from others and drops the rest', () => {
    expect(incomingSignal(signal('m1', 'b', { kind: 'hello' }), 'm1', 'a')).toEqual({
      from: 'b',
      data: { kind: 'hello' },
    });
    expect(incomingSignal(signal('m2', 'b', { kind: 'hello' }), 'm1', 'a')).toBeUndefined();
    expect(incomingSignal(signal('m1', 'a', { kind: 'hello' }), 'm1', 'a')).toBeUndefined();
    const pong = ServerMessage.parse({ type: 'pong', at: '2026-11-23T16:00:00.000Z' });
    expect(incomingSignal(pong, 'm1', 'a')).toBeUndefined();
  });

  it('accepts a browser candidate as the client sends it (null mid / index allowed)', () => {
    const sent = ClientMessage.parse({
      action: 'signal',
      meetingId: 'm1',
      fromAttendeeId: 'a',
      toAttendeeId: 'b',
      data: {
        kind: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
          sdpMid: null,
          sdpMLineIndex: 0,
        },
      },
    });
    expect(sent.action).toBe('signal');
    expect(() =>
      ServerMessage.parse({
        type: 'call.signal',
        meetingId: 'm1',
        fromAttendeeId: 'a',
        data: { kind: 'offer' },
      }),
    ).toThrow();
  });
});

describe('glare rule', () => {
  it('of any two attendees exactly one yields and exactly one drives restarts', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        expect(isPolite(a, b)).not.toBe(isPolite(b, a));
        expect(drivesRestart(a, b)).not.toBe(drivesRestart(b, a));
        // The side whose offer wins is the one that restarts: one driver per pair.
        expect(drivesRestart(a, b)).toBe(!isPolite(a, b));
      }),
    );
  });
});

describe('SDP session ids', () => {
  it('reads the origin line’s session id', () => {
    const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    expect(sdpSessionId(sdp)).toBe('4611731400430051336');
    expect(sdpSessionId('v=0\r\ns=-\r\n')).toBeUndefined();
  });
});

describe('weak link', () => {
  it('suggests audio only once per spell of consecutive weak samples', () => {
    const weak = weakLinkTracker(3);
    const bw = { limitation: 'bandwidth' };
    const ok = { limitation: 'none', fractionLost: 0.01 };
    const lossy = { fractionLost: 0.25 };
    expect([bw, bw, ok, bw, lossy, bw, bw, bw].map(weak)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
    expect([ok, lossy, lossy, lossy].map(weak)).toEqual([false, false, false, true]);
    expect(weak({ limitation: 'cpu' })).toBe(false);
  });
});

describe('stats reports', () => {
  const report = (...stats: Record<string, unknown>[]) =>
    new Map(stats.map((s, i) => [String(i), s]));

  it('sums received bytes over every inbound stream of every connection', () => {
    const a = report(
      { type: 'inbound-rtp', kind: 'video', bytesReceived: 900 },
      { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100 },
      { type: 'outbound-rtp', kind: 'video', bytesSent: 5_000 },
    );
    expect(inboundBytesOf(a)).toBe(1_000);
    expect(inboundBytesOf(undefined)).toBe(0);
  });

  it('takes the worst link: bandwidth-limited video or the highest reported loss', () => {
    const fine = report(
      { type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' },
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.01 },
    );
    const limited = report(
      { type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'bandwidth' },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.3 },
    );
    expect(linkSampleOf([fine])).toEqual({ fractionLost: 0.01 });
    expect(linkSampleOf([fine, limited])).toEqual({ limitation: 'bandwidth', fractionLost: 0.3 });
  });
});
