/**
 * Scheduling (DESIGN.md flow 5): provider schedule templates per clinic and weekday, the slots
 * generated from them, and the clinic's scheduling settings. Template times are local to the
 * clinic's IANA zone; slot times are stored in UTC next to their clinic-local date.
 */
import * as z from 'zod';
import { ClinicId, IsoDate, IsoDateTime, TimeZone, UserId } from './common';

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
