import type { ClinicId, Page } from '../contracts/common';
import type { Patient, PatientCreate, PatientSearchQuery } from '../contracts/patients';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor } from './access';

export const registerPatient = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  input: PatientCreate,
): Promise<Patient> => {
  await authorizeFor(ctx, 'patient.create', clinicId, { resourceType: 'patient' });
  const patient: Patient = {
    ...input,
    patientId: ctx.deps.ids.next(),
    clinicId,
    createdAt: ctx.deps.clock.now().toISOString(),
    createdBy: ctx.actorId,
  };
  const audit = auditEvent(ctx, clinicId, 'patient.create', {
    resourceType: 'patient',
    resourceId: patient.patientId,
    patientId: patient.patientId,
  });
  await ctx.deps.store.patients.create(patient, audit);
  return patient;
};

export const searchPatients = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: PatientSearchQuery,
): Promise<Page<Patient>> => {
  await authorizeFor(ctx, 'patient.search', clinicId, { resourceType: 'patient-list' });
  const page = await ctx.deps.store.patients.search(
    clinicId,
    { namePrefix: query.q, mrn: query.mrn },
    { limit: query.limit, cursor: query.cursor },
  );
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'patient.search', { resourceType: 'patient-list' }),
  );
  return page;
};

/**
 * Loads a patient of the clinic for an action that has already been authorized. A patient id that
 * belongs to another clinic simply is not under this clinic's key, so it answers 404 too.
 */
export const requirePatient = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<Patient> => {
  const patient = await ctx.deps.store.patients.get(clinicId, patientId);
  if (!patient) throw DomainError.notFound('Patient');
  return patient;
};

export const getPatient = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<Patient> => {
  const target = { resourceType: 'patient', resourceId: patientId, patientId } as const;
  return auditedRead(
    ctx,
    { action: 'patient.read', auditAction: 'patient.read', clinicId, target },
    () => requirePatient(ctx, clinicId, patientId),
  );
};
