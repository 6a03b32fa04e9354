import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Handoff } from '../../../functions/contracts/handoff';
import { pushToUsers } from '../../../functions/services/notify';
import { CLINIC_A } from '../../support/network';
import { bcmA, openSocket, pcpA, tabletA, useSocketPlatform } from '../../support/sockets';

// Pings every 200 ms, so a peer that stops answering is closed within the test.
const suite = useSocketPlatform({ pingIntervalMs: 200 });

const eventually = async (check: () => Promise<boolean>, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
};

describe('local socket gateway: connect and disconnect', () => {
  it('stores the connection of a valid token and removes it on close', async () => {
    const socket = await openSocket(suite.wsUrl, await suite.tokenFor(bcmA));
    const [connection] = await suite.deps.store.connections.listForUser(bcmA);
    expect(connection?.userId).toBe(bcmA);
    expect(Date.parse(connection?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    await socket.close();
    await eventually(
      async () => (await suite.deps.store.connections.listForUser(bcmA)).length === 0,
    );
  });

  it('closes a peer that stops answering pings and forgets its connection', async () => {
    const live = await openSocket(suite.wsUrl, await suite.tokenFor(pcpA));
    const dead = await openSocket(suite.wsUrl, await suite.tokenFor(bcmA), { autoPong: false });
    const closed = new Promise<void>((resolve) => dead.ws.once('close', () => resolve()));
    await closed;
    await eventually(
      async () => (await suite.deps.store.connections.listForUser(bcmA)).length === 0,
    );
    expect(live.ws.readyState).toBe(live.ws.OPEN);
    expect(await suite.deps.store.connections.listForUser(pcpA)).toHaveLength(1);
    await live.close();
  });

  it('refuses the upgrade with 401 for a missing, forged or wrong-path token', async () => {
    await expect(openSocket(suite.wsUrl)).rejects.toThrow('refused 401');
    await expect(openSocket(suite.wsUrl, 'not.a.jwt')).rejects.toThrow('refused 401');
    const token = await suite.tokenFor(bcmA);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(openSocket(suite.wsUrl, forged)).rejects.toThrow('refused 401');
    await expect(openSocket(suite.wsUrl.replace('/ws', '/other'), token)).rejects.toThrow(
      'refused 404',
    );
  });
});

describe('messages', () => {
  it('answers a heartbeat with pong and keeps on-duty presence fresh', async () => {
    const stale = new Date(Date.now() - 10 * 60 * 1000).toISOString();
    await suite.deps.store.presence.put({
      userId: bcmA,
      clinicId: CLINIC_A,
      status: 'on-duty',
      updatedAt: stale,
      lastSeenAt: stale,
    });
    const socket = await openSocket(suite.wsUrl, await suite.tokenFor(bcmA));
    const before = Date.now();
    socket.send({ action: 'heartbeat' });
    const pong = await socket.next('pong');
    expect(Date.parse(pong.at)).toBeGreaterThanOrEqual(before - 5);
    const [presence] = await suite.deps.store.presence.listForUser(bcmA);
    expect(Date.parse(presence?.lastSeenAt ?? '')).toBeGreaterThanOrEqual(before - 5);
    await socket.close();
  });

  it('ignores malformed messages and keeps the socket open', async () => {
    const socket = await openSocket(suite.wsUrl, await suite.tokenFor(bcmA));
    socket.send('{not json');
    socket.send({ action: 'shout', text: 'hi' });
    socket.send({ action: 'signal', meetingId: 'm' });
    socket.send({ action: 'heartbeat' });
    await socket.next('pong');
    expect(socket.messages).toEqual([]);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    await socket.close();
  });

  it('delivers a push through the hub to every open connection of the user', async () => {
    const first = await openSocket(suite.wsUrl, await suite.tokenFor(pcpA));
    const second = await openSocket(suite.wsUrl, await suite.tokenFor(pcpA));
    const { delivered } = await pushToUsers(suite.deps, [pcpA], {
      type: 'handoff.updated',
      clinicId: CLINIC_A,
      handoffId: '01JDB0000000000000000000AA',
      status: 'cancelled',
      version: 2,
    });
    expect(delivered).toBe(2);
    expect((await first.next('handoff.updated')).status).toBe('cancelled');
    expect((await second.next('handoff.updated')).status).toBe('cancelled');
    await Promise.all([first.close(), second.close()]);
  });
});

describe('signal relay', () => {
  const meetingId = 'local-relay-test';
  const attendees = [
    { userId: tabletA, attendeeId: 'att-tablet' },
    { userId: bcmA, attendeeId: 'att-bcm' },
  ];

  const storeLiveCall = async () => {
    const now = new Date().toISOString();
    const handoff: Handoff = {
      handoffId: suite.deps.ids.next(),
      clinicId: CLINIC_A,
      patientId: suite.patientA,
      urgency: 'urgent',
      status: 'requested',
      summary: {
        clinicName: 'Clinic A',
        clinicTimeZone: 'America/Denver',
        patientLabel: 'Test A.',
        scores: [],
        safetyFlag: false,
      },
      requestedBy: pcpA,
      participants: [{ userId: tabletA, role: 'tablet', kind: 'patient-device' }],
      requestedAt: now,
      expiresAt: now,
      pagedCount: 1,
      declines: [],
      version: 0,
    };
    const audit = (action: string) => ({
      eventId: suite.deps.ids.next(),
      at: now,
      actorId: pcpA,
      clinicId: CLINIC_A,
      patientId: suite.patientA,
      action,
      resourceType: 'handoff' as const,
      resourceId: handoff.handoffId,
      outcome: 'success' as const,
    });
    await suite.deps.store.handoffs.create(handoff, audit('handoff.request'));
    const accepted: Handoff = {
      ...handoff,
      status: 'accepted',
      acceptedBy: bcmA,
      acceptedAt: now,
      meeting: { provider: 'webrtc-local', meetingId, attendees },
      version: 1,
    };
    await suite.deps.store.handoffs.save(accepted, 0, audit('handoff.accept'));
  };

  it('relays only between the attendees of a live call', async () => {
    await storeLiveCall();
    const [tablet, bcm, pcp] = await Promise.all(
      [tabletA, bcmA, pcpA].map(async (user) =>
        openSocket(suite.wsUrl, await suite.tokenFor(user)),
      ),
    );
    if (!tablet || !bcm || !pcp) throw new Error('sockets not open');

    bcm.send({ action: 'signal', meetingId, fromAttendeeId: 'att-bcm', data: { kind: 'hello' } });
    const hello = await tablet.next('call.signal');
    expect(hello).toEqual({
      type: 'call.signal',
      meetingId,
      fromAttendeeId: 'att-bcm',
      data: { kind: 'hello' },
    });

    tablet.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: 'att-tablet',
      toAttendeeId: 'att-bcm',
      data: { kind: 'offer', sdp: 'v=0' },
    });
    expect((await bcm.next('call.signal')).data).toEqual({ kind: 'offer', sdp: 'v=0' });

    // A non-attendee posing as the BCM's attendee, and a signal to a stranger, go nowhere.
    pcp.send({ action: 'signal', meetingId, fromAttendeeId: 'att-bcm', data: { kind: 'bye' } });
    bcm.send({
      action: 'signal',
      meetingId,
      fromAttendeeId: 'att-bcm',
      toAttendeeId: 'att-pcp',
      data: { kind: 'bye' },
    });
    // Once both senders have had a pong and a pause, a wrongly relayed signal would have landed.
    for (const socket of [pcp, bcm]) {
      socket.send({ action: 'heartbeat' });
      await socket.next('pong');
    }
    await sleep(100);
    expect([...tablet.messages, ...bcm.messages, ...pcp.messages]).toEqual([]);
    await Promise.all([tablet.close(), bcm.close(), pcp.close()]);
  });
});
