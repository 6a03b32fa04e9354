/**
 * Scheduling (DESIGN.md flow 5): provider schedule templates per clinic and weekday, the slots
 * generated from them, and the clinic's scheduling settings. Template times are local to the
 * clinic's IANA zone; slot times are stored in UTC next to their clinic-local date.
 */
import * as z from 'zod';
import { ClinicId, IsoDate, IsoDateTime, TimeZone, UserId } from './common';
import { MediaRegion } from './handoff';

/** Template block kinds. Intake and follow-up are patient visits; warm-handoff slots are protected. */
export const BlockKind = z.enum([
  'intake',
  'follow-up',
  'warm-handoff',
  'registry-review',
  'case-conference',
]);
export type BlockKind = z.infer<typeof BlockKind>;

/** Local wall-clock time, 24-hour "HH:mm". */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (00:00-23:59)');

/**
 * Block starts and lengths are whole multiples of 5 minutes: the provider's busy guard (one item
 * per 5-minute tick, see docs/access-patterns.md) relies on it, and every real zone offset is a
 * multiple of 5 minutes too, so the grid is the same in every clinic's zone.
 */
export const SCHEDULE_GRID_MINUTES = 5;

export const TemplateBlock = z.object({
  kind: BlockKind,
  start: LocalTime,
  minutes: z.number().int().min(5).max(480).multipleOf(SCHEDULE_GRID_MINUTES),
});
export type TemplateBlock = z.infer<typeof TemplateBlock>;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

export const ScheduleTemplate = z.object({
  clinicId: ClinicId,
  providerId: UserId,
  weekday: IsoWeekday,
  blocks: z.array(TemplateBlock).max(48),
  /** Clinic-local date from which this template applies (the latest one in effect wins). */
  effectiveFrom: IsoDate,
});
export type ScheduleTemplate = z.infer<typeof ScheduleTemplate>;

/**
 * open: bookable for any visit. held: a protected warm-handoff slot, bookable only for a warm
 * handoff until released. released: a warm-handoff slot opened for routine booking. booked: taken.
 * blocked: provider time that is not a patient visit (registry review, case conference).
 */
export const SlotStatus = z.enum(['open', 'held', 'booked', 'released', 'blocked']);
export type SlotStatus = z.infer<typeof SlotStatus>;

export const BookingPurpose = z.enum(['routine', 'warm-handoff']);
export type BookingPurpose = z.infer<typeof BookingPurpose>;

export const SlotBooking = z.object({
  patientId: z.string().min(1).max(128),
  purpose: BookingPurpose,
  bookedBy: UserId,
  bookedAt: IsoDateTime,
  /** Present for visits booked through the booking service (absent for a bare slot hold). */
  bookingId: z.string().min(1).max(64).optional(),
  visitType: z.enum(['intake', 'follow-up']).optional(),
  modality: z.enum(['in-person', 'video']).optional(),
  patientName: z.string().max(300).optional(),
  attendance: z.enum(['arrived', 'no-show', 'cancelled-late']).optional(),
});
export type SlotBooking = z.infer<typeof SlotBooking>;

export const Slot = z.object({
  /** Deterministic from clinic, provider and local start: regenerating a day yields the same ids. */
  slotId: z.string().min(1).max(256),
  clinicId: ClinicId,
  providerId: UserId,
  kind: BlockKind,
  timeZone: TimeZone,
  /** Clinic-local calendar date and start time the slot was generated for. */
  localDate: IsoDate,
  localStart: LocalTime,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  status: SlotStatus,
  booking: SlotBooking.optional(),
  releasedAt: IsoDateTime.optional(),
});
export type Slot = z.infer<typeof Slot>;

export const SchedulingSettings = z.object({
  /** Protected warm-handoff slots open for routine booking this many hours before they start. */
  warmHandoffReleaseHours: z.number().min(0).max(72).default(2),
  intakeMinutes: z.number().int().min(5).max(240).multipleOf(SCHEDULE_GRID_MINUTES).default(50),
  /** Includes the documentation buffer. */
  followUpMinutes: z.number().int().min(5).max(240).multipleOf(SCHEDULE_GRID_MINUTES).default(30),
  warmHandoffMinutes: z
    .number()
    .int()
    .min(5)
    .max(120)
    .multipleOf(SCHEDULE_GRID_MINUTES)
    .default(20),
  warmHandoffSlotsPerHalfDay: z.number().int().min(0).max(6).default(2),
});
export type SchedulingSettings = z.infer<typeof SchedulingSettings>;

export const defaultSchedulingSettings = (): SchedulingSettings => SchedulingSettings.parse({});

// ---------------------------------------------------------------------------------------------
// Clinic settings beyond the template defaults, bookings, views and their routes' shapes.
// ---------------------------------------------------------------------------------------------

/**
 * Everything a clinic admin sets for scheduling. Defaults: CLINICAL.md Part 1 (sessions per
 * episode 10, a reason from 12), seed §5 (release 2 h before, 50 / 30 / 2 × 20 min blocks).
 */
export const ClinicSchedulingSettings = SchedulingSettings.extend({
  /** Days of slots the generation job keeps ahead of today (clinic-local). */
  horizonDays: z.number().int().min(1).max(120).default(28),
  /** Booking the cap-th session of an episode shows a warning. */
  sessionCap: z.number().int().min(1).max(60).default(10),
  /** From this session on, a booking needs a written reason. */
  sessionReasonFrom: z.number().int().min(1).max(60).default(12),
  /** A video visit's join link is handed out from this many minutes before the start. */
  joinWindowMinutes: z.number().int().min(0).max(60).default(15),
  /** Video visits' Chime media region (the one nearest the clinic). */
  mediaRegion: MediaRegion.default('us-west-2'),
});
export type ClinicSchedulingSettings = z.infer<typeof ClinicSchedulingSettings>;
export const defaultClinicSchedulingSettings = (): ClinicSchedulingSettings =>
  ClinicSchedulingSettings.parse({});

export const VisitType = z.enum(['intake', 'follow-up']);
export type VisitType = z.infer<typeof VisitType>;
export const Modality = z.enum(['in-person', 'video']);
export type Modality = z.infer<typeof Modality>;
export const Attendance = z.enum(['arrived', 'no-show', 'cancelled-late']);
export type Attendance = z.infer<typeof Attendance>;
/** booked: current. cancelled / rescheduled: kept as history, the slot is free again. */
export const BookingStatus = z.enum(['booked', 'cancelled', 'rescheduled']);
export type BookingStatus = z.infer<typeof BookingStatus>;

const Reason = z.string().trim().min(3, 'give a reason of at least 3 characters').max(500);

export const BookingEvent = z.object({
  at: IsoDateTime,
  by: UserId,
  change: z.enum(['booked', 'cancelled', 'rescheduled', 'attendance', 'meeting']),
  /** Ids and enum values only (the other slot, the attendance), never free text. */
  detail: z.string().max(300).optional(),
});
export type BookingEvent = z.infer<typeof BookingEvent>;

export const Booking = z.object({
  bookingId: z.string().min(1).max(64),
  clinicId: ClinicId,
  patientId: z.string().min(1).max(128),
  patientName: z.string().max(300),
  slotId: z.string().min(1).max(256),
  providerId: UserId,
  kind: BlockKind,
  visitType: VisitType,
  modality: Modality,
  purpose: BookingPurpose,
  timeZone: TimeZone,
  localDate: IsoDate,
  localStart: LocalTime,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  status: BookingStatus,
  attendance: Attendance.optional(),
  /** This visit's number in the patient's episode when it was booked. */
  sessionNumber: z.number().int().min(1),
  capReason: z.string().max(500).optional(),
  cancelReason: z.string().max(500).optional(),
  rescheduledFrom: z.string().optional(),
  rescheduledTo: z.string().optional(),
  meetingId: z.string().optional(),
  /** Who joined the video visit under which attendee id (the local signal relay checks it). */
  attendees: z
    .array(z.object({ userId: UserId, attendeeId: z.string() }))
    .max(20)
    .optional(),
  createdAt: IsoDateTime,
  createdBy: UserId,
  version: z.number().int().min(1),
  history: z.array(BookingEvent).max(200),
});
export type Booking = z.infer<typeof Booking>;

export const SessionCount = z.object({
  /** Non-cancelled BH visits of this patient in this clinic since their first intake here. */
  count: z.number().int().min(0),
  cap: z.number().int(),
  reasonRequiredFrom: z.number().int(),
  /** The first intake the count starts from (null: no intake yet, every visit counts). */
  since: IsoDateTime.nullable(),
  /** Until the registry's episodes exist, the episode is approximated as described here. */
  basis: z.string(),
});
export type SessionCount = z.infer<typeof SessionCount>;

export const BookingCreate = z.object({
  slotId: z.string().min(1).max(256),
  patientId: z.string().min(1).max(128),
  visitType: VisitType,
  modality: Modality,
  purpose: BookingPurpose.default('routine'),
  /** Required from the clinic's sessionReasonFrom-th session on. */
  capReason: Reason.optional(),
});
export type BookingCreate = z.infer<typeof BookingCreate>;

export const BookingResult = z.object({
  booking: Booking,
  sessionNumber: z.number().int(),
  /** Set at or past the clinic's session cap. */
  warning: z.string().optional(),
});
export type BookingResult = z.infer<typeof BookingResult>;

export const BookingParams = z.object({ clinicId: ClinicId, bookingId: z.string().min(1).max(64) });
export const BookingCancel = z.object({ reason: Reason.optional() });
export const BookingReschedule = z.object({ slotId: z.string().min(1).max(256) });
export const AttendanceBody = z.object({ attendance: Attendance });

export const DayQuery = z.object({
  /** Clinic-local date; today in the clinic's zone when omitted. */
  date: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(2048).optional(),
});

/** A slot in the BCM's cross-clinic day: its own clinic's name and zone come with it. */
export const ScheduledSlot = Slot.extend({ clinicName: z.string() });
export type ScheduledSlot = z.infer<typeof ScheduledSlot>;

export const EarliestSlotsQuery = z.object({
  withinHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
  visitType: VisitType.default('follow-up'),
  providerId: UserId.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const EarliestSlots = z.object({ items: z.array(Slot), until: IsoDateTime });

export const MetricsQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export const AttendanceRates = z.object({
  booked: z.number().int(),
  arrived: z.number().int(),
  noShow: z.number().int(),
  cancelledLate: z.number().int(),
  /** Past visits with nothing recorded yet. */
  unrecorded: z.number().int(),
  /** arrived / (arrived + no-show + cancelled-late); null with nothing recorded. */
  showRate: z.number().nullable(),
  noShowRate: z.number().nullable(),
});
export const ScheduleMetrics = z.object({
  clinicId: ClinicId,
  from: IsoDate,
  to: IsoDate,
  clinic: AttendanceRates,
  providers: z.array(AttendanceRates.extend({ providerId: UserId })),
});
export type ScheduleMetrics = z.infer<typeof ScheduleMetrics>;

export const TemplateSave = ScheduleTemplate.omit({ clinicId: true });
export const TemplateListQuery = z.object({
  providerId: UserId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(2048).optional(),
});
export const ScheduleProvider = z.object({
  userId: UserId,
  displayName: z.string(),
  role: z.enum(['bcm', 'pcp', 'psychiatrist']),
});
export const TemplateList = z.object({
  items: z.array(ScheduleTemplate),
  nextCursor: z.string().optional(),
  /** Who may be given a template in this clinic. */
  providers: z.array(ScheduleProvider),
});

export const ClinicDay = z.object({
  clinicId: ClinicId,
  date: IsoDate,
  timeZone: TimeZone,
  items: z.array(Slot),
  nextCursor: z.string().optional(),
});
export type ClinicDay = z.infer<typeof ClinicDay>;

/** The provider's own day: each slot's clinic-local date is `date`, in that clinic's zone. */
export const MyDay = z.object({
  date: IsoDate,
  items: z.array(ScheduledSlot),
  nextCursor: z.string().optional(),
});
export type MyDay = z.infer<typeof MyDay>;
