/**
 * The paging socket's server side: connections are stored with a TTL so pushes can find a user's
 * open consoles; client messages keep presence fresh and relay WebRTC signalling between the
 * attendees of one live handoff call (and nobody else).
 */
import type { Booking } from '../contracts/scheduling';
import type { Handoff } from '../contracts/handoff';
import { LIVE_HANDOFF_STATUSES } from '../contracts/handoff';
import { ClientMessage } from '../contracts/realtime';
import type { Deps } from '../ports/context';
import type { SocketConnection } from '../ports/realtime';
import { pushToUsers } from './notify';
import { heartbeat } from './presence';

/** A connection lives this long without a heartbeat (API Gateway closes idle sockets at 10 min anyway). */
export const CONNECTION_TTL_MS = 2 * 60 * 60 * 1000;

type Ctx = { deps: Deps; requestId: string };
type SignalMessage = Extract<ClientMessage, { action: 'signal' }>;

export type MessageOutcome = 'pong' | 'relayed' | 'ignored';

const expiresFrom = (now: Date) => new Date(now.getTime() + CONNECTION_TTL_MS).toISOString();

export const openConnection = async (
  { deps }: Ctx,
  connectionId: string,
  userId: string,
): Promise<SocketConnection> => {
  const now = deps.clock.now();
  const connection = {
    connectionId,
    userId,
    connectedAt: now.toISOString(),
    expiresAt: expiresFrom(now),
  };
  await deps.store.connections.put(connection);
  return connection;
};

export const closeConnection = ({ deps }: Ctx, connectionId: string): Promise<void> =>
  deps.store.connections.remove(connectionId);

/**
 * Who may receive a signal: only when the handoff's call is live, the sender really is the
 * attendee it claims to be, and the target (if named) is another attendee of the same meeting.
 * Returns the user ids to deliver to, or undefined to drop the message.
 */
export const relayTargets = (
  handoff: Pick<Handoff, 'status' | 'meeting'> | undefined,
  senderUserId: string,
  signal: Pick<SignalMessage, 'meetingId' | 'fromAttendeeId' | 'toAttendeeId'>,
): string[] | undefined => {
  const meeting = handoff?.meeting;
  if (!handoff || !meeting || meeting.meetingId !== signal.meetingId || meeting.deletedAt) {
    return undefined;
  }
  if (!(LIVE_HANDOFF_STATUSES as readonly string[]).includes(handoff.status)) return undefined;
  return attendeeTargets(meeting.attendees ?? [], senderUserId, signal);
};

/** The same rule for a video visit: booked, its meeting, not yet over, between its attendees. */
export const visitRelayTargets = (
  booking: Pick<Booking, 'status' | 'meetingId' | 'endsAt' | 'attendees'> | undefined,
  senderUserId: string,
  signal: Pick<SignalMessage, 'meetingId' | 'fromAttendeeId' | 'toAttendeeId'>,
  now: Date,
): string[] | undefined => {
  if (!booking || booking.status !== 'booked' || booking.meetingId !== signal.meetingId) {
    return undefined;
  }
  if (now.getTime() > Date.parse(booking.endsAt)) return undefined;
  return attendeeTargets(booking.attendees ?? [], senderUserId, signal);
};

const attendeeTargets = (
  attendees: readonly { userId: string; attendeeId: string }[],
  senderUserId: string,
  signal: Pick<SignalMessage, 'fromAttendeeId' | 'toAttendeeId'>,
): string[] | undefined => {
  const sender = attendees.find((a) => a.attendeeId === signal.fromAttendeeId);
  if (sender?.userId !== senderUserId) return undefined;
  const others = attendees.filter((a) => a.attendeeId !== signal.fromAttendeeId);
  if (signal.toAttendeeId === undefined) return others.map((a) => a.userId);
  const target = others.find((a) => a.attendeeId === signal.toAttendeeId);
  return target ? [target.userId] : undefined;
};

const parseMessage = (text: string | undefined): ClientMessage | undefined => {
  if (!text || text.length > 200_000) return undefined;
  try {
    const parsed = ClientMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const relay = async (deps: Deps, from: SocketConnection, signal: SignalMessage) => {
  const handoff = await deps.store.handoffs.findByMeeting(signal.meetingId);
  const targets = handoff
    ? relayTargets(handoff, from.userId, signal)
    : visitRelayTargets(
        await deps.store.scheduling.findByMeeting(signal.meetingId),
        from.userId,
        signal,
        deps.clock.now(),
      );
  if (!targets || targets.length === 0) return 'ignored' as const;
  await pushToUsers(deps, targets, {
    type: 'call.signal',
    meetingId: signal.meetingId,
    fromAttendeeId: signal.fromAttendeeId,
    data: signal.data,
  });
  return 'relayed' as const;
};

/**
 * One client message. The sender is the stored connection's user (verified at $connect), never
 * anything the message says; a message that does not parse, or from an unknown or expired
 * connection, is dropped without a reply.
 */
export const handleClientMessage = async (
  ctx: Ctx,
  connectionId: string,
  text: string | undefined,
): Promise<MessageOutcome> => {
  const { deps } = ctx;
  const connection = await deps.store.connections.get(connectionId);
  const message = connection && parseMessage(text);
  if (!connection || !message) return 'ignored';
  if (message.action === 'signal') return relay(deps, connection, message);

  const now = deps.clock.now();
  await deps.store.connections.put({ ...connection, expiresAt: expiresFrom(now) });
  await heartbeat({ ...ctx, actorId: connection.userId });
  const { gone } = await deps.push.send([connectionId], {
    type: 'pong',
    at: now.toISOString(),
  });
  if (gone.length > 0) await deps.store.connections.remove(connectionId);
  return 'pong';
};
