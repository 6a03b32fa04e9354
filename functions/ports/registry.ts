/**
 * Repositories of the collaborative-care registry (issue #5). Every PHI write takes its audit event
 * and commits it in the same transaction; every cross-clinic list is one index Query per page.
 */
import type { CareActivity } from '../contracts/activities';
import type { Clinic } from '../contracts/clinics';
import type { ClinicId, Page } from '../contracts/common';
import type { ClinicSchedulingSettings } from '../contracts/scheduling';
import type {
  Episode,
  PatientMessage,
  Recommendation,
  RestrictedNote,
  ReviewSession,
} from '../contracts/registry';
import type { AuditEvent } from '../domain/model';
import type { PageRequest } from './store';

/** What else commits in the same transaction as an episode change. */
export interface EpisodeWriteExtras {
  /** A care activity recorded with this change (a contact, a review's minutes). */
  activity?: CareActivity;
  /**
   * With an activity: a retry carrying the same key stores nothing and the first activity is
   * returned instead (the `Idempotency-Key` of the logging request, unique per clinic).
   */
  idempotencyKey?: string;
  /** Recommendations a psychiatric review sends to the PCP's inbox. */
  recommendations?: Recommendation[];
}

export interface EpisodeRepository {
  /**
   * Enrols: stores the episode (status active) and the patient's one-active-episode guard and
   * counts it in the BCM's caseload. A patient who already has an active episode is a conflict
   * (field body.referredOn), and nothing is written.
   */
  create(episode: Episode, audit: AuditEvent): Promise<void>;
  get(clinicId: ClinicId, patientId: string, episodeId: string): Promise<Episode | undefined>;
  /** The patient's active episode, if any (consistent read). */
  getActive(clinicId: ClinicId, patientId: string): Promise<Episode | undefined>;
  /** Every episode of the patient, newest first. */
  listForPatient(clinicId: ClinicId, patientId: string): Promise<Episode[]>;
  /**
   * Replaces the episode with `next` if the stored version is still `expectedVersion` (else a
   * conflict, nothing written). A change to status discharged also releases the active guard and
   * the caseload count. Returns the activity stored (or, for a replayed idempotency key, the one
   * stored the first time, with `replayed: true` and nothing else written).
   */
  save(
    next: Episode,
    expectedVersion: number,
    audit: AuditEvent,
    extras?: EpisodeWriteExtras,
  ): Promise<{ activity?: CareActivity; replayed: boolean }>;
  /**
   * The activity first stored under this idempotency key in the clinic, if any (the guard item).
   * A retried logging request is answered from it before any check runs: the overlap check would
   * otherwise refuse the retry as overlapping its own first attempt.
   */
  findIdempotentActivity?(
    clinicId: ClinicId,
    idempotencyKey: string,
  ): Promise<{ patientId: string; activityId: string } | undefined>;
  /**
   * One page of the BCM's active episodes across clinics (gsi3), plus the number of active
   * episodes in the whole caseload (a counter kept with every enrolment and discharge).
   */
  listCaseload(bcmId: string, page: PageRequest): Promise<Page<Episode> & { activeCount: number }>;
  /** One page of the active episodes whose consulting psychiatrist this is, across clinics. */
  listPanel(psychiatristId: string, page: PageRequest): Promise<Page<Episode>>;
  /** One page of the clinic's episodes (active and discharged), by referral date. */
  listForClinic(clinicId: ClinicId, page: PageRequest): Promise<Page<Episode>>;
}

export interface PerformerActivityRepository {
  /**
   * The person's activities in any clinic that started in [from, to): the overlap check (one
   * person's activities may not overlap in time).
   */
  listForPerformerBetween(userId: string, from: string, to: string): Promise<CareActivity[]>;
}

export interface RecommendationRepository {
  get(
    clinicId: ClinicId,
    patientId: string,
    recommendationId: string,
  ): Promise<Recommendation | undefined>;
  /** Version-checked replace (acknowledge, resolve), with its audit event. */
  save(next: Recommendation, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** The thread of one patient, newest first. */
  listForPatient(clinicId: ClinicId, patientId: string): Promise<Recommendation[]>;
  /** One page of a PCP's inbox across clinics: open (sent/acknowledged) or all, newest first. */
  listInbox(
    pcpId: string,
    filter: 'open' | 'all',
    page: PageRequest,
  ): Promise<Page<Recommendation>>;
}

export interface MessageRepository {
  create(message: PatientMessage, audit: AuditEvent): Promise<void>;
  /** Newest first. */
  listForPatient(
    clinicId: ClinicId,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<PatientMessage>>;
}

export interface RestrictedNoteRepository {
  create(note: RestrictedNote, audit: AuditEvent): Promise<void>;
  get(clinicId: ClinicId, patientId: string, noteId: string): Promise<RestrictedNote | undefined>;
  /** Newest first. Kept in its own partition, apart from the chart. */
  listForPatient(clinicId: ClinicId, patientId: string): Promise<RestrictedNote[]>;
  /** Records the patient's authorization (once; a second one is a conflict). */
  recordAuthorization(
    note: RestrictedNote,
    authorization: NonNullable<RestrictedNote['authorization']>,
    audit: AuditEvent,
  ): Promise<RestrictedNote>;
}

export interface ReviewSessionRepository {
  create(session: ReviewSession): Promise<void>;
  get(reviewSessionId: string): Promise<ReviewSession | undefined>;
  /** Version-checked replace (start, cases discussed, end, meeting). */
  save(next: ReviewSession, expectedVersion: number): Promise<void>;
  /** Sessions the user runs or attends, newest scheduled first. */
  listForUser(userId: string, page: PageRequest): Promise<Page<ReviewSession>>;
  /** The session whose call is this meeting (the socket's signal relay knows only the meeting id). */
  findByMeeting(meetingId: string): Promise<ReviewSession | undefined>;
}

/** What a cross-clinic registry view needs of each clinic: name, zone, registry and session settings. */
export interface ClinicConfig {
  clinic: Clinic;
  scheduling: ClinicSchedulingSettings;
}

export interface ClinicConfigRepository {
  /**
   * The clinics' items and scheduling settings in one BatchGetItem (per 50 clinics); missing clinics
   * are left out, missing scheduling settings are the defaults.
   */
  getConfigs(clinicIds: readonly ClinicId[]): Promise<Map<ClinicId, ClinicConfig>>;
}
