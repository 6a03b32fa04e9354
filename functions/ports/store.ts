/**
 * Repository ports. The DynamoDB adapter implements them; services depend only on these.
 * Writes that touch PHI take the audit event and commit it in the same transaction, so a change
 * without its audit record (or an audit record without its change) cannot exist.
 */
import type { Clinic, TriageRuleSet } from '../contracts/clinics';
import type { ClinicId, Page } from '../contracts/common';
import type { HandoffSettings } from '../contracts/handoff';
import type { Patient } from '../contracts/patients';
import type {
  ClinicScreeningItem,
  DispositionOverride,
  ScreeningResult,
} from '../contracts/screenings';
import type { AuditEvent, Membership, UserProfile } from '../domain/model';
import type { SafetyRepository } from './safety';
import type { BookingRepository, SlotRepository, TemplateRepository } from './scheduling';
import type { ActivityRepository, HandoffRepository, PresenceRepository } from './handoff';
import type { ConnectionRepository } from './realtime';
import type { RegistrySettings } from '../contracts/registry';
import type { BillingSettings } from '../contracts/billing';
import type { BillingRepository } from './billing';
import type {
  ClinicConfigRepository,
  EpisodeRepository,
  MessageRepository,
  PerformerActivityRepository,
  RecommendationRepository,
  RestrictedNoteRepository,
  ReviewSessionRepository,
} from './registry';

export interface PageRequest {
  limit: number;
  /** Opaque cursor from a previous page. A cursor that does not belong to this list is a validation error. */
  cursor?: string;
}

export interface ClinicRepository {
  get(clinicId: ClinicId): Promise<Clinic | undefined>;
  /** Several clinics in one request (a cross-clinic view's names, zones and settings); missing ids are left out. */
  getMany(clinicIds: readonly ClinicId[]): Promise<Clinic[]>;
  /** Creates or replaces a clinic (seeding and admin set-up). */
  put(clinic: Clinic): Promise<void>;
  listByNetwork(networkId: string, page: PageRequest): Promise<Page<Clinic>>;
  getTriageRules(clinicId: ClinicId, version: number): Promise<TriageRuleSet | undefined>;
  /**
   * Stores a new rule version and makes it the clinic's current one, atomically. Fails with a
   * DomainError conflict when that version already exists or the clinic's current version is not
   * `expectedCurrentVersion` (optimistic concurrency).
   */
  publishTriageRules(rules: TriageRuleSet, expectedCurrentVersion: number | null): Promise<void>;
  /**
   * Replaces only the clinic's warm-handoff settings (an update of that one attribute, so a triage
   * publish at the same moment is not undone), with its audit event in the same transaction.
   */
  setHandoffSettings(
    clinicId: ClinicId,
    settings: HandoffSettings,
    audit: AuditEvent,
  ): Promise<void>;
  /** Replaces only the clinic's registry settings (as setHandoffSettings does for its own). */
  setRegistrySettings(
    clinicId: ClinicId,
    settings: RegistrySettings,
    audit: AuditEvent,
  ): Promise<void>;
  /** Replaces only the clinic's billing settings (as setHandoffSettings does for its own). */
  setBillingSettings(
    clinicId: ClinicId,
    settings: BillingSettings,
    audit: AuditEvent,
  ): Promise<void>;
  /** Every published rule version of the clinic, newest first (one Query on its partition). */
  listTriageRuleVersions(clinicId: ClinicId, page: PageRequest): Promise<Page<TriageRuleSet>>;
}

export interface UserRepository {
  get(userId: string): Promise<UserProfile | undefined>;
  put(user: UserProfile): Promise<void>;
}

export interface MembershipRepository {
  /** Every clinic × role the user holds (one Query). */
  listForUser(userId: string): Promise<Membership[]>;
  listForClinic(clinicId: ClinicId, page: PageRequest): Promise<Page<Membership>>;
  put(membership: Membership): Promise<void>;
  remove(userId: string, clinicId: ClinicId, role: Membership['role']): Promise<void>;
}

export interface PatientSearch {
  /** Prefix of the family name, optionally followed by ", " and a prefix of the given name. */
  namePrefix?: string;
  mrn?: string;
}

export interface PatientRepository {
  /** Fails with a DomainError conflict (field body.mrn) when the MRN is already used in the clinic. */
  create(patient: Patient, audit: AuditEvent): Promise<void>;
  get(clinicId: ClinicId, patientId: string): Promise<Patient | undefined>;
  search(clinicId: ClinicId, search: PatientSearch, page: PageRequest): Promise<Page<Patient>>;
}

export interface ScreeningRepository {
  /**
   * patientName is a display snapshot kept for the clinic worklist. With a submissionId the write
   * happens once per id in the clinic: a repeat stores nothing and returns the first result.
   */
  create(
    result: ScreeningResult,
    patientName: string,
    audit: AuditEvent,
    submissionId?: string,
  ): Promise<ScreeningResult>;
  get(
    clinicId: ClinicId,
    patientId: string,
    screeningId: string,
  ): Promise<ScreeningResult | undefined>;
  listForPatient(
    clinicId: ClinicId,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<ScreeningResult>>;
  listForClinic(clinicId: ClinicId, page: PageRequest): Promise<Page<ClinicScreeningItem>>;
  /**
   * Sets the screening's current override (the previous one moves to `overrideHistory`, the rule's
   * disposition is untouched) and bumps `version`, with the audit event in the same transaction.
   * With expectedVersion a different current version is a conflict; without it the write is checked
   * against the version just read and retried once. A missing screening is not found.
   */
  override(
    clinicId: ClinicId,
    patientId: string,
    screeningId: string,
    decision: DispositionOverride,
    audit: AuditEvent,
    expectedVersion?: number,
  ): Promise<ScreeningResult>;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  listForPatient(
    clinicId: ClinicId,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<AuditEvent>>;
  /** day is YYYY-MM-DD in UTC. */
  listForClinicDay(clinicId: ClinicId, day: string, page: PageRequest): Promise<Page<AuditEvent>>;
}

export interface Store {
  clinics: ClinicRepository;
  users: UserRepository;
  memberships: MembershipRepository;
  patients: PatientRepository;
  screenings: ScreeningRepository;
  safety: SafetyRepository;
  audit: AuditLog;
  // @store:handoff
  handoffs: HandoffRepository;
  presence: PresenceRepository;
  connections: ConnectionRepository;
  activities: ActivityRepository & PerformerActivityRepository;
  // @store:scheduling
  slots: SlotRepository;
  templates: TemplateRepository;
  scheduling: BookingRepository;
  // @store:measurement
  // @store:registry
  episodes: EpisodeRepository;
  recommendations: RecommendationRepository;
  messages: MessageRepository;
  restrictedNotes: RestrictedNoteRepository;
  reviewSessions: ReviewSessionRepository;
  clinicConfigs: ClinicConfigRepository;
  // @store:billing
  billing: BillingRepository;
}
