/**
 * The safety record's repository port. Every write takes its audit event and commits it in the
 * same transaction, like the other PHI repositories in store.ts.
 */
import type { ClinicId, Page } from '../contracts/common';
import type { RiskAssessment, SafetyPlan } from '../contracts/safety';
import type { AuditEvent } from '../domain/model';
import type { PageRequest } from './store';

export interface SafetyRepository {
  /** Fails with a DomainError not_found when the patient does not exist in the clinic. */
  addAssessment(assessment: RiskAssessment, audit: AuditEvent): Promise<void>;
  latestAssessment(clinicId: ClinicId, patientId: string): Promise<RiskAssessment | undefined>;
  /** Newest first. */
  listAssessments(
    clinicId: ClinicId,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<RiskAssessment>>;
  /**
   * Stores `plan` (whose version must be expectedVersion + 1) only if `expectedVersion` is the
   * patient's current plan version (0: no plan yet). Otherwise a DomainError conflict naming
   * body.expectedVersion; a missing patient is not_found.
   */
  putPlanVersion(plan: SafetyPlan, expectedVersion: number, audit: AuditEvent): Promise<void>;
  latestPlan(clinicId: ClinicId, patientId: string): Promise<SafetyPlan | undefined>;
  getPlanVersion(
    clinicId: ClinicId,
    patientId: string,
    version: number,
  ): Promise<SafetyPlan | undefined>;
}
