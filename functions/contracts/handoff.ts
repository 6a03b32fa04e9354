/**
 * Warm handoff: a PCP (or MA, or the exam-room tablet) asks for a behavioral-health clinician now;
 * every on-duty BCM covering the clinic is paged; the first to accept gets a video call with the
 * patient. Shared by the handlers, the socket messages and the web app.
 */
import * as z from 'zod';
import { ClinicId, IsoDateTime, PageQuery, Role, TimeZone, Ulid, UserId } from './common';

export const HandoffUrgency = z.enum(['routine', 'urgent', 'safety']);
export type HandoffUrgency = z.infer<typeof HandoffUrgency>;

/**
 * requested → accepted → connected → ended; requested → cancelled | fallback (nobody accepted in
 * the clinic's window); accepted → fallback when video could not be started.
 */
export const HandoffStatus = z.enum([
  'requested',
  'accepted',
  'connected',
  'ended',
  'cancelled',
  'fallback',
]);
export type HandoffStatus = z.infer<typeof HandoffStatus>;
export const OPEN_HANDOFF_STATUSES = ['requested'] as const;
export const LIVE_HANDOFF_STATUSES = ['accepted', 'connected'] as const;

/**
 * Per-clinic settings (CLINICAL.md / issue text defaults): the paging window, a shorter one for
 * safety urgency, and the Chime media region nearest the clinic (from an allow-list).
 */
export const CHIME_MEDIA_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
] as const;
export const MediaRegion = z.enum(CHIME_MEDIA_REGIONS);
export type MediaRegion = z.infer<typeof MediaRegion>;

export const HandoffSettings = z
  .object({
    windowMinutes: z.number().int().min(1).max(60).default(5),
    safetyWindowMinutes: z.number().int().min(1).max(60).default(2),
    mediaRegion: MediaRegion.default('us-west-2'),
  })
  .refine((s) => s.safetyWindowMinutes <= s.windowMinutes, {
    path: ['safetyWindowMinutes'],
    message: 'must not be longer than the routine window',
  });
export type HandoffSettings = z.infer<typeof HandoffSettings>;
export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = HandoffSettings.parse({});

/** Up to this many people on one call (Chime allows more; a handoff room stays small). */
export const MAX_HANDOFF_PARTICIPANTS = 6;

export const HandoffRequestBody = z.object({
  /** Chosen by the client once per tap: a double tap or a retry returns the first handoff. */
  clientRequestId: z.uuid().optional(),
  patientId: Ulid,
  /** The screening whose result and disposition travel with the request. */
  screeningId: Ulid.optional(),
  urgency: HandoffUrgency,
  reason: z.string().trim().max(500).optional(),
  /**
   * The exam-room tablet that goes on video with the patient. Defaults to the requester when the
   * requester is a tablet; must be a tablet of this clinic.
   */
  deviceUserId: UserId.optional(),
});
export type HandoffRequestBody = z.infer<typeof HandoffRequestBody>;

/** Minimum necessary for a page: enough to decide to take it, no full name, no DOB, no MRN. */
export const HandoffPageSummary = z.object({
  clinicName: z.string(),
  clinicTimeZone: TimeZone,
  /** Given name and family initial, e.g. "Marisol G." */
  patientLabel: z.string(),
  scores: z.array(
    z.object({ instrument: z.string(), total: z.number().int(), bandLabel: z.string() }),
  ),
  safetyFlag: z.boolean(),
  dispositionLabel: z.string().optional(),
});
export type HandoffPageSummary = z.infer<typeof HandoffPageSummary>;

export const ParticipantKind = z.enum(['requester', 'patient-device', 'bcm', 'invited']);
export const HandoffParticipant = z.object({
  userId: UserId,
  role: Role,
  kind: ParticipantKind,
  /** Set when the participant's call client reports its media connected. */
  joinedAt: IsoDateTime.optional(),
  leftAt: IsoDateTime.optional(),
});
export type HandoffParticipant = z.infer<typeof HandoffParticipant>;

/** What the PCP is told to do now when nobody accepted (the triage rule's scheduled disposition). */
export const HandoffFallback = z.object({
  reason: z.enum(['no_answer', 'video_unavailable']),
  at: IsoDateTime,
  instructions: z.string(),
  followUpWithinHours: z.number().int().positive().optional(),
  followUpWithinDays: z.number().int().positive().optional(),
  pcpSafetyStepsNow: z.boolean(),
});
export type HandoffFallback = z.infer<typeof HandoffFallback>;

export const HandoffOutcomeCode = z.enum([
  'brief_intervention',
  'safety_plan',
  'booked_follow_up',
  'referral',
  'no_further_action',
]);
export type HandoffOutcomeCode = z.infer<typeof HandoffOutcomeCode>;

export const HandoffOutcomeBody = z.object({
  outcomes: z.array(HandoffOutcomeCode).min(1, 'choose at least one outcome').max(5),
  note: z.string().trim().max(2000).optional(),
  /** Proposed from the call's duration; the BCM may edit it. */
  minutes: z.number().int().min(1).max(240),
});
export type HandoffOutcomeBody = z.infer<typeof HandoffOutcomeBody>;

export const HandoffOutcome = HandoffOutcomeBody.extend({
  recordedBy: UserId,
  recordedAt: IsoDateTime,
  /** The care-management activity the minutes were recorded as (counted by billing). */
  activityId: Ulid,
});
export type HandoffOutcome = z.infer<typeof HandoffOutcome>;

export const MeetingRef = z.object({
  provider: z.enum(['chime', 'webrtc-local']),
  meetingId: z.string(),
  mediaRegion: z.string().optional(),
  /**
   * Which attendee is which participant (attendee ids are opaque and carry no credentials; the
   * signal relay and the reconciler map them back to users). Absent on meetings stored before.
   */
  attendees: z.array(z.object({ userId: UserId, attendeeId: z.string() })).optional(),
  /** Set once the provider's meeting has been deleted (ended or reconciled). */
  deletedAt: IsoDateTime.optional(),
});
export type MeetingRef = z.infer<typeof MeetingRef>;

export const Handoff = z.object({
  handoffId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  screeningId: Ulid.optional(),
  urgency: HandoffUrgency,
  reason: z.string().optional(),
  status: HandoffStatus,
  summary: HandoffPageSummary,
  requestedBy: UserId,
  participants: z.array(HandoffParticipant),
  requestedAt: IsoDateTime,
  /** End of the paging window. */
  expiresAt: IsoDateTime,
  pagedAt: IsoDateTime.optional(),
  /** How many BCMs were on duty and paged. */
  pagedCount: z.number().int().nonnegative(),
  acceptedAt: IsoDateTime.optional(),
  acceptedBy: UserId.optional(),
  /** When the BCM and the patient's side had both joined the call. */
  connectedAt: IsoDateTime.optional(),
  endedAt: IsoDateTime.optional(),
  endedBy: UserId.optional(),
  declines: z.array(z.object({ userId: UserId, at: IsoDateTime, reason: z.string().optional() })),
  cancelled: z.object({ by: UserId, at: IsoDateTime, reason: z.string().optional() }).optional(),
  fallback: HandoffFallback.optional(),
  meeting: MeetingRef.optional(),
  outcome: HandoffOutcome.optional(),
  timeToAcceptMs: z.number().int().nonnegative().optional(),
  /** Tap to both sides on video. */
  timeToConnectMs: z.number().int().nonnegative().optional(),
  /** Bumped by every transition: conditional writes check it. */
  version: z.number().int().nonnegative(),
});
export type Handoff = z.infer<typeof Handoff>;

export const HandoffParams = z.object({ clinicId: ClinicId, handoffId: Ulid });
export const HandoffReasonBody = z.object({ reason: z.string().trim().max(500).optional() });
export const AddParticipantBody = z.object({ userId: UserId });
export const HandoffListQuery = PageQuery.extend({
  status: z.enum(['open', 'live', 'closed']).optional(),
});

/** Join credentials for one participant, handed only to that participant. */
export const CallJoin = z.object({
  provider: z.enum(['chime', 'webrtc-local']),
  meetingId: z.string(),
  attendeeId: z.string(),
  /**
   * Chime: { Meeting, Attendee } as CreateMeeting/CreateAttendee return them.
   * webrtc-local: { peers: attendeeIds already in the meeting } (signalling runs over the socket).
   */
  join: z.record(z.string(), z.unknown()),
});
export type CallJoin = z.infer<typeof CallJoin>;

/** The BCM's queue across every clinic they cover: open pages first (safety, urgent, oldest). */
export const HandoffQueue = z.object({
  open: z.array(Handoff),
  /** Calls the caller accepted that are not closed yet. */
  mine: z.array(Handoff),
});
export type HandoffQueue = z.infer<typeof HandoffQueue>;

export const PresenceStatus = z.enum(['on-duty', 'away']);
export const Presence = z.object({
  userId: UserId,
  clinicId: ClinicId,
  status: PresenceStatus,
  updatedAt: IsoDateTime,
  /** Refreshed by the console's heartbeat; on duty lapses when it stops (console closed). */
  lastSeenAt: IsoDateTime,
});
export type Presence = z.infer<typeof Presence>;
/** On duty counts only while the console's heartbeat is fresher than this. */
export const PRESENCE_FRESH_SECONDS = 90;
export const PRESENCE_HEARTBEAT_SECONDS = 30;

export const PresenceView = z.object({
  clinics: z.array(
    z.object({
      clinicId: ClinicId,
      clinicName: z.string(),
      timeZone: TimeZone,
      status: PresenceStatus,
      /** status on-duty and heartbeat fresh. */
      effective: z.boolean(),
    }),
  ),
});
export type PresenceView = z.infer<typeof PresenceView>;
export const PresenceUpdate = z.object({ clinicId: ClinicId, status: PresenceStatus });

export const HandoffMetricsQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export const HandoffMetrics = z.object({
  clinicId: ClinicId,
  from: IsoDateTime,
  to: IsoDateTime,
  requested: z.number().int(),
  accepted: z.number().int(),
  connected: z.number().int(),
  fellBack: z.number().int(),
  cancelled: z.number().int(),
  medianTimeToAcceptMs: z.number().int().optional(),
  medianTimeToConnectMs: z.number().int().optional(),
});
export type HandoffMetrics = z.infer<typeof HandoffMetrics>;
