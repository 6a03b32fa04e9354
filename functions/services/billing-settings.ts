/**
 * A clinic's billing settings (facility type, payer profiles, rate table, BH FTE cost): the admin
 * sets them; whoever reads the worksheet or the outcomes sees them.
 */
import type { BillingSettings } from '../contracts/billing';
import { billingSettingsOf } from '../contracts/clinics';
import type { ClinicId, FieldIssue } from '../contracts/common';
import { availableProfiles } from '../domain/billing';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';

const target = (clinicId: ClinicId) => ({ resourceType: 'clinic', resourceId: clinicId }) as const;

export const getBillingSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<BillingSettings> => {
  await authorizeFor(ctx, 'billing.read', clinicId, target(clinicId));
  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return billingSettingsOf(clinic);
};

/** A payer kind may only point at a profile that exists (built in, or one of the clinic's own). */
const profileIssues = (settings: BillingSettings): FieldIssue[] => {
  const known = new Set(availableProfiles(settings).map((profile) => profile.id));
  const issues: FieldIssue[] = Object.entries(settings.profiles).flatMap(([payer, id]) =>
    id === undefined || known.has(id)
      ? []
      : [{ field: `body.profiles.${payer}`, message: `no payer profile "${id}"` }],
  );
  const ids = settings.customProfiles.map((profile) => profile.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) {
      issues.push({ field: `body.customProfiles.${index}.id`, message: 'is used twice' });
    }
  });
  return issues;
};

/** Replaces the clinic's billing settings; worksheets and outcomes use them from the next read. */
export const putBillingSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  settings: BillingSettings,
): Promise<BillingSettings> => {
  await authorizeFor(ctx, 'billing.configure', clinicId, target(clinicId));
  const issues = profileIssues(settings);
  if (issues.length > 0) throw DomainError.validation('Unknown payer profiles', issues);
  const audit = auditEvent(ctx, clinicId, 'clinic.billing-settings', target(clinicId));
  await ctx.deps.store.clinics.setBillingSettings(clinicId, settings, audit);
  return settings;
};
