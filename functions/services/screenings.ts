import type { ClinicId, Page, PageQuery } from '../contracts/common';
import type {
  ClinicScreeningItem,
  DispositionOverride,
  DispositionOverrideRequest,
  ScreeningResult,
  ScreeningSubmit,
} from '../contracts/screenings';
import { DomainError } from '../domain/errors';
import { scoreFullScreening, validateScreening } from '../domain/screening';
import { DEFAULT_PCPTSD5_CUT_POINT } from '../domain/triage/screens';
import { triage } from '../domain/triage';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor } from './access';
import { requirePatient } from './patients';
import { attachScreeningToEpisode } from './registry-measures';
import { alertPcpsOfSafetyFlag } from './safety-alert';

/**
 * Screen → triage: the server's score is the one that counts. Answers are validated and scored
 * before anything is read or written, then triaged with the clinic's current rule version, and the
 * result is stored with that version and the inputs that decided it, together with its audit event.
 */
export const submitScreening = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  submission: ScreeningSubmit,
): Promise<ScreeningResult> => {
  validateScreening(submission);
  await authorizeFor(ctx, 'screening.submit', clinicId, { resourceType: 'screening', patientId });
  const { store } = ctx.deps;
  const [patient, clinic] = await Promise.all([
    requirePatient(ctx, clinicId, patientId),
    store.clinics.get(clinicId),
  ]);
  if (!clinic) throw DomainError.notFound('Clinic');
  const rules = await store.clinics.getTriageRules(clinicId, clinic.triageRuleVersion);
  if (!rules) throw new Error('Clinic has no triage rules at its current version');
  const { scores, screens } = scoreFullScreening(submission, {
    sex: patient.sexAtBirth,
    pcptsd5CutPoint: rules.pcptsd5CutPoint ?? DEFAULT_PCPTSD5_CUT_POINT,
  });
  const decision = triage(scores, rules, screens, clinic.integrationModel);
  const result: ScreeningResult = {
    screeningId: ctx.deps.ids.next(),
    clinicId,
    patientId,
    language: submission.language,
    completedAt: ctx.deps.clock.now().toISOString(),
    submittedBy: ctx.actorId,
    scores,
    ...(screens.length > 0 ? { screens } : {}),
    flags: decision.flags,
    disposition: decision.disposition,
    triageRuleVersion: rules.version,
    triageInputs: decision.inputs,
  };
  const audit = auditEvent(ctx, clinicId, 'screening.create', {
    resourceType: 'screening',
    resourceId: result.screeningId,
    patientId,
  });
  // A retried submission (same submissionId) answers with the first result and writes nothing.
  const stored = await store.screenings.create(
    result,
    `${patient.familyName}, ${patient.givenName}`,
    audit,
    submission.submissionId,
  );
  // Only the first write alerts: a retry of the same submission must not page the PCPs again.
  if (stored.screeningId === result.screeningId) {
    // Never throws: the screening is stored whatever happens to the registry.
    await attachScreeningToEpisode(ctx, stored);
    await alertPcpsOfSafetyFlag(ctx.deps, patient, stored);
  }
  return stored;
};

export const getScreening = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  screeningId: string,
): Promise<ScreeningResult> => {
  const target = { resourceType: 'screening', resourceId: screeningId, patientId } as const;
  return auditedRead(
    ctx,
    { action: 'screening.read', auditAction: 'screening.read', clinicId, target },
    async () => {
      const result = await ctx.deps.store.screenings.get(clinicId, patientId, screeningId);
      if (!result) throw DomainError.notFound('Screening');
      return result;
    },
  );
};

export const listScreenings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  page: PageQuery,
): Promise<Page<ScreeningResult>> => {
  const target = { resourceType: 'screening-list', patientId } as const;
  return auditedRead(
    ctx,
    { action: 'screening.read', auditAction: 'screening.list', clinicId, target },
    async () => {
      await requirePatient(ctx, clinicId, patientId);
      return ctx.deps.store.screenings.listForPatient(clinicId, patientId, page);
    },
  );
};

export const listClinicScreenings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  page: PageQuery,
): Promise<Page<ClinicScreeningItem>> => {
  const target = { resourceType: 'screening-list' } as const;
  return auditedRead(
    ctx,
    { action: 'screening.read', auditAction: 'screening.worklist', clinicId, target },
    () => ctx.deps.store.screenings.listForClinic(clinicId, page),
  );
};

/**
 * A clinician overrides the triage rule's disposition with a written reason (CLINICAL.md Part 1).
 * The rule's disposition stays as it was; the override, who made it and when are kept beside it,
 * and a later override pushes the earlier one into the history. Audited in the same transaction.
 */
export const overrideDisposition = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  screeningId: string,
  request: DispositionOverrideRequest,
): Promise<ScreeningResult> => {
  const target = { resourceType: 'screening', resourceId: screeningId, patientId } as const;
  await authorizeFor(ctx, 'screening.override', clinicId, target);
  const decision: DispositionOverride = {
    disposition: request.disposition,
    reason: request.reason,
    overriddenBy: ctx.actorId,
    overriddenAt: ctx.deps.clock.now().toISOString(),
  };
  const audit = auditEvent(ctx, clinicId, 'screening.override', target);
  return ctx.deps.store.screenings.override(
    clinicId,
    patientId,
    screeningId,
    decision,
    audit,
    request.expectedVersion,
  );
};
