import { createHash } from 'node:crypto';
import type {
  Attendee,
  ChimeSDKMeetingsClient,
  ChimeSDKMeetingsClientConfig,
  CreateMeetingWithAttendeesCommandOutput,
  Meeting,
} from '@aws-sdk/client-chime-sdk-meetings';
import type * as ChimeSdkModule from '@aws-sdk/client-chime-sdk-meetings';
import { MediaRegion } from '../../contracts/handoff';
import { logger } from '../../platform/logger';
import type { CreatedMeeting, MeetingsPort } from '../../ports/realtime';

type ChimeSdk = typeof ChimeSdkModule;

export interface ChimeMeetingsOptions {
  /** The control-plane region: a meeting can only be managed from the region that created it. */
  region: string;
  /** Tests pass a client (mocked, or with a fake HTTP handler); otherwise one is made lazily. */
  client?: ChimeSDKMeetingsClient;
  /** Attempts per call, throttling included (the SDK's standard retry with backoff). */
  maxAttempts?: number;
  /** Extra configuration of the lazily made client (tests: a fake HTTP handler, credentials). */
  clientConfig?: Omit<ChimeSDKMeetingsClientConfig, 'region' | 'maxAttempts'>;
}

/** Chime refused or half-created a meeting; nothing of it is left behind. */
export class MeetingCreateError extends Error {
  override readonly name = 'MeetingCreateError';
  constructor(
    message: string,
    readonly codes: string[] = [],
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_ATTEMPTS = 4;

/**
 * Chime limits: ClientRequestToken 2–64 of [-_a-zA-Z0-9]; External ids 2–64. A base64url
 * SHA-256 prefix (22 chars = 132 bits) fits all three for any input.
 */
const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/** Same handoff → same token, so a retried accept gets the meeting the first one created. */
export const clientRequestTokenFor = (requestToken: string) =>
  `bh-${digest('token', requestToken)}`;
export const externalMeetingIdFor = (externalMeetingId: string) =>
  `m-${digest('meeting', externalMeetingId)}`;
/**
 * Attendees see each other's ExternalUserId in the browser. Scoping the hash to the meeting keeps
 * a Cognito sub out of the client and makes one person's ids unlinkable across calls.
 */
export const externalUserIdFor = (chimeExternalMeetingId: string, userId: string) =>
  `u-${digest('user', chimeExternalMeetingId, userId)}`;

const isNotFound = (error: unknown) => error instanceof Error && error.name === 'NotFoundException';

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/**
 * MeetingsPort over the Chime SDK meetings API. The SDK module is imported on first use, so the
 * many Lambdas that get a container but never touch a meeting do not load it at cold start.
 */
export const createChimeMeetings = (options: ChimeMeetingsOptions): MeetingsPort => {
  let sdk: Promise<ChimeSdk> | undefined;
  let client: ChimeSDKMeetingsClient | undefined = options.client;
  const load = async () => {
    const module = await (sdk ??= import('@aws-sdk/client-chime-sdk-meetings'));
    client ??= new module.ChimeSDKMeetingsClient({
      ...options.clientConfig,
      region: options.region,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    });
    return { sdk: module, client };
  };

  const deleteMeeting = async (meetingId: string) => {
    const { sdk: m, client: c } = await load();
    try {
      await c.send(new m.DeleteMeetingCommand({ MeetingId: meetingId }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  };

  /** Deletes what a failed create left, reporting the original failure either way. */
  const discard = async (meetingId: string | undefined, failure: MeetingCreateError) => {
    if (meetingId) {
      await deleteMeeting(meetingId).catch((error: unknown) => {
        logger.warn('chime: orphan meeting delete failed', { errorName: errorName(error) });
      });
    }
    return failure;
  };

  const created = async (
    out: CreateMeetingWithAttendeesCommandOutput,
    byChimeId: Map<string, string>,
  ): Promise<CreatedMeeting> => {
    const meetingId = out.Meeting?.MeetingId;
    const errors = out.Errors ?? [];
    if (errors.length > 0) {
      throw await discard(
        meetingId,
        new MeetingCreateError(
          `${errors.length} attendee(s) could not be created`,
          errors.map((e) => e.ErrorCode ?? 'unknown'),
        ),
      );
    }
    const attendees: CreatedMeeting['attendees'] = [];
    for (const a of out.Attendees ?? []) {
      const userId = a.ExternalUserId ? byChimeId.get(a.ExternalUserId) : undefined;
      if (userId && a.AttendeeId)
        attendees.push({ externalUserId: userId, attendeeId: a.AttendeeId });
    }
    if (!meetingId || attendees.length !== byChimeId.size) {
      throw await discard(meetingId, new MeetingCreateError('incomplete CreateMeeting response'));
    }
    return {
      meetingId,
      ...(out.Meeting?.MediaRegion ? { mediaRegion: out.Meeting.MediaRegion } : {}),
      attendees,
    };
  };

  return {
    provider: 'chime',

    async createMeeting({ requestToken, externalMeetingId, mediaRegion, attendees }) {
      // Refused before any call: the region is clinic configuration, never trusted blindly.
      const region = MediaRegion.safeParse(mediaRegion);
      if (!region.success) throw new MeetingCreateError('media region not allowed');
      if (attendees.length < 1 || attendees.length > 20) {
        throw new MeetingCreateError('a meeting is created with 1 to 20 attendees');
      }
      const chimeMeetingId = externalMeetingIdFor(externalMeetingId);
      const byChimeId = new Map(
        attendees.map((a) => [
          externalUserIdFor(chimeMeetingId, a.externalUserId),
          a.externalUserId,
        ]),
      );
      const { sdk: m, client: c } = await load();
      const out = await c.send(
        new m.CreateMeetingWithAttendeesCommand({
          ClientRequestToken: clientRequestTokenFor(requestToken),
          MediaRegion: region.data,
          ExternalMeetingId: chimeMeetingId,
          Attendees: [...byChimeId.keys()].map((ExternalUserId) => ({ ExternalUserId })),
        }),
      );
      return created(out, byChimeId);
    },

    async addAttendee(meetingId, userId) {
      const { sdk: m, client: c } = await load();
      const { Meeting: meeting } = await c.send(new m.GetMeetingCommand({ MeetingId: meetingId }));
      if (!meeting?.ExternalMeetingId) throw new Error('meeting has no external id');
      // ExternalUserId is Chime's idempotency key: the same person gets the same attendee back.
      const { Attendee: attendee } = await c.send(
        new m.CreateAttendeeCommand({
          MeetingId: meetingId,
          ExternalUserId: externalUserIdFor(meeting.ExternalMeetingId, userId),
        }),
      );
      if (!attendee?.AttendeeId) throw new Error('CreateAttendee returned no attendee');
      return { attendeeId: attendee.AttendeeId };
    },

    async joinFor(meetingId, attendeeId) {
      const { sdk: m, client: c } = await load();
      const [meeting, attendee] = await Promise.all([
        c.send(new m.GetMeetingCommand({ MeetingId: meetingId })),
        c.send(new m.GetAttendeeCommand({ MeetingId: meetingId, AttendeeId: attendeeId })),
      ]);
      if (!meeting.Meeting || !attendee.Attendee?.JoinToken) {
        throw new Error('meeting or attendee not found');
      }
      const join: { Meeting: Meeting; Attendee: Attendee } = {
        Meeting: meeting.Meeting,
        Attendee: attendee.Attendee,
      };
      return { provider: 'chime', meetingId, attendeeId, join };
    },

    deleteMeeting,
  };
};

export const chimeMeetings = (region: string): MeetingsPort => createChimeMeetings({ region });
