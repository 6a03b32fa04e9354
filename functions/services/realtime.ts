/**
 * The paging socket's server side: connections are stored with a TTL so pushes can find a user's
 * open consoles; client messages keep presence fresh and relay WebRTC signalling between the
 * attendees of one live call (a handoff, a video visit or a case-review session) and nobody else.
 */
import type { Booking } from '../contracts/scheduling';
import type { Handoff } from '../contracts/handoff';
import { LIVE_HANDOFF_STATUSES } from '../contracts/handoff';
import type { ReviewSession } from '../contracts/registry';
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

/** A Chime meeting ends 24 h after creation whatever happens; no signal outlives that. */
const SESSION_MEETING_MAX_MS = 24 * 60 * 60 * 1000;
type SessionCall = Pick<ReviewSession, 'meetingId' | 'startedAt' | 'endedAt' | 'meetingAttendees'>;

/**
 * The same rule for a case-review session's call: its meeting, started and not ended, between the
 * attendees recorded at their joins.
 */
export const sessionRelayTargets = (
  session: SessionCall | undefined,
  senderUserId: string,
  signal: Pick<SignalMessage, 'meetingId' | 'fromAttendeeId' | 'toAttendeeId'>,
  now: Date,
): string[] | undefined => {
  if (!session || session.meetingId !== signal.meetingId || session.endedAt !== undefined) {
    return undefined;
  }
  const started = Date.parse(session.startedAt ?? '');
  if (Number.isNaN(started) || now.getTime() > started + SESSION_MEETING_MAX_MS) return undefined;
  return attendeeTargets(session.meetingAttendees ?? [], senderUserId, signal);
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

/** Whose call the meeting is: a handoff's, else a visit's, else a review session's. */
const targetsFor = async (deps: Deps, from: SocketConnection, signal: SignalMessage) => {
  const handoff = await deps.store.handoffs.findByMeeting(signal.meetingId);
  if (handoff) return relayTargets(handoff, from.userId, signal);
  const booking = await deps.store.scheduling.findByMeeting(signal.meetingId);
  if (booking) return visitRelayTargets(booking, from.userId, signal, deps.clock.now());
  const session = await deps.store.reviewSessions.findByMeeting(signal.meetingId);
  return sessionRelayTargets(session, from.userId, signal, deps.clock.now());
};

const relay = async (deps: Deps, from: SocketConnection, signal: SignalMessage) => {
  const targets = await targetsFor(deps, from, signal);
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
