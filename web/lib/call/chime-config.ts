/**
 * The Chime session configuration from our join credentials. Checked with zod first: a join that
 * lacks the media URLs or the token fails here with a clear error, not deep inside the SDK.
 */
import { MeetingSessionConfiguration } from 'amazon-chime-sdk-js';
import * as z from 'zod';
import type { CallJoin } from '../contracts';

const ChimeJoin = z.object({
  Meeting: z.looseObject({
    MeetingId: z.string().min(1),
    MediaRegion: z.string().optional(),
    MediaPlacement: z.looseObject({
      AudioHostUrl: z.string().min(1),
      SignalingUrl: z.string().min(1),
    }),
  }),
  Attendee: z.looseObject({
    AttendeeId: z.string().min(1),
    ExternalUserId: z.string().optional(),
    JoinToken: z.string().min(1),
  }),
});

export const chimeConfiguration = (join: CallJoin): MeetingSessionConfiguration => {
  if (join.provider !== 'chime') throw new Error('not a Chime join');
  const parsed = ChimeJoin.safeParse(join.join);
  if (!parsed.success) throw new Error('The call credentials are incomplete.');
  const { Meeting, Attendee } = parsed.data;
  if (Meeting.MeetingId !== join.meetingId || Attendee.AttendeeId !== join.attendeeId) {
    throw new Error('The call credentials do not match the call.');
  }
  // The SDK's own reconnect window (2 minutes by default) already suits a rural link.
  return new MeetingSessionConfiguration(Meeting, Attendee);
};
