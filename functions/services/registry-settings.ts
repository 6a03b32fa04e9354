import { registrySettingsOf } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type { Diagnosis, RegistrySettings } from '../contracts/registry';
import { DomainError } from '../domain/errors';
import { diagnosisCatalog } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';

const target = (clinicId: ClinicId) => ({ resourceType: 'clinic', resourceId: clinicId }) as const;

const requireClinic = async (ctx: RequestContext, clinicId: ClinicId) => {
  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return clinic;
};

/** Thresholds and capacity are the admin's to set; the care team sees their effect in the flags. */
export const getRegistrySettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<RegistrySettings> => {
  await authorizeFor(ctx, 'registry.configure', clinicId, target(clinicId));
  return registrySettingsOf(await requireClinic(ctx, clinicId));
};

/** Replaces the clinic's registry settings; views compute flags with them from the next read. */
export const putRegistrySettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  settings: RegistrySettings,
): Promise<RegistrySettings> => {
  await authorizeFor(ctx, 'registry.configure', clinicId, target(clinicId));
  await requireClinic(ctx, clinicId);
  const audit = auditEvent(ctx, clinicId, 'clinic.registry-settings', target(clinicId));
  await ctx.deps.store.clinics.setRegistrySettings(clinicId, settings, audit);
  return settings;
};

/** The codes offered at enrolment: the built-in primary-care list plus the clinic's own. */
export const getDiagnosisCatalog = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<{ items: Diagnosis[] }> => {
  await authorizeFor(ctx, 'registry.enrol', clinicId, target(clinicId));
  const clinic = await requireClinic(ctx, clinicId);
  return { items: diagnosisCatalog(registrySettingsOf(clinic)) };
};
