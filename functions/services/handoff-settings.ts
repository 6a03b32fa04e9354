import { handoffSettingsOf } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type { HandoffSettings } from '../contracts/handoff';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';

const target = (clinicId: ClinicId) => ({ resourceType: 'clinic', resourceId: clinicId }) as const;

export const getHandoffSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<HandoffSettings> => {
  await authorizeFor(ctx, 'clinic.read', clinicId, target(clinicId));
  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return handoffSettingsOf(clinic);
};

/** The admin sets the paging windows and media region; requests already paged keep their window. */
export const putHandoffSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  settings: HandoffSettings,
): Promise<HandoffSettings> => {
  await authorizeFor(ctx, 'clinic.configure', clinicId, target(clinicId));
  const audit = auditEvent(ctx, clinicId, 'clinic.handoff-settings', target(clinicId));
  await ctx.deps.store.clinics.setHandoffSettings(clinicId, settings, audit);
  return settings;
};
