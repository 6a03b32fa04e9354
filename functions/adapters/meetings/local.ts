import { createHash } from 'node:crypto';
import type { MeetingsPort } from '../../ports/realtime';

const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/**
 * Local mode's meetings: there is no media server, the browsers connect peer to peer and signal
 * over the local socket. Ids are derived from their inputs, so creating twice with one request
 * token (a retried accept) gives the same meeting, as Chime's ClientRequestToken does.
 */
export const createLocalMeetings = (): MeetingsPort => {
  const attendeeIdFor = (meetingId: string, externalUserId: string) =>
    `att-${digest(meetingId, externalUserId)}`;
  return {
    provider: 'webrtc-local',
    createMeeting: ({ requestToken, attendees }) => {
      const meetingId = `local-${digest(requestToken)}`;
      return Promise.resolve({
        meetingId,
        attendees: attendees.map(({ externalUserId }) => ({
          externalUserId,
          attendeeId: attendeeIdFor(meetingId, externalUserId),
        })),
      });
    },
    addAttendee: (meetingId, externalUserId) =>
      Promise.resolve({ attendeeId: attendeeIdFor(meetingId, externalUserId) }),
    joinFor: (meetingId, attendeeId) =>
      Promise.resolve({ provider: 'webrtc-local', meetingId, attendeeId, join: {} }),
    // Nothing to tear down: the peers hang up when the handoff's status says ended.
    deleteMeeting: () => Promise.resolve(),
  };
};
