/**
 * The slot store (DESIGN.md flow 5). Kept apart from store.ts while scheduling is built; the
 * DynamoDB adapter is createSlotRepository in adapters/dynamodb/slot-repository.ts.
 */
import type { ClinicId, Page } from '../contracts/common';
import type { Slot, SlotBooking } from '../contracts/scheduling';
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
  releaseWarmHandoff(clinicId: ClinicId, slotId: string, now: Date): Promise<ReleaseOutcome>;
}
