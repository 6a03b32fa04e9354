/**
 * Edges of the warm handoff: video meetings (Chime in AWS, peer-to-peer WebRTC locally), real-time
 * push (API Gateway WebSocket management API in AWS, the local gateway's socket locally) and the
 * stored socket connections both push adapters deliver to.
 */
import type { CallJoin } from '../contracts/handoff';
import type { ServerMessage } from '../contracts/realtime';

export interface CreatedMeeting {
  meetingId: string;
  mediaRegion?: string;
  attendees: { externalUserId: string; attendeeId: string }[];
}

export interface MeetingsPort {
  readonly provider: CallJoin['provider'];
  /**
   * Idempotent per requestToken (derived from the handoff id): a retry returns the same meeting.
   * External ids are opaque (user ids, never names).
   */
  createMeeting(input: {
    requestToken: string;
    externalMeetingId: string;
    mediaRegion: string;
    attendees: { externalUserId: string }[];
  }): Promise<CreatedMeeting>;
  /** Adds one attendee (an interpreter, the PCP joining later); idempotent per externalUserId. */
  addAttendee(meetingId: string, externalUserId: string): Promise<{ attendeeId: string }>;
  /** Join credentials for one attendee, handed only to that attendee. */
  joinFor(meetingId: string, attendeeId: string): Promise<CallJoin>;
  /** Ends the meeting for everyone. A meeting that is already gone is not an error. */
  deleteMeeting(meetingId: string): Promise<void>;
}

export interface PushPort {
  /** Sends one message to each connection; returns the connections that are gone. */
  send(connectionIds: string[], message: ServerMessage): Promise<{ gone: string[] }>;
}

export interface SocketConnection {
  connectionId: string;
  userId: string;
  connectedAt: string;
  /** TTL: refreshed by heartbeats; a connection whose $disconnect was missed expires by itself. */
  expiresAt: string;
}

export interface ConnectionRepository {
  put(connection: SocketConnection): Promise<void>;
  get(connectionId: string): Promise<SocketConnection | undefined>;
  /** Live (unexpired) connections of one user: one Query. */
  listForUser(userId: string): Promise<SocketConnection[]>;
  remove(connectionId: string): Promise<void>;
}
