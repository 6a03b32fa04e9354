import type { ClinicId, Page, PageQuery } from '../contracts/common';
import {
  CRISIS_LINE_988,
  type RiskAssessment,
  type RiskAssessmentCreate,
  type SafetyPlan,
  type SafetyPlanSave,
  type SafetyPlanSections,
  type SafetyPlanView,
  type SafetySummary,
} from '../contracts/safety';
import { clinicDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor } from './access';
import { requirePatient } from './patients';

const digits = (phone: string) => phone.replace(/\D/g, '');

/** Every plan lists the 988 Suicide & Crisis Lifeline: added at the end when no entry dials 988. */
export const withCrisisLine = (
  lines: SafetyPlanSections['professionalsAndCrisisLines'],
): SafetyPlanSections['professionalsAndCrisisLines'] =>
  lines.some((line) => digits(line.phone) === '988') ? lines : [...lines, { ...CRISIS_LINE_988 }];

/**
 * Records a risk assessment. The follow-up must be dated after the assessment (on the clinic's
 * calendar): "as needed" cannot be expressed, and a past or same-day date is refused before
 * anything is written.
 */
export const recordRiskAssessment = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  input: RiskAssessmentCreate,
): Promise<RiskAssessment> => {
  await authorizeFor(ctx, 'safety.write', clinicId, {
    resourceType: 'risk-assessment',
    patientId,
  });
  const { store, clock, ids } = ctx.deps;
  const [clinic] = await Promise.all([
    store.clinics.get(clinicId),
    requirePatient(ctx, clinicId, patientId),
  ]);
  if (!clinic) throw DomainError.notFound('Clinic');
  const now = clock.now();
  const assessedOn = clinicDate(now, clinic.timeZone);
  if (input.followUp.date <= assessedOn) {
    throw DomainError.validation('The follow-up must be dated after the assessment', [
      { field: 'body.followUp.date', message: `must be after the assessment date ${assessedOn}` },
    ]);
  }
  const assessment: RiskAssessment = {
    ...input,
    assessmentId: ids.next(),
    clinicId,
    patientId,
    assessedAt: now.toISOString(),
    assessedBy: ctx.actorId,
  };
  const audit = auditEvent(ctx, clinicId, 'risk-assessment.create', {
    resourceType: 'risk-assessment',
    resourceId: assessment.assessmentId,
    patientId,
  });
  await store.safety.addAssessment(assessment, audit);
  return assessment;
};

export const listRiskAssessments = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  page: PageQuery,
): Promise<Page<RiskAssessment>> => {
  const target = { resourceType: 'risk-assessment', patientId } as const;
  return auditedRead(
    ctx,
    { action: 'safety.read', auditAction: 'risk-assessment.list', clinicId, target },
    async () => {
      await requirePatient(ctx, clinicId, patientId);
      return ctx.deps.store.safety.listAssessments(clinicId, patientId, page);
    },
  );
};

/** Saves the next plan version; a stale expectedVersion is a 409 and nothing is written. */
export const saveSafetyPlan = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  input: SafetyPlanSave,
): Promise<SafetyPlan> => {
  await authorizeFor(ctx, 'safety.write', clinicId, { resourceType: 'safety-plan', patientId });
  await requirePatient(ctx, clinicId, patientId);
  const { expectedVersion, reviewedAt, ...sections } = input;
  const now = ctx.deps.clock.now().toISOString();
  const plan: SafetyPlan = {
    ...sections,
    professionalsAndCrisisLines: withCrisisLine(sections.professionalsAndCrisisLines),
    clinicId,
    patientId,
    version: expectedVersion + 1,
    updatedAt: now,
    updatedBy: ctx.actorId,
    reviewedAt: reviewedAt ?? now,
  };
  const audit = auditEvent(ctx, clinicId, 'safety-plan.update', {
    resourceType: 'safety-plan',
    resourceId: String(plan.version),
    patientId,
  });
  await ctx.deps.store.safety.putPlanVersion(plan, expectedVersion, audit);
  return plan;
};

export const getSafetyPlan = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  version?: number,
): Promise<SafetyPlanView> => {
  const target = { resourceType: 'safety-plan', patientId } as const;
  await authorizeFor(ctx, 'safety.read', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const { safety, audit } = ctx.deps.store;
  const plan =
    version === undefined
      ? await safety.latestPlan(clinicId, patientId)
      : await safety.getPlanVersion(clinicId, patientId, version);
  if (version !== undefined && !plan) throw DomainError.notFound('Safety plan version');
  await audit.append(
    auditEvent(ctx, clinicId, 'safety-plan.read', {
      ...target,
      resourceId: plan && String(plan.version),
    }),
  );
  return { plan: plan ?? null };
};

/**
 * Level, follow-up date and plan version: what the PCP (and the rest of the care team) always see,
 * even where the assessment note itself is not theirs to read.
 */
export const getSafetySummary = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<SafetySummary> => {
  const target = { resourceType: 'safety-summary', patientId } as const;
  await authorizeFor(ctx, 'safety.summary', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const { safety, audit } = ctx.deps.store;
  const [assessment, plan] = await Promise.all([
    safety.latestAssessment(clinicId, patientId),
    safety.latestPlan(clinicId, patientId),
  ]);
  await audit.append(auditEvent(ctx, clinicId, 'safety-summary.read', target));
  return {
    level: assessment?.level ?? null,
    assessedAt: assessment?.assessedAt ?? null,
    followUpDate: assessment?.followUp.date ?? null,
    planVersion: plan?.version ?? null,
    planUpdatedAt: plan?.updatedAt ?? null,
  };
};
