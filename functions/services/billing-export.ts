/**
 * The claim CSV of a closed month: one row per code of every billable line, adjustments applied.
 * Lines a gate holds are left out (their codes are not billable); the response says how many.
 * Date of service for the monthly CoCM codes: the last day of the month on the clinic's calendar
 * (the service period ends then and the claim is submitted after it).
 */
import type { ClaimExport } from '../contracts/billing';
import { billingSettingsOf } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import { claimCsv, lastDayOf, type ClaimPractitioner } from '../domain/billing/csv';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { adjustedLine, requireClinic } from './billing-month';

export const exportBillingMonth = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  month: string,
): Promise<ClaimExport> => {
  const target = { resourceType: 'billing-export', resourceId: month } as const;
  await authorizeFor(ctx, 'billing.close', clinicId, target);
  const clinic = await requireClinic(ctx.deps, clinicId);
  const { billing, users } = ctx.deps.store;
  const header = await billing.getClose(clinicId, month);
  if (header?.status !== 'closed') {
    throw DomainError.conflict(`${month} is not closed: close it before exporting claims`, [
      { field: 'path.month', message: 'only a closed month is exported' },
    ]);
  }
  const [lines, adjustments] = await Promise.all([
    billing.listLines(clinicId, month),
    billing.listAdjustments(clinicId, month),
  ]);
  const billable = lines
    .filter((line) => line.gates.length === 0)
    .map((line) => adjustedLine(line, adjustments))
    .filter((line) => line.codes.length > 0)
    .sort(
      (a, b) =>
        a.patient.familyName.localeCompare(b.patient.familyName) ||
        a.patient.givenName.localeCompare(b.patient.givenName) ||
        a.patientId.localeCompare(b.patientId),
    );
  const practitionerIds = [
    ...new Set(billable.flatMap((line) => line.billingPractitionerId ?? [])),
  ];
  const profiles = await Promise.all(practitionerIds.map((userId) => users.get(userId)));
  const practitioners = new Map<string, ClaimPractitioner>();
  profiles.forEach((profile, index) => {
    const userId = practitionerIds[index];
    if (userId !== undefined) {
      practitioners.set(userId, { name: profile?.displayName ?? '', npi: profile?.npi ?? '' });
    }
  });
  const { csv, rows } = claimCsv({
    lines: billable.map((line) => ({ line, codes: line.codes })),
    practitioners,
    dateOfService: lastDayOf(month),
    placeOfService: billingSettingsOf(clinic).placeOfService,
  });
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'billing.export', target));
  return {
    filename: `cocm-${clinicId}-${month}.csv`,
    contentType: 'text/csv',
    csv,
    rows,
    gatedLinesLeftOut: lines.filter((line) => line.gates.length > 0).length,
  };
};
