/**
 * Repositories of the warm handoff: the handoff itself (with its idempotency guard, the meeting
 * pointer and the care activity its outcome records), BCM presence, and the care activities.
 * Every PHI write takes its audit event and commits it in the same transaction.
 */
import type { CareActivity } from '../contracts/activities';
import type { ClinicId, Page } from '../contracts/common';
import type { Handoff, Presence } from '../contracts/handoff';
import type { AuditEvent } from '../domain/model';
import type { PageRequest } from './store';

export type HandoffListFilter = 'open' | 'live' | 'closed';

export interface HandoffRepository {
  /**
   * Stores a new handoff. With a clientRequestId the write happens once per id in the clinic: a
   * repeat stores nothing and returns the first handoff. A missing patient is not_found.
   */
  create(handoff: Handoff, audit: AuditEvent, clientRequestId?: string): Promise<Handoff>;
  /**
   * Replaces the handoff with `next` only if the stored version is still `expectedVersion`;
   * otherwise a DomainError conflict (someone else changed it first) and nothing is written.
   * With `activity` the care activity is stored in the same transaction (never twice).
   */
  save(
    next: Handoff,
    expectedVersion: number,
    audit: AuditEvent,
    also?: { activity?: CareActivity },
  ): Promise<void>;
  get(clinicId: ClinicId, handoffId: string): Promise<Handoff | undefined>;
  /** The handoff a provider meeting belongs to (the reconciler and the signal relay). */
  findByMeeting(meetingId: string): Promise<Handoff | undefined>;
  /** Newest first; with a filter only that group of statuses. */
  listForClinic(
    clinicId: ClinicId,
    filter: HandoffListFilter | undefined,
    page: PageRequest,
  ): Promise<Page<Handoff>>;
  /** Every open (requested) handoff of the clinic, oldest first. */
  listOpen(clinicId: ClinicId): Promise<Handoff[]>;
  /** Accepted or connected calls of one BCM across clinics. */
  listLiveForUser(userId: string): Promise<Handoff[]>;
  /** Open handoffs whose paging window ended at or before `now`, any clinic, oldest first. */
  listDue(now: Date, limit: number): Promise<Handoff[]>;
  /** Closed handoffs whose provider meeting has not been deleted yet, any clinic. */
  listMeetingsToDelete(limit: number): Promise<Handoff[]>;
  /** Every handoff of the clinic requested in [from, to). */
  listRequestedBetween(clinicId: ClinicId, from: string, to: string): Promise<Handoff[]>;
}

export interface PresenceRepository {
  put(presence: Presence): Promise<void>;
  listForUser(userId: string): Promise<Presence[]>;
  listForClinic(clinicId: ClinicId): Promise<Presence[]>;
  /** Refreshes lastSeenAt of every presence row of the user (the console's heartbeat). */
  touch(userId: string, at: string): Promise<Presence[]>;
}

export interface ActivityRepository {
  get(clinicId: ClinicId, patientId: string, activityId: string): Promise<CareActivity | undefined>;
  /** Newest first. */
  listForPatient(
    clinicId: ClinicId,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<CareActivity>>;
  /** One episode's activities, newest first (the patientId is the episode's, for symmetry). */
  listForEpisode(
    clinicId: ClinicId,
    patientId: string,
    episodeId: string,
    page: PageRequest,
  ): Promise<Page<CareActivity>>;
  /** The clinic's activities that occurred in [from, to) (a billing month), oldest first. */
  listForClinicBetween(clinicId: ClinicId, from: string, to: string): Promise<CareActivity[]>;
}
