/**
 * Closed billing months (issue #6): the once-only close header, the line snapshot (one item per
 * line: a 10,000-patient month does not fit one item) and the adjustments that correct it.
 */
import type { CareActivity } from '../contracts/activities';
import type {
  Adjustment,
  CodeUnits,
  FacilityType,
  RateTable,
  WorksheetLine,
} from '../contracts/billing';
import type { ClinicId } from '../contracts/common';
import type { AuditEvent } from '../domain/model';

/** What the month header records: who closed, when, and what the totals were computed with. */
export interface MonthCloseHeader {
  clinicId: ClinicId;
  month: string;
  status: 'closing' | 'closed';
  closedBy: string;
  closedAt: string;
  /** When the current closer took the close over: a `closing` header older than the lease is resumable. */
  leaseAt: string;
  /** Line count, once closed. */
  lines: number;
  timeZone: string;
  facilityType: FacilityType;
  rates: RateTable;
}

/** A closed line as the episode rules of later months read it (a projection of the snapshot). */
export interface ClosedLineSummary {
  lineId: string;
  patientId: string;
  episodeId: string;
  month: string;
  countedMinutes: number;
  codes: CodeUnits[];
}

export type BeginCloseResult =
  { started: true; header: MonthCloseHeader } | { started: false; header: MonthCloseHeader };

export interface BillingRepository {
  getClose(clinicId: ClinicId, month: string): Promise<MonthCloseHeader | undefined>;
  /** Several months' headers in one request; months never closed are left out. */
  getCloses(clinicId: ClinicId, months: readonly string[]): Promise<MonthCloseHeader[]>;
  /**
   * Creates the `closing` header with its audit event, only if no header exists: of concurrent
   * closers exactly one starts. The others get the header that is there.
   */
  beginClose(header: MonthCloseHeader, audit: AuditEvent): Promise<BeginCloseResult>;
  /**
   * Takes over a `closing` header whose lease is `staleLeaseAt` (a crashed close), with its audit
   * event. undefined when someone else took it over or finished first.
   */
  resumeClose(
    header: MonthCloseHeader,
    staleLeaseAt: string,
    audit: AuditEvent,
  ): Promise<MonthCloseHeader | undefined>;
  /** Writes the snapshot lines (BatchWriteItem, 25 per request, unprocessed items retried). */
  putLines(clinicId: ClinicId, month: string, lines: readonly WorksheetLine[]): Promise<void>;
  /** Marks the header closed (only from `closing` with the given lease). */
  finishClose(
    clinicId: ClinicId,
    month: string,
    leaseAt: string,
    lines: number,
  ): Promise<MonthCloseHeader>;
  listLines(clinicId: ClinicId, month: string): Promise<WorksheetLine[]>;
  /** The closed lines' ids, patients, episodes, minutes and codes only (the history of later months). */
  listLineSummaries(clinicId: ClinicId, month: string): Promise<ClosedLineSummary[]>;
  addAdjustment(adjustment: Adjustment, audit: AuditEvent): Promise<void>;
  /** Oldest first (the order they apply in). */
  listAdjustments(clinicId: ClinicId, month: string): Promise<Adjustment[]>;
  /**
   * Every activity of the clinic that started in [from, to), however many (the registry's
   * listForClinicBetween stops at 10,000, which a 10,000-patient month passes).
   */
  listActivitiesBetween(clinicId: ClinicId, from: string, to: string): Promise<CareActivity[]>;
}
