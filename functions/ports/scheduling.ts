/**
 * The slot store (DESIGN.md flow 5). Kept apart from store.ts while scheduling is built; the
 * DynamoDB adapter is createSlotRepository in adapters/dynamodb/slot-repository.ts.
 */
import type { ClinicId, Page } from '../contracts/common';
import type {
  Booking,
  ClinicSchedulingSettings,
  ScheduleTemplate,
  Slot,
  SlotBooking,
} from '../contracts/scheduling';
import type { AuditEvent } from '../domain/model';
import type { PageRequest } from './store';

export interface GeneratedCounts {
  created: number;
  /** Slots that were already stored; they are left exactly as they are (status, booking). */
  existing: number;
}

export type ReleaseOutcome =
  | { outcome: 'released'; slot: Slot }
  /** A second run: the slot was released before; nothing was written. */
  | { outcome: 'already-released'; slot: Slot }
  /** Booked (for a warm handoff) before the release ran: nothing to release. */
  | { outcome: 'booked'; slot: Slot };

export interface SlotRepository {
  /** Stores generated slots that do not exist yet (conditional put per slot); idempotent. */
  putGenerated(slots: Slot[]): Promise<GeneratedCounts>;
  get(clinicId: ClinicId, slotId: string): Promise<Slot | undefined>;
  /** A clinic's slots on one clinic-local date, by start time. */
  listForClinicDay(clinicId: ClinicId, localDate: string, page: PageRequest): Promise<Page<Slot>>;
  /**
   * A provider's slots in every clinic on one date (each slot's clinic-local date), by UTC start
   * time, so slots in clinics in different zones interleave correctly.
   */
  listForProviderDay(providerId: string, localDate: string, page: PageRequest): Promise<Page<Slot>>;
  /**
   * Books the slot, atomically with a guard on the provider's time. Exactly one of concurrent
   * bookings wins. DomainError not_found when the slot does not exist in the clinic; conflict when
   * it is not bookable for the purpose (already booked, protected, blocked) or the provider is
   * already booked at an overlapping time in any clinic.
   */
  book(clinicId: ClinicId, slotId: string, booking: SlotBooking): Promise<Slot>;
  /**
   * Opens a held warm-handoff slot for routine booking. Idempotent: a second run writes nothing
   * and reports 'already-released'. DomainError not_found for an unknown slot, conflict for a slot
   * that is not a warm-handoff slot.
   */
  releaseWarmHandoff(
    clinicId: ClinicId,
    slotId: string,
    now: Date,
    audit?: AuditEvent,
  ): Promise<ReleaseOutcome>;
}

export interface TemplateRepository {
  /** Creates or replaces the template of (clinic, provider, weekday, effectiveFrom). */
  put(template: ScheduleTemplate): Promise<void>;
  listForClinic(
    clinicId: ClinicId,
    providerId: string | undefined,
    page: PageRequest,
  ): Promise<Page<ScheduleTemplate>>;
  /** A provider's templates in every clinic (bounded: a few per weekday and clinic). */
  listForProvider(providerId: string): Promise<ScheduleTemplate[]>;
  /** The clinic's settings, defaults when none were saved. */
  getSettings(clinicId: ClinicId): Promise<ClinicSchedulingSettings>;
  putSettings(clinicId: ClinicId, settings: ClinicSchedulingSettings): Promise<void>;
  /** Clinics that have at least one template: what the jobs walk (never a Scan). */
  listScheduledClinics(page: PageRequest): Promise<Page<ClinicId>>;
}

/**
 * Bookings: a visit on a slot. Every change is one transaction with the slot, the provider-time
 * guard items and the audit event, so a slot and its booking never disagree.
 */
export interface BookingRepository {
  /** DomainError conflict when the slot was taken meanwhile or the provider is busy then. */
  book(booking: Booking, slot: Slot, audit: AuditEvent): Promise<Booking>;
  /** Frees the slot (back to its status before booking) and stores `updated` (cancelled). */
  cancel(updated: Booking, slot: Slot, audit: AuditEvent): Promise<Booking>;
  /** Books `next` on `nextSlot`, frees the old slot, stores `previous` as rescheduled: atomically. */
  reschedule(
    previous: Booking,
    oldSlot: Slot,
    next: Booking,
    nextSlot: Slot,
    audit: AuditEvent,
  ): Promise<Booking>;
  /** Stores a new version (attendance, meeting) with the slot's copy; stale version → conflict. */
  update(updated: Booking, audit: AuditEvent | undefined): Promise<Booking>;
  get(clinicId: ClinicId, bookingId: string): Promise<Booking | undefined>;
  /** The video visit whose meeting this is (update() links a booking to its meeting). */
  findByMeeting(meetingId: string): Promise<Booking | undefined>;
  /** A patient's bookings starting at or after `from` (ISO), by start time. */
  listForPatient(
    clinicId: ClinicId,
    patientId: string,
    from: string,
    page: PageRequest,
  ): Promise<Page<Booking>>;
  /** Every booking of the patient in the clinic (bounded), by start time. */
  allForPatient(clinicId: ClinicId, patientId: string): Promise<Booking[]>;
  /** The clinic's bookings starting in [from, to) (ISO instants), bounded. */
  listForClinicRange(clinicId: ClinicId, from: string, to: string): Promise<Booking[]>;
}
