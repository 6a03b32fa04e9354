/**
 * Seams for the warm-handoff work: video meetings (Chime in AWS, peer-to-peer WebRTC locally) and
 * real-time push (API Gateway WebSocket management API in AWS, the local gateway's socket locally).
 * Nothing implements them yet; the handoff issue adds the adapters behind these shapes.
 */
export interface MeetingJoinInfo {
  provider: 'chime' | 'webrtc-local';
  meetingId: string;
  /** Provider-specific join payload handed only to this attendee. */
  join: Record<string, unknown>;
}

export interface MeetingsPort {
  /** Idempotent per requestToken (derived from the handoff id). External ids are opaque, never names. */
  createMeeting(input: {
    requestToken: string;
    externalMeetingId: string;
    mediaRegion: string;
    attendees: { externalUserId: string }[];
  }): Promise<{ meetingId: string; attendees: MeetingJoinInfo[] }>;
  deleteMeeting(meetingId: string): Promise<void>;
}

export interface PushPort {
  /** Sends one message to each connection; returns the connections that are gone. */
  send(connectionIds: string[], message: unknown): Promise<{ gone: string[] }>;
}
