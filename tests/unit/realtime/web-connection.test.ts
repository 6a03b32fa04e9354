import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  createRealtimeConnection,
  type SocketLike,
} from '../../../web/lib/realtime-connection';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

const HEARTBEAT_MS = 30_000;
let sockets: FakeSocket[];
let httpHeartbeat: ReturnType<typeof vi.fn<() => Promise<unknown>>>;
let token: string | null;

const start = () =>
  createRealtimeConnection({
    url: 'ws://127.0.0.1:1/ws',
    token: () => token,
    httpHeartbeat,
    heartbeatMs: HEARTBEAT_MS,
    random: () => 1,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
const last = () => sockets[sockets.length - 1] as FakeSocket;

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  token = 'tok-1';
  httpHeartbeat = vi.fn<() => Promise<unknown>>(() => Promise.resolve({}));
});
afterEach(() => vi.useRealTimers());

describe('browser realtime connection', () => {
  it('connects with the current token and heartbeats at once when open', () => {
    const connection = start();
    expect(connection.state()).toBe('connecting');
    expect(last().url).toBe('ws://127.0.0.1:1/ws?token=tok-1');
    last().open();
    expect(connection.state()).toBe('open');
    expect(last().sent).toEqual(['{"action":"heartbeat"}']);
    expect(connection.send({ action: 'heartbeat' })).toBe(true);
    connection.close();
  });

  it('hands valid server messages to subscribers and drops invalid ones', () => {
    const connection = start();
    const received = vi.fn();
    connection.subscribe(received);
    last().open();
    last().receive('{oops');
    last().receive({ type: 'handoff.paged', handoff: { nope: true } });
    last().receive({ type: 'pong', at: '2026-11-23T16:00:00.000Z' });
    expect(received).toHaveBeenCalledTimes(1);
    expect(received).toHaveBeenCalledWith({ type: 'pong', at: '2026-11-23T16:00:00.000Z' });
    connection.close();
  });

  it('falls back to polling with HTTP heartbeats and reconnects with a fresh token', async () => {
    const connection = start();
    last().open();
    last().drop();
    expect(connection.state()).toBe('polling');
    expect(connection.send({ action: 'heartbeat' })).toBe(false);
    token = 'tok-2';
    await vi.advanceTimersByTimeAsync(500); // first retry: base delay
    expect(sockets).toHaveLength(2);
    expect(last().url).toContain('token=tok-2');
    last().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(2); // second retry waits twice as long
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    last().drop();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(httpHeartbeat).toHaveBeenCalled();
    connection.close();
  });

  it('reconnects when pongs stop coming (a half-open link)', async () => {
    const connection = start();
    last().open();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.closed).toBe(true);
    expect(connection.state()).toBe('polling');
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    connection.close();
  });

  it('caps the backoff and spreads it with jitter', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(20, () => 0.5)).toBe(BACKOFF_CAP_MS / 2);
  });
});
